import { z } from '@hono/zod-openapi';
import { SlotKind, WindowSchema } from '../../domain/fields';
import { slotStatuses } from '../../domain/vocabulary';
import { strengthCodes } from '../../domain/work-vocabulary';
import { Environment, OfferedAdaptation } from '../../services/slots/schemas';

export const Slot = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    siteId: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    tasks: z.array(z.string()),
    occupation: z.object({ ssyk: z.string().nullable(), label: z.string() }),
    kind: SlotKind,
    location: z.object({
      municipalityCode: z.string(),
      municipalityName: z.string().nullable(),
      address: z.string().nullable(),
      lat: z.number(),
      lon: z.number(),
    }),
    capacity: z.number().int(),
    freePlaces: z.number().int(),
    schedule: z.array(WindowSchema),
    hoursPerWeek: z.object({ min: z.number(), max: z.number() }),
    startDate: z.string(),
    endDate: z.string().nullable(),
    openEnded: z.boolean(),
    supervisorIds: z.array(z.string()),
    adaptations: z.array(OfferedAdaptation),
    environment: Environment,
    subsidies: z.array(z.string()),
    leadsToHire: z.boolean(),
    suits: z
      .array(z.enum(strengthCodes))
      .openapi({ description: 'Qualities the work suits (strength codes).' }),
    status: z.enum(slotStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Slot');
