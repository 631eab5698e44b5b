/** What the participants service takes: every field validated, names and diagnoses refused. */
import { z } from '@hono/zod-openapi';
import {
  AdaptationCode,
  HoursPerWeek,
  ids,
  Latitude,
  Level,
  Longitude,
  MunicipalityCode,
  participantText,
  Schedule,
  SlotKind,
} from '../../domain/fields';
import { needPriorities } from '../../domain/vocabulary';
import type { PageQuery } from '../../lib/pagination';
import { containsPersonalIdentityNumber } from '../../lib/swedish-ids';

/**
 * The handler's own pseudonymous code. Names, identity numbers and email addresses are refused: a
 * reference has no spaces or '@', contains a digit, and is not shaped like a personnummer.
 */
export const Reference = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/,
    'must be 3–32 letters, digits, "-" or "_" (a code, not a name or email address)',
  )
  .refine((r) => /\d/.test(r), 'must contain a digit (use a code such as "SE-2024-017", not a name)')
  .refine((r) => !containsPersonalIdentityNumber(r), 'must not be a personal identity number')
  .openapi({ example: 'SE-2026-017' });

export const Need = z
  .object({ code: AdaptationCode, priority: z.enum(needPriorities) })
  .openapi('AdaptationNeed', {
    description: 'A functional need; `must` needs exclude slots that lack them.',
  });

export const RampStep = z
  .object({ afterWeeks: z.number().int().min(1).max(104), hoursPerWeek: HoursPerWeek })
  .openapi('RampStep');

const Hours = z
  .object({ now: HoursPerWeek, target: HoursPerWeek })
  .openapi('ParticipantHours', { example: { now: 8, target: 20 } });

export const Preferences = z
  .strictObject({
    socialIntensity: Level.optional(),
    physicalDemand: Level.optional(),
    kinds: z.array(SlotKind).max(5).optional(),
  })
  .openapi('Preferences');

const Location = z
  .object({
    municipalityCode: MunicipalityCode,
    lat: Latitude.optional().openapi({
      description:
        'Defaults to the municipality seat. A coarse point (a nearby locality) is enough; no home address.',
    }),
    lon: Longitude.optional(),
  })
  .openapi('ParticipantLocation');

const words = z.array(participantText(80)).max(20);

const fields = {
  reference: Reference,
  handlerId: ids('usr').openapi({ description: 'The responsible handler; the caller by default.' }),
  strengths: words.openapi({ example: ['noggrann', 'tycker om att baka'] }),
  interests: words.openapi({ example: ['bageri', 'djur'] }),
  avoid: words.openapi({ description: 'Tasks or settings to avoid.', example: ['kassa'] }),
  availability: Schedule.min(1, 'needs at least one window').openapi({
    description: 'When the participant can be at a workplace.',
  }),
  hoursPerWeek: Hours,
  rampUp: z.array(RampStep).max(12),
  adaptationNeeds: z.array(Need).max(30),
  location: Location,
  maxTravelKm: z.number().min(1).max(300),
  preferences: Preferences,
};

export const ParticipantCreate = z
  .strictObject({
    ...fields,
    handlerId: fields.handlerId.optional(),
    strengths: fields.strengths.default([]),
    interests: fields.interests.default([]),
    avoid: fields.avoid.default([]),
    rampUp: fields.rampUp.default([]),
    adaptationNeeds: fields.adaptationNeeds.default([]),
    maxTravelKm: fields.maxTravelKm.default(20),
    preferences: Preferences.default({}),
  })
  .openapi('ParticipantCreate', {
    description:
      'Pseudonymous: no names, identity numbers, contact details or diagnoses. Unknown fields are refused.',
  });
export type ParticipantCreate = z.infer<typeof ParticipantCreate>;

export const ParticipantUpdate = z
  .strictObject({ ...fields, status: z.enum(['active', 'ended']) })
  .partial()
  .openapi('ParticipantUpdate');
export type ParticipantUpdate = z.infer<typeof ParticipantUpdate>;

export const ParticipantListQuery = z.object({
  handlerId: z
    .union([z.literal('me'), ids('usr')])
    .optional()
    .openapi({ description: '`me` for the caller’s own caseload.' }),
  status: z.enum(['active', 'ended']).optional(),
});
export type ParticipantListQuery = z.infer<typeof ParticipantListQuery> & PageQuery;
