/**
 * GET /v1/participants/{id}/capacity-matches: social enterprises' work-training capacity listings
 * that can take a participant, best first, with reasons and gaps as for slots (issue #14).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { MatchLimit } from '../../services/matching/schemas';
import { createRouter, IdParam, jsonContent, problems, security } from '../shared/openapi';
import { RenderedReason } from './index';

const ListingSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    municipalityCode: z.string(),
    activityAreas: z.array(z.string()),
    freePlaces: z.number().int(),
    hoursPerWeek: z.object({ min: z.number(), max: z.number() }),
  })
  .openapi('CapacityListingSummary');

const CapacityMatch = z
  .object({
    listingId: z.string(),
    participantId: z.string(),
    score: z.number().openapi({ description: '0–1, best first.' }),
    distanceKm: z
      .number()
      .openapi({ description: 'Great-circle distance to its site (or municipality centre).' }),
    reasons: z.array(RenderedReason),
    gaps: z.array(RenderedReason),
    listing: ListingSummary,
  })
  .openapi('CapacityMatch');

export const capacityMatchingRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/participants/{id}/capacity-matches',
    tags: ['Matching'],
    security,
    summary: 'Social enterprises’ work-training capacity that fits a participant, with reasons and gaps',
    description:
      'Open capacity listings with a free place, within maxTravelKm of the participant (from the listing’s site, or its municipality’s centre), whose minimum hours the participant manages now, when work training is a wanted kind and the listing names nothing the participant avoids. Ranked by interests and strengths met by the listing’s title, activity areas and description, then room to grow towards the target hours, then distance. A listing states no schedule or adaptations: check those with the enterprise. For handlers of the participant’s organization.',
    request: { params: IdParam('prt', 'prt_01JD3S2Q7ZK4V0X9YB6N5M8T2R'), query: MatchLimit },
    responses: {
      200: jsonContent(
        z.object({ data: z.array(CapacityMatch), today: z.string() }).openapi('CapacityMatches'),
        'Best first',
      ),
      ...problems(403, 404),
    },
  }),
  async (c) =>
    c.json(
      await c.var.services.matching.capacityMatchesFor(
        c.var.actor,
        c.req.valid('param').id,
        c.req.valid('query'),
      ),
      200,
    ),
);
