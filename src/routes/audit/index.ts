import { createRoute, z } from '@hono/zod-openapi';
import { auditActions } from '../../../db/schema';
import { PageQuery } from '../../lib/pagination';
import { AuditListQuery } from '../../services/placements/audit';
import { createRouter, jsonContent, pageOf, problems, security } from '../shared/openapi';

export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    action: z.enum(auditActions),
    actor: z.object({ userId: z.string().nullable(), organizationId: z.string().nullable() }),
    participantId: z.string(),
    fields: z
      .array(z.string())
      .openapi({ description: 'Field names, never values; `*` for the whole record.' }),
    placementId: z.string().nullable(),
    recipientOrganizationId: z
      .string()
      .nullable()
      .openapi({ description: 'For disclosures: the organization the fields were disclosed to.' }),
  })
  .openapi('AuditEntry');

export const auditRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['Audit'],
    security,
    summary: 'List audit entries about the organization’s participants',
    description:
      'Who disclosed, read, exported or erased which participant’s data, and when; newest first. Every read of participant fields by another organization (an employer viewing a placement) and every disclosure is here. Only the participant’s own provider organization (admin, coordinator, handler). Entries outlive erasure: they hold field names, not values.',
    request: { query: PageQuery.extend(AuditListQuery.shape) },
    responses: { 200: jsonContent(pageOf(AuditEntry, 'AuditPage'), 'A page'), ...problems(403, 404) },
  }),
  async (c) => c.json(await c.var.services.audit.list(c.var.actor, c.req.valid('query')), 200),
);
