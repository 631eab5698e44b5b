import { z } from '@hono/zod-openapi';
import { SiteCreate, SiteListQuery, SiteUpdate } from '../../services/sites';
import { crudRoutes } from '../shared/crud';
import { createRouter } from '../shared/openapi';

export const Site = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    municipalityCode: z.string(),
    address: z.string().nullable(),
    lat: z.number(),
    lon: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Site');

const routes = crudRoutes({
  path: '/sites',
  tag: 'Sites',
  noun: 'site',
  idPrefix: 'sit',
  entity: Site,
  create: SiteCreate,
  update: SiteUpdate,
  listQuery: SiteListQuery,
});

export const sitesRouter = createRouter()
  .openapi(routes.create, async (c) =>
    c.json(await c.var.services.sites.create(c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(routes.list, async (c) =>
    c.json(await c.var.services.sites.list(c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(routes.get, async (c) =>
    c.json(await c.var.services.sites.get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(routes.update, async (c) =>
    c.json(await c.var.services.sites.update(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  );
