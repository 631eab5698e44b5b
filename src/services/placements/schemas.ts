/** What the placements service takes, one schema per verb. */
import { z } from '@hono/zod-openapi';
import {
  checkInWith,
  declineReasons,
  disclosableFields,
  meetingKinds,
  outcomeCategories,
  placementStates,
} from '../../../db/schema';
import { IsoDate, ids, participantText } from '../../domain/fields';
import { isMonday } from '../../lib/local-time';
import type { PageQuery } from '../../lib/pagination';

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
export type ProposalCreate = z.infer<typeof ProposalCreate>;

export const Accept = z
  .strictObject({
    supervisorId: ids('sup').optional().openapi({
      description:
        'The supervisor who takes the participant. Defaults to the one named in the proposal, else the slot’s supervisor with the most room (then the lowest id).',
    }),
  })
  .openapi('PlacementAccept');
export type Accept = z.infer<typeof Accept>;

export const Decline = z
  .strictObject({ reason: z.enum(declineReasons), note: Note.optional() })
  .openapi('PlacementDecline');
export type Decline = z.infer<typeof Decline>;

export const Withdraw = z.strictObject({ note: Note.optional() }).openapi('PlacementWithdraw');
export type Withdraw = z.infer<typeof Withdraw>;

export const Start = z
  .strictObject({
    date: IsoDate.optional().openapi({ description: 'The first day at the workplace; today by default.' }),
  })
  .openapi('PlacementStart');
export type Start = z.infer<typeof Start>;

export const End = z
  .strictObject({
    date: IsoDate.optional().openapi({ description: 'The last day; today by default.' }),
    outcome: z.enum(outcomeCategories).openapi({
      description: 'The follow-up exit category (as in SUS): where the participant went next.',
    }),
    hiredByEmployer: z.boolean().openapi({ description: 'Whether this employer hired the participant.' }),
  })
  .openapi('PlacementEnd');
export type End = z.infer<typeof End>;

export const HoursCreate = z
  .strictObject({
    weekStart: IsoDate.refine(isMonday, 'must be a Monday'),
    hours: z.number().min(0).max(60).multipleOf(0.25),
  })
  .openapi('PlacementHoursEntry', {
    description: 'Hours actually worked in the week starting on that Monday.',
  });
export type HoursCreate = z.infer<typeof HoursCreate>;

export const CheckInCreate = z
  .strictObject({ date: IsoDate, with: z.enum(checkInWith), note: Note })
  .openapi('CheckInCreate');
export type CheckInCreate = z.infer<typeof CheckInCreate>;

export const MeetingCreate = z
  .strictObject({ date: IsoDate, kind: z.enum(meetingKinds), note: Note.optional() })
  .openapi('MeetingCreate');
export type MeetingCreate = z.infer<typeof MeetingCreate>;

export const ConsentChange = z
  .strictObject({
    disclose: z.array(DisclosableField).max(disclosableFields.length),
    expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  })
  .openapi('ConsentChange', {
    description: 'A new consent for this employer; an empty `disclose` revokes it.',
  });
export type ConsentChange = z.infer<typeof ConsentChange>;

export const PlacementListQuery = z.object({
  state: z.enum(placementStates).optional(),
  participantId: ids('prt').optional(),
  slotId: ids('slt').optional(),
});
export type PlacementListQuery = z.infer<typeof PlacementListQuery> & PageQuery;
