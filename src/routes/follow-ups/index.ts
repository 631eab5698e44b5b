import { createRoute, z } from '@hono/zod-openapi';
import { followUpCauses, followUpSituations, milestoneMonths, outcomeCategories } from '../../../db/schema';
import { PageQuery } from '../../lib/pagination';
import {
  ExitCreate,
  FollowUpListQuery,
  FollowUpRecord,
  followUpStatuses,
} from '../../services/follow-ups/schemas';
import { createRouter, IdParam, jsonBody, jsonContent, pageOf, problems, security } from '../shared/openapi';

const tags = ['Follow-up after the programme'];

const Exit = z
  .object({
    participantId: z.string(),
    date: z.string(),
    outcome: z.enum(outcomeCategories),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .openapi('Exit');

const FollowUp = z
  .object({
    id: z.string(),
    participantId: z.string(),
    reference: z.string().openapi({ description: 'The participant’s code (your organization only).' }),
    cause: z.enum(followUpCauses),
    placementId: z.string().nullable().openapi({ description: 'The placement that ended with the hire.' }),
    baseDate: z.string().openapi({ description: 'The date of the exit or the hire.' }),
    months: z.union(milestoneMonths.map((m) => z.literal(m))),
    dueDate: z.string(),
    status: z.enum(followUpStatuses),
    situation: z.enum(followUpSituations).nullable(),
    situationDate: z.string().nullable(),
    recordedBy: z.string().nullable(),
    recordedAt: z.string().nullable(),
  })
  .openapi('FollowUp');

const participantParams = IdParam('prt', 'prt_01JD3S2Q7ZK4V0X9YB6N5M8T2R');
const params = IdParam('fup', 'fup_01JD3S2Q7ZK4V0X9YB6N5M8T2R');

export const followUpsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/exit',
      tags,
      security,
      summary: 'Record a participant’s exit (the SUS out-registration)',
      description:
        'Handlers and admins of the participant’s organization. Ends the participant and schedules follow-ups 3, 6 and 12 months after the exit date, each with a reminder to the handler when it falls due. One exit per participant (409 `already-exited`); a participant with a proposed, accepted or started placement cannot exit (409 `live-placements`): end it with its outcome, or withdraw it, first.',
      request: { params: participantParams, body: jsonBody(ExitCreate) },
      responses: { 201: jsonContent(Exit, 'Recorded'), ...problems(403, 404, 409, 422) },
    }),
    async (c) =>
      c.json(
        await c.var.services.followUps.recordExit(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/follow-ups',
      tags,
      security,
      summary: 'List follow-ups after exits and hires',
      description:
        'The organization’s follow-ups 3, 6 and 12 months after an exit (`POST /v1/participants/{id}/exit`) or a hire (a placement ended with `hiredByEmployer`), oldest first; `status=due` lists those to answer now. Handlers, coordinators and admins of the organization.',
      request: { query: PageQuery.extend(FollowUpListQuery.shape) },
      responses: { 200: jsonContent(pageOf(FollowUp, 'FollowUpPage'), 'A page'), ...problems(403) },
    }),
    async (c) => c.json(await c.var.services.followUps.list(c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/follow-ups/{id}',
      tags,
      security,
      summary: 'Read a follow-up',
      request: { params },
      responses: { 200: jsonContent(FollowUp, 'The follow-up'), ...problems(403, 404) },
    }),
    async (c) => c.json(await c.var.services.followUps.get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/follow-ups/{id}',
      tags,
      security,
      summary: 'Record where the person is at a follow-up',
      description:
        'Handlers and admins of the organization. The same categories as an exit, or `not_reached`; recording again corrects the answer. Reports count who is still in work or studies at each milestone.',
      request: { params, body: jsonBody(FollowUpRecord) },
      responses: { 200: jsonContent(FollowUp, 'Recorded'), ...problems(403, 404, 422) },
    }),
    async (c) =>
      c.json(
        await c.var.services.followUps.record(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
