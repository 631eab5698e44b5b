import { z } from '@hono/zod-openapi';
import {
  checkInWith,
  declineReasons,
  meetingKinds,
  outcomeCategories,
  placementStates,
} from '../../../db/schema';
import { WindowSchema } from '../../domain/fields';
import { adaptationCodes, needPriorities } from '../../domain/vocabulary';

const Label = z.object({ sv: z.string(), en: z.string() }).openapi('Label');

export const Consent = z
  .object({
    id: z.string(),
    employerOrganizationId: z.string(),
    fields: z.array(z.string()),
    givenBy: z.string().nullable().openapi({ description: 'Provider side only.' }),
    givenAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    valid: z.boolean(),
  })
  .openapi('Consent');

const Disclosed = z
  .object({
    strengths: z.array(z.string()).optional(),
    interests: z.array(z.string()).optional(),
    adaptationNeeds: z
      .array(z.object({ code: z.enum(adaptationCodes), priority: z.enum(needPriorities), label: Label }))
      .optional(),
    hoursPerWeek: z.object({ now: z.number(), target: z.number() }).optional(),
    rampUp: z.array(z.object({ afterWeeks: z.number(), hoursPerWeek: z.number() })).optional(),
    availability: z.array(WindowSchema).optional(),
  })
  .openapi('DisclosedParticipant', {
    description:
      'Only the fields the participant agreed to show this employer, read live, and only while the consent is valid.',
  });

const Hours = z.object({
  weekStart: z.string(),
  hours: z.number(),
  recordedBy: z.string().nullable().openapi({ description: 'Provider side only.' }),
  recordedAt: z.string(),
});
export const CheckIn = z
  .object({
    id: z.string(),
    date: z.string(),
    with: z.enum(checkInWith),
    note: z.string().nullable(),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('CheckIn');
export const Meeting = z
  .object({
    id: z.string(),
    date: z.string(),
    kind: z.enum(meetingKinds),
    note: z.string().nullable().openapi({ description: 'Shown only to the organization that wrote it.' }),
    recordedBy: z
      .string()
      .nullable()
      .openapi({ description: 'Only for meetings the viewer’s organization recorded.' }),
    recordedByOrganizationId: z.string(),
    createdAt: z.string(),
  })
  .openapi('Meeting');

export const PlacementSummary = z
  .object({
    id: z.string(),
    state: z.enum(placementStates),
    participantId: z.string(),
    participantReference: z.string().nullable().openapi({ description: 'Provider side only.' }),
    providerOrganizationId: z.string(),
    slotId: z.string(),
    employerOrganizationId: z.string(),
    supervisorId: z.string().nullable(),
    proposedBy: z.string().nullable().openapi({ description: 'Provider side only.' }),
    dates: z.object({
      proposedAt: z.string(),
      acceptedAt: z.string().nullable(),
      declinedAt: z.string().nullable(),
      withdrawnAt: z.string().nullable(),
      startedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
    decline: z.object({ reason: z.enum(declineReasons), label: Label }).nullable(),
    withdrawnByOrganizationId: z.string().nullable(),
    note: z.string().nullable(),
    outcome: z
      .object({ category: z.enum(outcomeCategories), label: Label, hiredByEmployer: z.boolean() })
      .nullable(),
    consent: Consent.nullable(),
    disclosed: Disclosed,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PlacementSummary');

export const Placement = PlacementSummary.extend({
  hours: z.array(Hours),
  checkIns: z.array(CheckIn).optional().openapi({ description: 'Provider side only.' }),
  meetings: z.array(Meeting),
  history: z.array(
    z.object({
      state: z.enum(placementStates),
      at: z.string(),
      actorUserId: z.string().nullable(),
      actorOrganizationId: z.string().nullable(),
    }),
  ),
}).openapi('Placement');
