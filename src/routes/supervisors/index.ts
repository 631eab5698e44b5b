import { z } from '@hono/zod-openapi';
import { SupervisorCreate, SupervisorListQuery, SupervisorUpdate } from '../../services/supervisors';
import { crudRoutes } from '../shared/crud';
import { createRouter } from '../shared/openapi';

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

const routes = crudRoutes({
  path: '/supervisors',
  tag: 'Supervisors',
  noun: 'supervisor',
  idPrefix: 'sup',
  entity: Supervisor,
  create: SupervisorCreate,
  update: SupervisorUpdate,
  listQuery: SupervisorListQuery,
  removeSummary: 'Remove a supervisor (refused while they have active placements)',
});

export const supervisorsRouter = createRouter()
  .openapi(routes.create, async (c) =>
    c.json(await c.var.services.supervisors.create(c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(routes.list, async (c) =>
    c.json(await c.var.services.supervisors.list(c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(routes.get, async (c) =>
    c.json(await c.var.services.supervisors.get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(routes.update, async (c) =>
    c.json(
      await c.var.services.supervisors.update(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  )
  .openapi(routes.remove, async (c) => {
    await c.var.services.supervisors.remove(c.var.actor, c.req.valid('param').id);
    return c.body(null, 204);
  });
