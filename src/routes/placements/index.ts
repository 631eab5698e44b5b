import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { PageQuery } from '../../lib/pagination';
import {
  Accept,
  CheckInCreate,
  ConsentChange,
  Decline,
  End,
  HoursCreate,
  MeetingCreate,
  PlacementListQuery,
  ProposalCreate,
  Start,
  Withdraw,
} from '../../services/placements/schemas';
import { createRouter, IdParam, jsonBody, jsonContent, pageOf, problems, security } from '../shared/openapi';
import { CheckIn, Meeting, Placement, PlacementSummary } from './schemas';

const tags = ['Placements'];
const params = IdParam('plc', 'plc_01JD3S2Q7ZK4V0X9YB6N5M8T2R');

const stateMachine = `States: proposed → accepted | declined | withdrawn; accepted → started | withdrawn; started → ended.
declined, withdrawn and ended are final; any other move answers 409 (\`/problems/illegal-transition\`).
A proposal uses no place (many handlers may propose for the last one). Acceptance takes a place on the slot and room with one supervisor, atomically: concurrent acceptances for the last place never overbook (409 \`/problems/slot-full\` or \`/problems/supervisor-full\`). Start keeps the place; withdrawal after acceptance and the end free it at once, and matching sees it immediately.`;

/** One POST per state-machine move, each with its own body; the service checks legality, side and role. */
const transition = <Body extends z.ZodType>(
  action: 'accept' | 'decline' | 'withdraw' | 'start' | 'end',
  body: Body,
  doc: { summary: string; who: string; optionalBody?: boolean },
) =>
  createRoute({
    method: 'post',
    path: `/placements/{id}/${action}`,
    tags,
    security,
    summary: doc.summary,
    description: `${doc.who}\n\n${stateMachine}`,
    request: { params, body: { ...jsonBody(body), required: !doc.optionalBody } },
    responses: {
      200: jsonContent(Placement, 'The placement after the transition'),
      ...problems(403, 404, 409, 422),
    },
  });

const svc = (c: Context<AppEnv>) => c.var.services.placements;

export const placementsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/placements',
      tags,
      security,
      summary: 'Propose a participant for a slot',
      description: `Handlers (and admins) of the participant’s provider organization. The \`disclose\` list is recorded as the participant’s consent for the slot’s employer (with an expiry) and as a \`disclose\` audit entry. One live placement per participant and slot (409).\n\n${stateMachine}`,
      request: { body: jsonBody(ProposalCreate) },
      responses: { 201: jsonContent(Placement, 'Proposed'), ...problems(403, 404, 409, 422) },
    }),
    async (c) => c.json(await svc(c).propose(c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/placements',
      tags,
      security,
      summary: 'List placements visible to the caller',
      description:
        'A provider sees its participants’ placements; an employer or social enterprise sees the placements on its slots, with the disclosed fields only (each such read is audited).',
      request: { query: PageQuery.extend(PlacementListQuery.shape) },
      responses: { 200: jsonContent(pageOf(PlacementSummary, 'PlacementPage'), 'A page'), ...problems(403) },
    }),
    async (c) => c.json(await svc(c).list(c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/placements/{id}',
      tags,
      security,
      summary: 'Read a placement',
      description:
        'Both sides read it. The employer side sees the participant’s disclosed fields only while the consent is valid, never the reference or check-ins; each read that shows fields is audited.',
      request: { params },
      responses: { 200: jsonContent(Placement, 'The placement'), ...problems(403, 404) },
    }),
    async (c) => c.json(await svc(c).get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/placements/{id}/hours',
      tags,
      security,
      summary: 'Record the hours actually worked in a week',
      description:
        'Either side, for a started or ended placement; recording a week again corrects it. The list over time is the real ramp-up.',
      request: { params, body: jsonBody(HoursCreate) },
      responses: { 201: jsonContent(Placement, 'Recorded'), ...problems(403, 404, 409, 422) },
    }),
    async (c) =>
      c.json(await svc(c).recordHours(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/placements/{id}/check-ins',
      tags,
      security,
      summary: 'Record a follow-along check-in',
      description:
        'The provider side only. Date, with whom, and a short note. **This API is not a place for health data**: notes are at most 500 characters and refuse diagnoses, identity numbers and contact details. Notes are deleted when the participant is erased.',
      request: { params, body: jsonBody(CheckInCreate) },
      responses: {
        201: jsonContent(z.object({ checkIn: CheckIn, placement: Placement }), 'Recorded'),
        ...problems(403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(await svc(c).recordCheckIn(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/placements/{id}/meetings',
      tags,
      security,
      summary: 'Record a meeting (study visit, introduction, three-party)',
      description:
        'Either side. The date and kind are shared; a note is seen only by the organization that wrote it, and is never health data.',
      request: { params, body: jsonBody(MeetingCreate) },
      responses: {
        201: jsonContent(z.object({ meeting: Meeting, placement: Placement }), 'Recorded'),
        ...problems(403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await svc(c).recordMeeting(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/placements/{id}/consent',
      tags,
      security,
      summary: 'Change what the participant shows this employer',
      description:
        'The provider side only. Records a new consent for the employer (all the participant’s placements with it); an empty list revokes. Audited.',
      request: { params, body: jsonBody(ConsentChange) },
      responses: { 200: jsonContent(Placement, 'Changed'), ...problems(403, 404, 422) },
    }),
    async (c) =>
      c.json(await svc(c).changeConsent(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    transition('accept', Accept, {
      summary: 'Accept a proposal (employer side)',
      who: 'The slot’s organization (employer, enterprise or admin role). Takes a place and the supervisor’s room.',
      optionalBody: true,
    }),
    async (c) =>
      c.json(await svc(c).accept(c.var.actor, c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  )
  .openapi(
    transition('decline', Decline, {
      summary: 'Decline a proposal with a reason (employer side)',
      who: 'The slot’s organization. Uses nothing.',
    }),
    async (c) => c.json(await svc(c).decline(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    transition('withdraw', Withdraw, {
      summary: 'Withdraw a proposal or an acceptance',
      who: 'The provider side (handler, admin) from proposed or accepted; the employer side may withdraw its acceptance before the start. Withdrawal after acceptance frees the place.',
      optionalBody: true,
    }),
    async (c) =>
      c.json(await svc(c).withdraw(c.var.actor, c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  )
  .openapi(
    transition('start', Start, {
      summary: 'Record the first day at the workplace',
      who: 'Either side (the provider’s handler or the employer’s supervisor side). Keeps the place.',
      optionalBody: true,
    }),
    async (c) =>
      c.json(await svc(c).start(c.var.actor, c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  )
  .openapi(
    transition('end', End, {
      summary: 'End a started placement with its follow-up outcome',
      who: 'The provider side (handler, admin), who reports the outcome. Frees the place.',
    }),
    async (c) => c.json(await svc(c).end(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  );
