import { createRoute } from '@hono/zod-openapi';
import { PageQuery } from '../../lib/pagination';
import { OrganizationCreate, OrganizationListQuery, OrganizationUpdate } from '../../services/organizations';
import { createRouter, IdParam, jsonBody, jsonContent, pageOf, problems, security } from '../shared/openapi';
import { Organization } from './schemas';

const tags = ['Organizations'];
const Params = IdParam('org', 'org_01JD3S2Q7ZK4V0X9YB6N5M8T2R');

export const organizationsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations',
      tags,
      security,
      summary: 'Create an organization (platform admin)',
      request: { body: jsonBody(OrganizationCreate) },
      responses: { 201: jsonContent(Organization, 'Created'), ...problems(403, 409) },
    }),
    async (c) => c.json(await c.var.services.organizations.create(c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations',
      tags,
      security,
      summary: 'List organizations visible to the caller, by name (Swedish order: å, ä, ö after z)',
      request: { query: PageQuery.extend(OrganizationListQuery.shape) },
      responses: { 200: jsonContent(pageOf(Organization, 'OrganizationPage'), 'A page of organizations') },
    }),
    async (c) => {
      // Forward pages with `cursor`, as every list of the API (the web page also goes back).
      const { data, nextCursor } = await c.var.services.organizations.list(c.var.actor, c.req.valid('query'));
      return c.json({ data, nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}',
      tags,
      security,
      summary: 'Read an organization',
      request: { params: Params },
      responses: { 200: jsonContent(Organization, 'The organization'), ...problems(404) },
    }),
    async (c) => c.json(await c.var.services.organizations.get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/organizations/{id}',
      tags,
      security,
      summary: 'Update an organization (its admin or the platform)',
      request: { params: Params, body: jsonBody(OrganizationUpdate) },
      responses: { 200: jsonContent(Organization, 'Updated'), ...problems(403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await c.var.services.organizations.update(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/organizations/{id}',
      tags,
      security,
      summary: 'Deactivate an organization: revokes its keys and closes its slots; history stays',
      request: { params: Params },
      responses: { 200: jsonContent(Organization, 'Deactivated'), ...problems(403, 404) },
    }),
    async (c) =>
      c.json(await c.var.services.organizations.deactivate(c.var.actor, c.req.valid('param').id), 200),
  );
