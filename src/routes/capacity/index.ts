import { z } from '@hono/zod-openapi';
import { programmeKinds, slotStatuses } from '../../domain/vocabulary';
import { CapacityListingCreate, CapacityListingUpdate, CapacityListQuery } from '../../services/capacity';
import { crudRouter } from '../shared/crud';

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

export const capacityRouter = crudRouter({
  path: '/capacity',
  tag: 'Work-training capacity',
  noun: 'capacity listing',
  idPrefix: 'cap',
  entity: CapacityListing,
  create: CapacityListingCreate,
  update: CapacityListingUpdate,
  listQuery: CapacityListQuery,
  service: (s) => s.capacity,
  removeSummary: 'Remove a capacity listing',
  descriptions: {
    create:
      'Social enterprises list their work-training capacity: activity areas, places and supervision ratio.',
  },
});
