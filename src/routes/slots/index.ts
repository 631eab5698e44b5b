import { createRoute, type z } from '@hono/zod-openapi';
import { SlotCreate, SlotListQuery, SlotUpdate } from '../../services/slots/schemas';
import { crudRoutes } from '../shared/crud';
import { jsonText } from '../shared/json-text';
import { createRouter, IdParam, jsonContent, problems, security } from '../shared/openapi';
import { Slot } from './schemas';

const routes = crudRoutes({
  path: '/slots',
  tag: 'Slots',
  noun: 'slot',
  idPrefix: 'slt',
  entity: Slot,
  create: SlotCreate,
  update: SlotUpdate,
  listQuery: SlotListQuery,
  removeSummary: 'Delete a slot that never had placements (otherwise close it)',
  descriptions: {
    create: 'Employers and social enterprises post supervised places.',
    list: 'Providers see every organization’s slots; employers and enterprises see their own.',
  },
});

/** POST /slots/{id}/<action>: one of the three status changes, answered with the slot. */
const statusRoute = <A extends string>(action: A, summary: string) =>
  createRoute({
    method: 'post',
    path: `/slots/{id}/${action}`,
    tags: ['Slots'],
    security,
    summary,
    request: { params: IdParam('slt', 'slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R') },
    responses: { 200: jsonContent(Slot, 'The slot'), ...problems(403, 404, 409) },
  });

/** The list's page, as the service writes its JSON (services/slots/page-text.ts). */
type SlotPage = { data: z.infer<typeof Slot>[]; nextCursor: string | null };

export const slotsRouter = createRouter()
  .openapi(routes.create, async (c) =>
    c.json(await c.var.services.slots.create(c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(routes.list, async (c) =>
    jsonText<SlotPage>(c, await c.var.services.slots.listText(c.var.actor, c.req.valid('query'))),
  )
  .openapi(routes.get, async (c) =>
    c.json(await c.var.services.slots.get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(routes.update, async (c) =>
    c.json(await c.var.services.slots.update(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.remove, async (c) => {
    await c.var.services.slots.remove(c.var.actor, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(
    statusRoute(
      'pause',
      'Pause a slot: it stays listed for its owner but is not proposed or found in search',
    ),
    async (c) =>
      c.json(await c.var.services.slots.setStatus(c.var.actor, c.req.valid('param').id, 'paused'), 200),
  )
  .openapi(statusRoute('reopen', 'Reopen a paused or closed slot'), async (c) =>
    c.json(await c.var.services.slots.setStatus(c.var.actor, c.req.valid('param').id, 'open'), 200),
  )
  .openapi(statusRoute('close', 'Close a slot; its history stays'), async (c) =>
    c.json(await c.var.services.slots.setStatus(c.var.actor, c.req.valid('param').id, 'closed'), 200),
  );
