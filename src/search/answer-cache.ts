/**
 * The embedded search's answers, kept in a Node process while nothing they depend on has changed
 * (issue #17). Coaches browse and filter with the same few searches again and again, and each one
 * costs a statement over up to 7,000 candidates plus highlighting (about 8 times a `/health` request
 * on the demo registry, a third of the load mix's CPU; a search with a common word at 100,000 slots
 * ranks all its matches, 25–30 ms); the registry changes far less often than it is searched.
 *
 * Before each search the process reads the two search revisions (db/schema/search-revision.ts): `live`
 * is moved on, in the same transaction, by every change to what a search reads live beside the index
 * (a slot's or listing's status, places, supervisor room, deletion; an organization's name), `index`
 * by every write of the index itself (new or changed text and filters of a slot, as its outbox task
 * runs). Both are shared by every process and thread over the file.
 * - Once `live` moved, no answer made before is given again: a slot closed, filled or deleted leaves
 *   every answer of a search that starts after it was committed.
 * - While both stand, the kept answer is given.
 * - When only `index` moved, a kept answer made less than `graceMs` ago (counted from the read before
 *   it was made) is still given, and the new one is made beside it (once per search and revision), to
 *   be given from then on. The index takes text edits from the outbox anyway (up to half a second
 *   later under sustained writes: kick-spacing.ts); this lets them reach answers up to `graceMs` later
 *   still, so that at 100,000 slots no search waits for the word searches made again after each index
 *   write (about twice a second under the load mix's edits, each 25–30 ms on the search thread).
 *   With `graceMs` 0 every answer is exactly a fresh search's.
 *
 * A write that lands while a search runs can only make the kept answer newer than its revisions.
 * Slots only: no participant data is kept. Answers live in this process's memory, bounded by count and
 * bytes, the oldest dropped first. The same search asked again while it runs, at the same revisions,
 * waits for that one answer.
 */
import { type RenderedSearchResult, type SearchIndex, type SlotSearchQuery, searchRenderedBy } from './port';

export interface AnswerCacheLimits {
  /** Answers kept at most. */
  answers: number;
  /** UTF-8 bytes of kept answers at most. */
  bytes: number;
}

const DEFAULT_LIMITS: AnswerCacheLimits = { answers: 500, bytes: 16 * 1024 * 1024 };

/** The two search revisions, as read together before a search (embedded/revision.ts). */
export interface SearchRevision {
  live: number;
  index: number;
}

export interface AnswerCacheOptions {
  limits?: AnswerCacheLimits;
  /** How long after its revisions were read a kept answer may be given once only `index` moved (0: never). */
  graceMs?: number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  now?: () => number;
}

interface Kept {
  at: SearchRevision;
  /** When the revisions it was made at were read. */
  readAt: number;
  answer: RenderedSearchResult;
}

const same = (a: SearchRevision, b: SearchRevision) => a.live === b.live && a.index === b.index;
/** Whether `a` is later than `b`: each revision only grows. */
const later = (a: SearchRevision, b: SearchRevision) =>
  a.live > b.live || (a.live === b.live && a.index > b.index);

/**
 * `index` with its rendered answers (the API's search) kept per query and revisions. `revision` reads
 * the current revisions afresh (undefined when it cannot: then every search runs). Index writes and
 * `search` (the web pages' objects) pass straight through.
 */
export function withAnswerCache(
  index: SearchIndex,
  revision: () => SearchRevision | undefined,
  { limits = DEFAULT_LIMITS, graceMs = 0, now = () => performance.now() }: AnswerCacheOptions = {},
): SearchIndex {
  const kept = new Map<string, Kept>();
  /** Searches under way, by query, with the revisions read before each started. */
  const running = new Map<string, { at: SearchRevision; answer: Promise<RenderedSearchResult> }>();
  let keptBytes = 0;
  /** The latest revisions seen: answers of earlier ones are never kept. */
  let newest: SearchRevision = { live: -1, index: -1 };

  const drop = (key: string) => {
    const old = kept.get(key);
    if (!old) return;
    kept.delete(key);
    keptBytes -= old.answer.head.byteLength;
  };

  /**
   * Kept: an answer made since `live` last moved, unless a later one is kept already. One made while
   * the index moved on again is still newer than the one it replaces (given within its grace only).
   */
  function keep(key: string, entry: Kept) {
    const size = entry.answer.head.byteLength;
    if (entry.at.live !== newest.live || size > limits.bytes) return;
    const old = kept.get(key);
    if (old && later(old.at, entry.at)) return;
    drop(key);
    kept.set(key, entry);
    keptBytes += size;
    // A Map iterates in insertion order: the first keys are the oldest answers.
    for (const oldest of kept.keys()) {
      if (kept.size <= limits.answers && keptBytes <= limits.bytes) break;
      drop(oldest);
    }
  }

  /**
   * The search made at `at` (read at `readAt`), kept once made; the same one already running at
   * these revisions is joined instead. Under load at 100,000 slots a broad search takes a tenth of
   * a second and more, and the same searches queued behind each other for the search thread.
   */
  function made(key: string, query: SlotSearchQuery, at: SearchRevision, readAt: number) {
    const flight = running.get(key);
    if (flight && same(flight.at, at)) return flight.answer;
    const answer = searchRenderedBy(index, query);
    running.set(key, { at, answer });
    answer.then(
      (made) => keep(key, { at, readAt, answer: made }),
      () => {},
    );
    const done = () => {
      if (running.get(key)?.answer === answer) running.delete(key);
    };
    answer.then(done, done);
    return answer;
  }

  return {
    engine: index.engine,
    init: () => index.init(),
    upsert: (docs) => index.upsert(docs),
    remove: (ids) => index.remove(ids),
    replaceAll: (batches) => index.replaceAll(batches),
    search: (query) => index.search(query),
    async searchRendered(query) {
      const at = revision();
      if (at === undefined) return searchRenderedBy(index, query);
      const readAt = now();
      if (later(at, newest)) {
        // Once `live` moved nothing kept may be given; after an index write only within the grace.
        if (at.live !== newest.live) {
          kept.clear();
          keptBytes = 0;
        }
        newest = at;
      } else if (!same(at, newest)) {
        // Earlier than revisions already seen (a read racing a commit): answer without keeping.
        return searchRenderedBy(index, query);
      }
      const key = JSON.stringify(query);
      const hit = kept.get(key);
      if (hit && hit.at.live === at.live) {
        if (hit.at.index === at.index) return hit.answer;
        if (readAt - hit.readAt < graceMs) {
          // The new answer is made beside it (a failure leaves this one until its grace is over).
          made(key, query, at, readAt).catch(() => {});
          return hit.answer;
        }
      }
      return made(key, query, at, readAt);
    },
  };
}
