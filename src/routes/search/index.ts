/**
 * GET /v1/slots/search: full text with filters, facets and distance. Registered before the slots
 * router, whose `/slots/{id}` would otherwise take `/slots/search`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { adaptationCodes, levels, slotKinds, slotStatuses } from '../../domain/vocabulary';
import { badRequest } from '../../lib/problem';
import { listings } from '../../search/capacity-document';
import { SearchQuerySchema, toSearchQuery } from '../../search/query';
import { jsonText } from '../shared/json-text';
import { createRouter, jsonContent, problems, security } from '../shared/openapi';

const Hit = z
  .object({
    id: z.string().openapi({ example: 'slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R' }),
    listing: z.enum(listings).openapi({
      description:
        '`slot`: a supervised place (GET /v1/slots/{id}); `capacity`: a social enterprise’s work-training capacity listing (GET /v1/capacity/{id}), found by its title, description and activity areas. A listing states no weekdays, adaptations, SSYK group or demand levels, so filters on those leave it out.',
    }),
    title: z.string().openapi({ example: 'Bageribiträde i surdegsbageri' }),
    organization: z.object({ id: z.string(), name: z.string() }),
    municipality: z.object({ code: z.string(), name: z.string().nullable() }),
    kind: z.enum(slotKinds),
    status: z.enum(slotStatuses),
    hoursPerWeek: z.object({ min: z.number(), max: z.number() }),
    capacity: z.number().int(),
    freePlaces: z.number().int(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    openEnded: z.boolean(),
    leadsToHire: z.boolean(),
    adaptations: z.array(z.enum(adaptationCodes)),
    distanceKm: z
      .number()
      .nullable()
      .openapi({ description: 'Straight-line km from `near`; null without it.' }),
    highlight: z
      .object({
        title: z.string().openapi({ example: '<mark>Bageri</mark>biträde i surdegs<mark>bageri</mark>' }),
        snippet: z.string(),
      })
      .openapi({ description: 'HTML-escaped text; the matched words are in `<mark>…</mark>`.' }),
  })
  .openapi('SlotSearchHit');

const counts = z.record(z.string(), z.number().int());

const SearchResponse = z
  .object({
    data: z.array(Hit),
    total: z.number().int().openapi({
      description:
        'Matching slots on all pages when `totalExact` is true; otherwise the matches found among the candidates the search examined, and more exist ("more than `total`").',
    }),
    totalExact: z.boolean().openapi({
      description:
        'False when the search stopped counting: the embedded engine examines at most SEARCH_WINDOW candidates (7,000 by default) from its most selective access path, in the order of the sort (newest first when browsing, best text matches first with words, nearest first within a radius), so it never reads the whole registry; Meilisearch stops at 10,000. Then `total` and `facets` count the matches among those candidates, and the first pages are still the right ones wherever that order is the sort’s.',
    }),
    facets: z
      .object({
        municipalityCode: counts,
        kind: counts,
        adaptations: counts,
        ssyk: counts,
        majorGroup: counts,
      })
      .openapi({
        description:
          'Counts over the matches `total` counts, every filter applied: over all matching slots when `totalExact` is true. `ssyk` by SSYK 2012 unit group, `majorGroup` by its first digit (slots without a code are not counted).',
      }),
    nextCursor: z.string().nullable(),
    meta: z.object({
      engine: z.enum(['embedded', 'meilisearch']),
      sort: z.enum(['relevance', 'distance', 'newest']),
    }),
  })
  .openapi('SlotSearchResults');

const utf8 = new TextEncoder();

export const searchRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/slots/search',
    tags: ['Slots'],
    security,
    summary: 'Search slots: text, filters, facets and distance',
    description: [
      'Finds open slots that can take someone now: a free place and a supervisor with room (unless `status`/`includeFull` say otherwise).',
      'Words are understood as Swedish: other forms of a word ("bakning" finds "baka bröd" and "bageri"), parts of compounds ("verkstad" finds "bilverkstad"), spellings without å/ä/ö (ranked below exact spellings), occupation names ("diskare" finds slots in SSYK 9412) and SSYK codes ("7612").',
      'Providers and the platform search every organization’s slots; employers and enterprises their own.',
      `Levels: ${levels.join(', ')}. Closed or deleted slots and slots that filled up leave the results at once; other edits appear within moments.`,
    ].join(' '),
    request: { query: SearchQuerySchema },
    responses: { 200: jsonContent(SearchResponse, 'One page of results'), ...problems() },
  }),
  async (c) => {
    const search = c.var.services.search;
    const parsed = toSearchQuery(c.req.valid('query'));
    if ('errors' in parsed) throw badRequest('The search parameters do not fit together.', parsed.errors);
    const page = await search.searchRendered(c.var.actor, parsed.query);
    // The bytes c.json would send for { data, total, totalExact, facets, nextCursor, meta }: the
    // search made the text up to the facets, UTF-8 already (port.ts, renderSearch), so the request
    // thread neither copies hits and facets back into objects and stringifies them again nor encodes
    // the text; it adds the last two fields.
    const tail = utf8.encode(
      `,"nextCursor":${JSON.stringify(page.nextCursor)},"meta":${JSON.stringify({ engine: search.engine, sort: parsed.query.sort })}}`,
    );
    const body = new Uint8Array(page.head.length + tail.length);
    body.set(page.head);
    body.set(tail, page.head.length);
    return jsonText<z.infer<typeof SearchResponse>>(c, body);
  },
);
