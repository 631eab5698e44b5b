import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Schema } from 'hono';
import type { AppEnv } from '../../app-env';
import { AccessCodeCreate } from '../../services/participant-access/schemas';
import { IdParam, jsonBody, jsonContent, problems, security } from '../shared/openapi';

const AccessCode = z
  .object({
    id: z.string(),
    participantId: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('AccessCode', { description: 'An access code without its secret.' });

const IssuedAccessCode = AccessCode.extend({
  code: z.string().openapi({
    description:
      'The code itself, `XXXX-XXXX-XXXX`: shown in this answer only (the registry keeps its hash).',
    example: '7K2Q-M9XD-4RTV',
  }),
}).openapi('IssuedAccessCode');

const CodeParams = IdParam('prt', 'prt_01JD3S2Q7ZK4V0X9YB6N5M8T2R').extend({
  codeId: z
    .string()
    .regex(/^pac_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id starting with pac_')
    .openapi({ param: { name: 'codeId', in: 'path' }, example: 'pac_01JD3S2Q7ZK4V0X9YB6N5M8T2R' }),
});

const who =
  'Handlers and admins of the participant’s organization (coordinators may list); anyone else gets 404.';

/** The participant's access codes: issue (shown once), list (no secret), revoke. */
export function withAccessCodeRoutes<S extends Schema>(router: OpenAPIHono<AppEnv, S>) {
  return router
    .openapi(
      createRoute({
        method: 'post',
        path: '/participants/{id}/access-codes',
        tags: ['Participants'],
        security,
        summary: 'Issue an access code the participant signs in with on their phone (shown once)',
        description: `${who} The participant signs in at /me/sign-in with the code (or its QR code) and the device stays signed in until the code expires or is revoked. Only the code’s hash is stored; wrong codes count against the sign-in rate limits. Audited.`,
        request: {
          params: IdParam('prt', 'prt_01JD3S2Q7ZK4V0X9YB6N5M8T2R'),
          body: jsonBody(AccessCodeCreate),
        },
        responses: { 201: jsonContent(IssuedAccessCode, 'The code, shown once'), ...problems(403, 404) },
      }),
      async (c) =>
        c.json(
          await c.var.services.participantAccess.codes.issue(
            c.var.actor,
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/participants/{id}/access-codes',
        tags: ['Participants'],
        security,
        summary: 'List a participant’s access codes, without the codes themselves',
        description: who,
        request: { params: IdParam('prt', 'prt_01JD3S2Q7ZK4V0X9YB6N5M8T2R') },
        responses: { 200: jsonContent(z.array(AccessCode), 'Newest first'), ...problems(403, 404) },
      }),
      async (c) =>
        c.json(await c.var.services.participantAccess.codes.list(c.var.actor, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/participants/{id}/access-codes/{codeId}/revoke',
        tags: ['Participants'],
        security,
        summary: 'Revoke an access code: it signs no one in, and its devices are signed out at once',
        description: `${who} Revoking twice answers the same. Audited.`,
        request: { params: CodeParams },
        responses: { 200: jsonContent(AccessCode, 'The revoked code'), ...problems(403, 404) },
      }),
      async (c) => {
        const { id, codeId } = c.req.valid('param');
        return c.json(await c.var.services.participantAccess.codes.revoke(c.var.actor, id, codeId), 200);
      },
    );
}
