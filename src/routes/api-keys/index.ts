import { createRoute, z } from '@hono/zod-openapi';
import { roles } from '../../../db/schema';
import { ids } from '../../domain/fields';
import { PageQuery } from '../../lib/pagination';
import { IssueApiKey } from '../../services/api-keys';
import { createRouter, jsonBody, jsonContent, pageOf, problems, security } from '../shared/openapi';

const tags = ['API keys'];

const KeyUser = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(roles) });
const ApiKey = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to tell keys apart.' }),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    user: KeyUser,
  })
  .openapi('ApiKey');
const IssuedApiKey = ApiKey.extend({
  key: z.string().openapi({ description: 'The secret key. Shown once; only its hash is stored.' }),
}).openapi('IssuedApiKey');

const OrgParams = z.object({ id: ids('org').openapi({ param: { name: 'id', in: 'path' } }) });
const KeyParams = OrgParams.extend({ keyId: ids('key').openapi({ param: { name: 'keyId', in: 'path' } }) });

const Me = z
  .object({
    kind: z.enum(['platform', 'member']),
    role: z.enum(roles),
    user: KeyUser.nullable(),
    organization: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
  })
  .openapi('Me');

export const apiKeysRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{id}/api-keys',
      tags,
      security,
      summary: 'Issue an API key to a person in the organization',
      description:
        'The platform admin or the organization’s admin issues keys; a coordinator issues coordinator keys only (nobody issues a key with rights they lack). The response carries the key once.',
      request: { params: OrgParams, body: jsonBody(IssueApiKey) },
      responses: { 201: jsonContent(IssuedApiKey, 'Issued'), ...problems(403, 404, 409, 422) },
    }),
    async (c) =>
      c.json(
        await c.var.services.apiKeys.issue(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/api-keys',
      tags,
      security,
      summary: 'List the organization’s keys (never the secrets)',
      request: { params: OrgParams, query: PageQuery },
      responses: { 200: jsonContent(pageOf(ApiKey, 'ApiKeyPage'), 'A page of keys'), ...problems(403, 404) },
    }),
    async (c) =>
      c.json(
        await c.var.services.apiKeys.list(c.var.actor, c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/organizations/{id}/api-keys/{keyId}',
      tags,
      security,
      summary: 'Revoke a key; it stops working at once',
      request: { params: KeyParams },
      responses: { 200: jsonContent(ApiKey, 'Revoked'), ...problems(403, 404) },
    }),
    async (c) => {
      const { id, keyId } = c.req.valid('param');
      return c.json(await c.var.services.apiKeys.revoke(c.var.actor, id, keyId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags,
      security,
      summary: 'Who the key belongs to',
      responses: { 200: jsonContent(Me, 'The caller') },
    }),
    async (c) => c.json(await c.var.services.apiKeys.me(c.var.actor), 200),
  );
