/**
 * Search as the API offers it: the caller's visibility applied (providers and the platform see every
 * organization's slots, employers and enterprises only their own), today's date in Sweden, and the
 * next page's cursor.
 */
import type { Actor } from '../../auth/actor';
import { registryScope } from '../../auth/policy';
import { localDate } from '../../lib/local-time';
import { encodeOffsetCursor } from '../../search/filters';
import type { SearchIndex, SlotSearchResult } from '../../search/port';
import { MAX_OFFSET, type ParsedSearch } from '../../search/query';
import type { ServiceContext } from '../context';

export interface SearchPage extends SlotSearchResult {
  nextCursor: string | null;
}

export function searchService(ctx: ServiceContext, index: SearchIndex) {
  return {
    engine: index.engine,
    async search(actor: Actor, parsed: ParsedSearch): Promise<SearchPage> {
      const query = {
        ...parsed,
        organizationId: registryScope(actor, parsed.organizationId),
        today: localDate(new Date(ctx.now())),
      };
      const result = await index.search(query);
      const next = query.offset + query.limit;
      const more = result.hits.length === query.limit && next < result.total && next <= MAX_OFFSET;
      return { ...result, nextCursor: more ? encodeOffsetCursor(next) : null };
    },
  };
}

export type SearchService = ReturnType<typeof searchService>;
