/**
 * The slot search run in background threads (background.ts): same index, same answers, but the
 * statements of one search — tens of milliseconds at 100,000 slots — no longer hold the request
 * thread. Each search goes to the thread with the fewest unanswered calls (the first of equals).
 * Writes to the index stay where they were called. If the thread cannot answer (it died and is being
 * restarted), the search runs here instead; an error of the search itself is passed on.
 */
import type { Logger } from '../../lib/logger';
import type { SearchIndex, SlotSearchResult } from '../../search/port';
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
      let answer: unknown;
      try {
        answer = await leastBusy().call('search', query);
      } catch (err) {
        if (!(err instanceof BackgroundUnavailable)) throw err;
        logger.warn('search in the background thread failed; searching here', { error: String(err) });
        return local.search(query);
      }
      // Built by the same index in the other thread; structured cloning keeps plain data as it was.
      return answer as SlotSearchResult;
    },
  };
}
