import { createRoute, z } from '@hono/zod-openapi';
import { AllocationRequest, MatchLimit } from '../../services/matching/schemas';
import { jsonText } from '../shared/json-text';
import { createRouter, IdParam, jsonBody, jsonContent, problems, security } from '../shared/openapi';

const tags = ['Matching'];

export const RenderedReason = z
  .object({
    code: z.string().openapi({ example: 'adaptations_offered' }),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
    text: z.object({
      sv: z.string().openapi({ example: 'Erbjuder 3 av 4 önskade anpassningar; saknas: tyst arbetsplats' }),
      en: z.string().openapi({ example: 'Offers 3 of 4 wanted adaptations; missing: quiet workspace' }),
    }),
  })
  .openapi('Reason', {
    description: 'A reason or gap as data (code, params) and as text a coach can read aloud.',
  });

const Components = z
  .object({
    text: z.number(),
    growth: z.number(),
    adaptations: z.number(),
    duration: z.number(),
    distance: z.number(),
    environment: z.number(),
    supervisor: z.number(),
  })
  .openapi('ScoreComponents', {
    description: 'Each 0–1; the score is their weighted sum (weights in src/matching/weights.ts).',
  });

const SlotSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string().nullable(),
    freePlaces: z.number().int(),
    hoursPerWeek: z.object({ min: z.number(), max: z.number() }),
  })
  .openapi('SlotSummary');

const MatchBase = z.object({
  slotId: z.string(),
  participantId: z.string(),
  score: z.number().openapi({ description: '0–1, best first.' }),
  components: Components,
  distanceKm: z.number().openapi({ description: 'Great-circle distance; travel by road is longer.' }),
  overlapHours: z
    .number()
    .openapi({ description: 'Supervised hours per week the participant is available for.' }),
  reasons: z.array(RenderedReason),
  gaps: z.array(RenderedReason),
});

const Matches = z
  .object({ data: z.array(MatchBase.extend({ slot: SlotSummary.nullable() })), today: z.string() })
  .openapi('Matches');
type Matches = z.infer<typeof Matches>;

export const matchingRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/matches',
      tags,
      security,
      summary: 'The slots that fit a participant best, with reasons and gaps',
      description:
        'Only open slots with a free place and a supervisor with room, every must-have adaptation offered, enough overlapping supervised hours, within maxTravelKm (great-circle), of a wanted kind and naming nothing the participant avoids. For handlers of the participant’s organization.',
      request: { params: IdParam('prt', 'prt_01JD3S2Q7ZK4V0X9YB6N5M8T2R'), query: MatchLimit },
      responses: {
        200: jsonContent(Matches, 'Best first'),
        ...problems(403, 404),
      },
    }),
    async (c) =>
      jsonText<Matches>(
        c,
        await c.var.services.matching.matchesText(c.var.actor, c.req.valid('param').id, c.req.valid('query')),
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/slots/{id}/candidates',
      tags,
      security,
      summary: 'The caller’s organization’s participants ranked for one slot',
      request: { params: IdParam('slt', 'slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R'), query: MatchLimit },
      responses: {
        200: jsonContent(
          z
            .object({
              data: z.array(
                MatchBase.extend({ participant: z.object({ reference: z.string(), handlerId: z.string() }) }),
              ),
              slot: z.object({
                id: z.string(),
                title: z.string(),
                status: z.string(),
                freePlaces: z.number().int(),
              }),
              today: z.string(),
            })
            .openapi('Candidates'),
          'Best first',
        ),
        ...problems(403, 404),
      },
    }),
    async (c) =>
      c.json(
        await c.var.services.matching.candidatesFor(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/allocations',
      tags,
      security,
      summary: 'Optimal allocation of scarce places (a proposal; nothing is booked)',
      description:
        'Maximises the total score so that no slot gets more participants than its free places and no supervisor more than their free room (min-cost flow). The same input always gives the same result.',
      request: { body: jsonBody(AllocationRequest) },
      responses: {
        200: jsonContent(
          z
            .object({
              assignments: z.array(
                z.object({
                  participantId: z.string(),
                  slotId: z.string(),
                  supervisorId: z.string(),
                  score: z.number(),
                  slot: SlotSummary.nullable(),
                }),
              ),
              unassigned: z.array(z.object({ participantId: z.string(), reason: RenderedReason })),
              totalScore: z.number(),
              slotsConsidered: z.number().int(),
              today: z.string(),
            })
            .openapi('Allocation'),
          'The allocation',
        ),
        ...problems(403, 422),
      },
    }),
    async (c) => c.json(await c.var.services.matching.allocate(c.var.actor, c.req.valid('json')), 200),
  );
