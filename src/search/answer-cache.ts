/**
 * The embedded search's answers, kept in a Node process while nothing they depend on has changed
 * (issue #17). Coaches browse and filter with the same few searches again and again, and each one
 * costs a statement over up to 7,000 candidates plus highlighting (about 8 times a `/health` request
 * on the demo registry, a third of the load mix's CPU); the registry changes far less often than it
 * is searched.
 *
 * Exact, not "fresh enough": before each search the process reads the search revision
 * (db/schema/search-revision.ts), one row moved on in the same transaction as every change that can
 * alter an answer (the index's writes, and through triggers a slot's or listing's status, places,
 * supervisor room or deletion, an organization's name). An answer is given again only while the
 * revision is the one read before it was made, so a search that starts after a write was committed
 * never gets an answer from before it; the revision is shared by every process and thread over the
 * file. A write that lands while a search runs can only make the kept answer newer than its revision.
 *
 * An edit of a slot's text moves nothing until its index task runs (as without the cache, the old
 * text is found until then); meanwhile the slot's availability is read live beside the index
 * (statement.ts) and any change of it moves the revision. Slots only: no participant data is kept.
 * Answers live in this process's memory, bounded by count and bytes, the oldest dropped first. The
 * same search asked again while it runs, at the same revision, waits for that one answer.
 */
import { type RenderedSearchResult, type SearchIndex, type SlotSearchQuery, searchRenderedBy } from './port';

export interface AnswerCacheLimits {
  /** Answers kept at most. */
  answers: number;
  /** UTF-8 bytes of kept answers at most. */
  bytes: number;
}

const DEFAULT_LIMITS: AnswerCacheLimits = { answers: 500, bytes: 16 * 1024 * 1024 };

interface Kept {
  revision: number;
  answer: RenderedSearchResult;
}

/**
 * `index` with its rendered answers (the API's search) kept per query and revision. `revision` reads
 * the current revision afresh (undefined when it cannot: then every search runs). Index writes and
 * `search` (the web pages' objects) pass straight through.
 */
export function withAnswerCache(
  index: SearchIndex,
  revision: () => number | undefined,
  limits: AnswerCacheLimits = DEFAULT_LIMITS,
): SearchIndex {
  const kept = new Map<string, Kept>();
  /** Searches under way, by query, with the revision read before each started. */
  const running = new Map<string, { revision: number; answer: Promise<RenderedSearchResult> }>();
  let keptBytes = 0;
  /** The newest revision seen: answers of older ones can never be given again. */
  let newest = -1;

  const drop = (key: string) => {
    const old = kept.get(key);
    if (!old) return;
    kept.delete(key);
    keptBytes -= old.answer.head.byteLength;
  };

  function keep(key: string, entry: Kept) {
    const size = entry.answer.head.byteLength;
    if (entry.revision !== newest || size > limits.bytes) return;
    drop(key);
    kept.set(key, entry);
    keptBytes += size;
    // A Map iterates in insertion order: the first keys are the oldest answers.
    for (const oldest of kept.keys()) {
      if (kept.size <= limits.answers && keptBytes <= limits.bytes) break;
      drop(oldest);
    }
  }

  const run = (query: SlotSearchQuery) => searchRenderedBy(index, query);

  return {
    engine: index.engine,
    init: () => index.init(),
    upsert: (docs) => index.upsert(docs),
    remove: (ids) => index.remove(ids),
    replaceAll: (batches) => index.replaceAll(batches),
    search: (query) => index.search(query),
    async searchRendered(query) {
      const now = revision();
      if (now === undefined) return run(query);
      if (now !== newest) {
        if (now > newest) {
          kept.clear();
          keptBytes = 0;
          newest = now;
        }
        // An older revision than one already seen (a read racing a commit): answer without keeping.
        if (now < newest) return run(query);
      }
      const key = JSON.stringify(query);
      const hit = kept.get(key);
      if (hit?.revision === now) return hit.answer;
      // The same search already running at this revision: its answer is this one's too. Under load
      // at 100,000 slots a broad search takes a tenth of a second and more, and the same searches
      // queued behind each other for the search thread.
      const flight = running.get(key);
      if (flight?.revision === now) return flight.answer;
      const answer = run(query);
      running.set(key, { revision: now, answer });
      try {
        const made = await answer;
        keep(key, { revision: now, answer: made });
        return made;
      } finally {
        if (running.get(key)?.answer === answer) running.delete(key);
      }
    },
  };
}
