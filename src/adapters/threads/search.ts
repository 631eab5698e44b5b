/**
 * The slot search run in background threads (background.ts): same index, same answers, but the
 * statements of one search — tens of milliseconds at 100,000 slots — no longer hold the request
 * thread. Each search goes to the thread with the fewest unanswered calls (the first of equals).
 * Writes to the index stay where they were called. If the thread cannot answer (it died and is being
 * restarted), the search runs here instead; an error of the search itself is passed on.
 */
import type { Logger } from '../../lib/logger';
import {
  type RenderedSearchResult,
  renderSearch,
  type SearchIndex,
  type SlotSearchResult,
} from '../../search/port';
import { type BackgroundThread, BackgroundUnavailable } from './background';

export function searchInBackground(
  local: SearchIndex,
  threads: readonly [BackgroundThread, ...BackgroundThread[]],
  logger: Logger,
): SearchIndex {
  const leastBusy = () => threads.reduce((best, t) => (t.inFlight() < best.inFlight() ? t : best));
  return {
    engine: local.engine,
    init: () => local.init(),
    upsert: (docs) => local.upsert(docs),
    remove: (ids) => local.remove(ids),
    replaceAll: (batches) => local.replaceAll(batches),
    async search(query) {
      const answer = await inThread('search', query);
      // Built by the same index in the other thread; structured cloning keeps plain data as it was.
      return answer === undefined ? local.search(query) : (answer as SlotSearchResult);
    },
    // What the API route asks: the answer's text crosses as one transferred buffer (port.ts, renderSearch).
    async searchRendered(query) {
      const answer = await inThread('searchRendered', query);
      return answer === undefined
        ? renderSearch(await local.search(query))
        : (answer as RenderedSearchResult);
    },
  };

  /** The thread's answer, or undefined when no thread could answer (the caller searches here). */
  async function inThread(method: string, query: unknown): Promise<unknown> {
    try {
      return await leastBusy().call(method, query);
    } catch (err) {
      if (!(err instanceof BackgroundUnavailable)) throw err;
      logger.warn('search in the background thread failed; searching here', { error: String(err) });
      return undefined;
    }
  }
}
