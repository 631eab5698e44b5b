/**
 * Search as the API offers it: the caller's visibility applied (providers and the platform see every
 * organization's slots, employers and enterprises only their own), today's date in Sweden, and the
 * next page's cursor.
 */
import type { Actor } from '../../auth/actor';
import { registryScope } from '../../auth/policy';
import { localDate } from '../../lib/local-time';
import { encodeOffsetCursor } from '../../search/filters';
import {
  type RenderedSearchResult,
  type SearchIndex,
  type SlotSearchResult,
  searchRenderedBy,
} from '../../search/port';
import { MAX_OFFSET, type ParsedSearch } from '../../search/query';
import type { ServiceContext } from '../context';

export interface SearchPage extends SlotSearchResult {
  nextCursor: string | null;
}

/** A page whose hits, total and facets are the API's JSON text already (port.ts, renderSearch). */
export interface RenderedSearchPage extends RenderedSearchResult {
  nextCursor: string | null;
}

export function searchService(ctx: ServiceContext, index: SearchIndex) {
  const queryOf = (actor: Actor, parsed: ParsedSearch) => ({
    ...parsed,
    organizationId: registryScope(actor, parsed.organizationId),
    today: localDate(new Date(ctx.now())),
  });
  /** The next page's cursor, when there are more hits within reach. */
  function nextCursor(query: ParsedSearch, hitCount: number, total: number) {
    const next = query.offset + query.limit;
    const more = hitCount === query.limit && next < total && next <= MAX_OFFSET;
    return more ? encodeOffsetCursor(next) : null;
  }
  return {
    engine: index.engine,
    async search(actor: Actor, parsed: ParsedSearch): Promise<SearchPage> {
      const query = queryOf(actor, parsed);
      const result = await index.search(query);
      return { ...result, nextCursor: nextCursor(query, result.hits.length, result.total) };
    },
    /** The same page as the start of its JSON text, made where the search ran when it ran elsewhere. */
    async searchRendered(actor: Actor, parsed: ParsedSearch): Promise<RenderedSearchPage> {
      const query = queryOf(actor, parsed);
      const result = await searchRenderedBy(index, query);
      return { ...result, nextCursor: nextCursor(query, result.hitCount, result.total) };
    },
  };
}

export type SearchService = ReturnType<typeof searchService>;
