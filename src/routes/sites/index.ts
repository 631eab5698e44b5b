import { z } from '@hono/zod-openapi';
import { ids, Latitude, Longitude, MunicipalityCode, text } from '../../domain/fields';
import { crudRouter } from '../shared/crud';

const SiteFields = {
  name: text(200),
  municipalityCode: MunicipalityCode,
  address: text(300).nullable().optional(),
  lat: Latitude.optional().openapi({ description: 'Defaults to the municipality seat.' }),
  lon: Longitude.optional(),
};

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
  create: z
    .strictObject({
      organizationId: ids('org').optional().openapi({ description: 'Platform admin only.' }),
      ...SiteFields,
    })
    .openapi('SiteCreate'),
  update: z.strictObject(SiteFields).partial().openapi('SiteUpdate'),
  listQuery: z.object({ organizationId: ids('org').optional() }),
  service: (s) => s.sites,
});
