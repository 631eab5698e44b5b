import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Schema } from 'hono';
import type { AppEnv } from '../../app-env';
import { AuditEntry } from '../audit';
import { Consent, Placement } from '../placements/schemas';
import { IdParam, jsonContent, problems, security } from '../shared/openapi';
import { Participant } from './schemas';

const ParticipantExport = z
  .object({
    exportedAt: z.string(),
    participant: Participant,
    placements: z
      .array(
        Placement.extend({
          agreementVersions: z.array(
            z.object({
              version: z.number().int(),
              content: z.record(z.string(), z.unknown()),
              changedFields: z.array(z.string()),
              changedAt: z.string(),
              approvals: z.array(
                z.object({
                  party: z.string(),
                  at: z.string(),
                  onBehalfOfParticipant: z.boolean(),
                  reason: z.string().nullable(),
                }),
              ),
            }),
          ),
        }),
      )
      .openapi({
        description:
          'Every placement with its hours, check-ins, meetings (with every note), history and every version of its agreement with the approvals.',
      }),
    consents: z.array(Consent),
    audit: z.array(AuditEntry),
  })
  .openapi('ParticipantExport');

/** GET /participants/{id}/export: the participant's whole record (GDPR access), itself audited. */
export function withExportRoute<S extends Schema>(router: OpenAPIHono<AppEnv, S>) {
  return router.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/export',
      tags: ['Participants'],
      security,
      summary: 'Export a participant’s whole record (on the participant’s request)',
      description:
        'Handlers and admins of the participant’s organization. The profile, every placement with its hours, check-ins, meetings and history, the consents and the audit entries, as JSON. The export is itself logged.',
      request: { params: IdParam('prt', 'prt_01JD3S2Q7ZK4V0X9YB6N5M8T2R') },
      responses: { 200: jsonContent(ParticipantExport, 'The record'), ...problems(403, 404) },
    }),
    async (c) => c.json(await c.var.services.participants.export(c.var.actor, c.req.valid('param').id), 200),
  );
}
