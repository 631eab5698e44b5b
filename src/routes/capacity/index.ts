import { z } from '@hono/zod-openapi';
import { programmeKinds, slotStatuses } from '../../domain/vocabulary';
import { CapacityListingCreate, CapacityListingUpdate, CapacityListQuery } from '../../services/capacity';
import { crudRoutes } from '../shared/crud';
import { createRouter } from '../shared/openapi';

const CapacityListing = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    siteId: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    activityAreas: z.array(z.string()),
    municipalityCode: z.string(),
    places: z.number().int(),
    placesTaken: z.number().int(),
    freePlaces: z.number().int(),
    participantsPerSupervisor: z.number(),
    programmes: z.array(z.enum(programmeKinds)),
    referralSources: z.array(z.string()),
    hoursPerWeek: z.object({ min: z.number(), max: z.number() }),
    status: z.enum(slotStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CapacityListing');

const routes = crudRoutes({
  path: '/capacity',
  tag: 'Work-training capacity',
  noun: 'capacity listing',
  idPrefix: 'cap',
  entity: CapacityListing,
  create: CapacityListingCreate,
  update: CapacityListingUpdate,
  listQuery: CapacityListQuery,
  removeSummary: 'Remove a capacity listing',
  descriptions: {
    create:
      'Social enterprises list their work-training capacity: activity areas, places and supervision ratio.',
  },
});

export const capacityRouter = createRouter()
  .openapi(routes.create, async (c) =>
    c.json(await c.var.services.capacity.create(c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(routes.list, async (c) =>
    c.json(await c.var.services.capacity.list(c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(routes.get, async (c) =>
    c.json(await c.var.services.capacity.get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(routes.update, async (c) =>
    c.json(
      await c.var.services.capacity.update(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  )
  .openapi(routes.remove, async (c) => {
    await c.var.services.capacity.remove(c.var.actor, c.req.valid('param').id);
    return c.body(null, 204);
  });
