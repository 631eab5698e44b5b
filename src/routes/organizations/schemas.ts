import { z } from '@hono/zod-openapi';
import { organizationKinds } from '../../../db/schema';
import { Email, MunicipalityCode, text } from '../../domain/fields';
import { normaliseOrganizationNumber } from '../../lib/swedish-ids';

export const OrganizationNumber = z
  .string()
  .transform((v, ctx) => {
    const ten = normaliseOrganizationNumber(v);
    if (!ten)
      ctx.addIssue({ code: 'custom', message: 'is not a valid Swedish organisationsnummer (check digit)' });
    return ten ?? v;
  })
  .openapi({
    type: 'string',
    example: '556036-0793',
    description: 'Organisationsnummer, with or without the dash.',
  });

export const OrganizationCreate = z
  .strictObject({
    name: text(200),
    kind: z.enum(organizationKinds),
    organizationNumber: OrganizationNumber,
    contactEmail: Email,
    municipalityCode: MunicipalityCode,
  })
  .openapi('OrganizationCreate');

export const OrganizationUpdate = OrganizationCreate.omit({ kind: true })
  .partial()
  .openapi('OrganizationUpdate');

export const Organization = z
  .object({
    id: z.string().openapi({ example: 'org_01JD3S2Q7ZK4V0X9YB6N5M8T2R' }),
    name: z.string(),
    kind: z.enum(organizationKinds),
    organizationNumber: z.string().openapi({ example: '556036-0793' }),
    contactEmail: z.string(),
    municipalityCode: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Organization');

export const OrganizationListQuery = z.object({ kind: z.enum(organizationKinds).optional() });
