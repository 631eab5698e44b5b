/**
 * Chooses the search adapter from validated config, in one place: MEILISEARCH_URL set → Meilisearch,
 * otherwise the embedded FTS5 search in the app's own database (the quick start and CI).
 */
import type { Db } from '../adapters/db/types';
import type { AppConfig } from '../config';
import { embeddedSearch } from './embedded';
import { meilisearchSearch } from './meilisearch';
import type { SearchIndex } from './port';

export function createSearchIndex(
  config: Pick<
    AppConfig,
    'MEILISEARCH_URL' | 'MEILISEARCH_API_KEY' | 'MEILISEARCH_INDEX' | 'SEARCH_WINDOW' | 'SEARCH_PLAN'
  >,
  db: Db,
  /** The database is a file on this machine (Node): searches then spend least CPU, not fewest rows read. */
  localFile = false,
): SearchIndex {
  if (config.MEILISEARCH_URL)
    return meilisearchSearch({
      url: config.MEILISEARCH_URL,
      apiKey: config.MEILISEARCH_API_KEY,
      index: config.MEILISEARCH_INDEX,
      db,
    });
  return embeddedSearch(db, {
    window: config.SEARCH_WINDOW,
    plan: config.SEARCH_PLAN ?? (localFile ? 'cpu' : 'rows-read'),
  });
}

export type { SearchIndex, SlotSearchQuery, SlotSearchResult } from './port';
