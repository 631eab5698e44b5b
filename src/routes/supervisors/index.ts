import { z } from '@hono/zod-openapi';
import { SupervisorCreate, SupervisorListQuery, SupervisorUpdate } from '../../services/supervisors';
import { crudRouter } from '../shared/crud';

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
  create: SupervisorCreate,
  update: SupervisorUpdate,
  listQuery: SupervisorListQuery,
  service: (s) => s.supervisors,
  removeSummary: 'Remove a supervisor (refused while they have active placements)',
});
