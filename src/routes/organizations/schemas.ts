import { z } from '@hono/zod-openapi';
import { organizationKinds } from '../../../db/schema';

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
