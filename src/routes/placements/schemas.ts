import { z } from '@hono/zod-openapi';
import {
  checkInWith,
  declineReasons,
  disclosableFields,
  meetingKinds,
  outcomeCategories,
  placementStates,
} from '../../../db/schema';
import { IsoDate, ids, participantText, WindowSchema } from '../../domain/fields';
import { adaptationCodes, needPriorities } from '../../domain/vocabulary';
import { isMonday } from '../../lib/local-time';

const Label = z.object({ sv: z.string(), en: z.string() }).openapi('Label');

export const DisclosableField = z.enum(disclosableFields, {
  error: `must be one of ${disclosableFields.join(', ')} (the reference and the handler are never disclosed)`,
});

/** Short free text beside a placement: never health data, identity numbers or contact details. */
const Note = participantText(500).openapi({
  description:
    'Short (at most 500 characters). Never health data or a diagnosis, never names, identity numbers or contact details: this is not a record of care.',
});

export const ProposalCreate = z
  .strictObject({
    participantId: ids('prt'),
    slotId: ids('slt'),
    supervisorId: ids('sup').optional().openapi({
      description:
        'A supervisor of the slot the participant should have; the employer may confirm or change it.',
    }),
    disclose: z
      .array(DisclosableField)
      .max(disclosableFields.length)
      .openapi({
        description:
          'What the employer may see, as the participant chose: recorded as the participant’s consent for this employer. An empty list shows nothing but the proposal.',
        example: ['strengths', 'adaptationNeeds', 'hoursPerWeek'],
      }),
    consentExpiresAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
      .optional()
      .openapi({ description: 'When the consent ends; six months from now by default, at most two years.' }),
  })
  .openapi('PlacementProposal');

export const Accept = z
  .strictObject({
    supervisorId: ids('sup').optional().openapi({
      description:
        'The supervisor who takes the participant. Defaults to the one named in the proposal, else the slot’s supervisor with the most room (then the lowest id).',
    }),
  })
  .openapi('PlacementAccept');

export const Decline = z
  .strictObject({ reason: z.enum(declineReasons), note: Note.optional() })
  .openapi('PlacementDecline');

export const Withdraw = z.strictObject({ note: Note.optional() }).openapi('PlacementWithdraw');

export const Start = z
  .strictObject({
    date: IsoDate.optional().openapi({ description: 'The first day at the workplace; today by default.' }),
  })
  .openapi('PlacementStart');

export const End = z
  .strictObject({
    date: IsoDate.optional().openapi({ description: 'The last day; today by default.' }),
    outcome: z.enum(outcomeCategories).openapi({
      description: 'The follow-up exit category (as in SUS): where the participant went next.',
    }),
    hiredByEmployer: z.boolean().openapi({ description: 'Whether this employer hired the participant.' }),
  })
  .openapi('PlacementEnd');

export const HoursCreate = z
  .strictObject({
    weekStart: IsoDate.refine(isMonday, 'must be a Monday'),
    hours: z.number().min(0).max(60).multipleOf(0.25),
  })
  .openapi('PlacementHoursEntry', {
    description: 'Hours actually worked in the week starting on that Monday.',
  });

export const CheckInCreate = z
  .strictObject({ date: IsoDate, with: z.enum(checkInWith), note: Note })
  .openapi('CheckInCreate');

export const MeetingCreate = z
  .strictObject({ date: IsoDate, kind: z.enum(meetingKinds), note: Note.optional() })
  .openapi('MeetingCreate');

export const ConsentChange = z
  .strictObject({
    disclose: z.array(DisclosableField).max(disclosableFields.length),
    expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  })
  .openapi('ConsentChange', {
    description: 'A new consent for this employer; an empty `disclose` revokes it.',
  });

export const PlacementListQuery = z.object({
  state: z.enum(placementStates).optional(),
  participantId: ids('prt').optional(),
  slotId: ids('slt').optional(),
});

const Consent = z
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
  recordedBy: z.string(),
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
