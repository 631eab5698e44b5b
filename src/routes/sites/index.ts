import { z } from '@hono/zod-openapi';
import { SiteCreate, SiteListQuery, SiteUpdate } from '../../services/sites';
import { crudRouter } from '../shared/crud';

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

export const sitesRouter = crudRouter({
  path: '/sites',
  tag: 'Sites',
  noun: 'site',
  idPrefix: 'sit',
  entity: Site,
  create: SiteCreate,
  update: SiteUpdate,
  listQuery: SiteListQuery,
  service: (s) => s.sites,
});
