import { z } from '@hono/zod-openapi';
import { HoursPerWeek, ids, MunicipalityCode, text } from '../../domain/fields';
import { programmeKinds, referralSources, slotStatuses } from '../../domain/vocabulary';
import { crudRouter } from '../shared/crud';

const fields = {
  siteId: ids('sit').nullable(),
  title: text(120).openapi({ example: 'Arbetsträning i café och second hand' }),
  description: text(4000),
  activityAreas: z
    .array(text(80))
    .min(1)
    .max(30)
    .openapi({ example: ['café', 'second hand', 'trädgård'] }),
  municipalityCode: MunicipalityCode,
  places: z.number().int().min(1).max(1000),
  placesTaken: z.number().int().min(0),
  participantsPerSupervisor: z
    .number()
    .min(1)
    .max(50)
    .openapi({ description: 'Supervision ratio: participants per supervisor, e.g. 4 for 1:4.' }),
  programmes: z.array(z.enum(programmeKinds)).min(1).openapi({
    description: 'Daily activity under LSS, longer-term rehabilitation, or stepping stone to a job.',
  }),
  referralSources: z
    .array(z.enum(referralSources))
    .min(1)
    .openapi({ description: 'Which referrals it takes.' }),
  hoursPerWeek: z
    .object({ min: HoursPerWeek, max: HoursPerWeek.min(1) })
    .refine((h) => h.min <= h.max, { message: 'min must not exceed max', path: ['min'] }),
  status: z.enum(slotStatuses),
};

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
  create: z
    .strictObject({
      organizationId: ids('org').optional().openapi({ description: 'Platform admin only.' }),
      ...fields,
      siteId: fields.siteId.optional(),
      placesTaken: fields.placesTaken.default(0),
      status: z.enum(['open', 'paused']).default('open'),
    })
    .openapi('CapacityListingCreate'),
  update: z.strictObject(fields).partial().openapi('CapacityListingUpdate'),
  listQuery: z.object({
    organizationId: ids('org').optional(),
    municipalityCode: MunicipalityCode.optional(),
  }),
  service: (s) => s.capacity,
  removeSummary: 'Remove a capacity listing',
  descriptions: {
    create:
      'Social enterprises list their work-training capacity: activity areas, places and supervision ratio.',
  },
});
