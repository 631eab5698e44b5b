import { z } from '@hono/zod-openapi';
import { participantStatuses } from '../../../db/schema';
import { WindowSchema } from '../../domain/fields';
import { Need, Preferences, RampStep } from '../../services/participants/schemas';

export const Participant = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    handlerId: z.string(),
    reference: z.string(),
    strengths: z.array(z.string()),
    interests: z.array(z.string()),
    avoid: z.array(z.string()),
    availability: z.array(WindowSchema),
    hoursPerWeek: z.object({ now: z.number(), target: z.number() }),
    rampUp: z.array(RampStep),
    adaptationNeeds: z.array(Need),
    location: z.object({ municipalityCode: z.string(), lat: z.number(), lon: z.number() }),
    maxTravelKm: z.number(),
    preferences: Preferences,
    status: z.enum(participantStatuses),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Participant');
