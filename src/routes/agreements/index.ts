import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { AgreementApprove, AgreementDraft } from '../../services/agreements/schemas';
import { createRouter, IdParam, jsonBody, jsonContent, problems, security } from '../shared/openapi';
import { Agreement } from './schemas';

const tags = ['Placement agreements'];
const params = IdParam('plc', 'plc_01JD3S2Q7ZK4V0X9YB6N5M8T2R');
const svc = (c: Context<AppEnv>) => c.var.services.agreements;

const about = `One agreement per placement, approved by the participant, the employer and the handler. Every change is a new version (earlier versions stay readable with who changed what) and withdraws all approvals. A placement of any kind but a competitive job starts only when the current version carries all three approvals (otherwise \`start\` answers 409 \`/problems/agreement-not-approved\`, naming who has not approved).`;

export const agreementsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/placements/{id}/agreement',
      tags,
      security,
      summary: 'Read a placement’s agreement, its approvals and earlier versions',
      description: `Both sides of the placement. The employer sees the participant’s fields only as the participant agreed to share them (each such read is audited), and only the support-team contacts the participant consented to.\n\n${about}`,
      request: { params },
      responses: { 200: jsonContent(Agreement, 'The agreement'), ...problems(403, 404) },
    }),
    async (c) => c.json(await svc(c).get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/placements/{id}/agreement',
      tags,
      security,
      summary: 'Draft or change the agreement (a new version)',
      description: `The provider side (handler, admin), once the employer has accepted (409 \`/problems/agreement-not-open\` before). Saving the same content again makes no new version. The employer and the handler are mailed, and the participant gets a notice on their page, to approve the new version.\n\n${about}`,
      request: { params, body: jsonBody(AgreementDraft) },
      responses: {
        200: jsonContent(Agreement, 'The agreement with its new current version'),
        ...problems(403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await svc(c).draft(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/placements/{id}/agreement/approve',
      tags,
      security,
      summary: 'Approve the current version',
      description: `The party follows from the caller: the provider side approves as the handler, or for the participant with \`onBehalfOfParticipant\` and a \`reason\` (recorded and shown); the employer side as the employer (403 on the participant’s behalf). An older version answers 409 \`/problems/agreement-version-old\`. Approving again is a no-op.\n\n${about}`,
      request: { params, body: jsonBody(AgreementApprove) },
      responses: {
        200: jsonContent(Agreement, 'The agreement with the approval'),
        ...problems(403, 404, 409),
      },
    }),
    async (c) => c.json(await svc(c).approve(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  );
