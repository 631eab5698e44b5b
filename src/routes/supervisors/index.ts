import { z } from '@hono/zod-openapi';
import { Email, ids, Phone, text } from '../../domain/fields';
import { crudRouter } from '../shared/crud';

const SupervisorFields = {
  siteId: ids('sit').nullable().optional(),
  name: text(200),
  email: Email,
  phone: Phone.nullable().optional(),
  trained: z
    .boolean()
    .default(false)
    .openapi({ description: 'Has taken the supervisor (handledar) course.' }),
  maxParticipants: z
    .number()
    .int()
    .min(1)
    .max(20)
    .openapi({ description: 'How many participants the supervisor can take at the same time.' }),
  languages: z
    .array(text(40))
    .max(10)
    .default(['sv'])
    .openapi({ example: ['sv', 'en'] }),
};

export const Supervisor = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    siteId: z.string().nullable(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    trained: z.boolean(),
    maxParticipants: z.number().int(),
    activePlacements: z.number().int(),
    languages: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Supervisor');

export const supervisorsRouter = crudRouter({
  path: '/supervisors',
  tag: 'Supervisors',
  noun: 'supervisor',
  idPrefix: 'sup',
  entity: Supervisor,
  create: z
    .strictObject({
      organizationId: ids('org').optional().openapi({ description: 'Platform admin only.' }),
      ...SupervisorFields,
    })
    .openapi('SupervisorCreate'),
  update: z
    .strictObject({ ...SupervisorFields, trained: z.boolean(), languages: z.array(text(40)).max(10) })
    .partial()
    .openapi('SupervisorUpdate'),
  listQuery: z.object({ organizationId: ids('org').optional() }),
  service: (s) => s.supervisors,
  removeSummary: 'Remove a supervisor (refused while they have active placements)',
});
