/** What the agreements service takes, one schema per verb (the API and the pages validate with them). */
import { z } from '@hono/zod-openapi';
import { agreementGoals, checkInCadences, followUpBy, supportParties } from '../../../db/schema';
import { AdaptationCode, HoursPerWeek, IsoDate, ids, participantText, Schedule } from '../../domain/fields';

const HoursStep = z.strictObject({
  fromWeek: z.number().int().min(2, 'must be week 2 or later').max(104),
  hoursPerWeek: HoursPerWeek,
});

const SupportContact = z.strictObject({
  party: z.enum(supportParties),
  name: participantText(100).openapi({ description: 'A named professional, e.g. "Kim Berg".' }),
  role: participantText(100).optional().openapi({ description: 'Their role, e.g. "arbetsförmedlare".' }),
  consent: z.boolean().openapi({
    description:
      'The participant agreed that this party is part of their team and may be told about the placement. The employer sees only contacts with consent.',
  }),
});

export const AgreementDraft = z
  .strictObject({
    baseVersion: z.number().int().min(0).optional().openapi({
      description:
        'The version this change was made from (0 for the first draft). When another change came first the answer is 409 `/problems/agreement-changed` and nothing is stored.',
    }),
    tasks: z.array(participantText(200)).min(1, 'name at least one task').max(20),
    goals: z.array(z.enum(agreementGoals)).min(1, 'choose at least one goal').max(agreementGoals.length),
    hoursPlan: z
      .strictObject({
        startHoursPerWeek: HoursPerWeek.min(1, 'must be at least 1'),
        steps: z.array(HoursStep).max(20),
      })
      .refine((p) => p.steps.every((s, i) => i === 0 || s.fromWeek > p.steps[i - 1]!.fromWeek), {
        message: 'steps must come in week order',
        path: ['steps'],
      })
      .openapi({ description: 'Hours per week at the start, then from which week how many (the ramp-up).' }),
    schedule: Schedule.min(1, 'give at least one weekday window'),
    adaptations: z.array(AdaptationCode).max(30).openapi({
      description: 'Adaptations that will be in place (codes of GET /v1/vocabularies/adaptations).',
    }),
    supervisorId: ids('sup').nullable().optional().openapi({
      description: 'One of the slot’s supervisors; the placement’s supervisor by default.',
    }),
    followUp: z.strictObject({ cadence: z.enum(checkInCadences), by: z.enum(followUpBy) }),
    dates: z
      .strictObject({ start: IsoDate, review: IsoDate, end: IsoDate.nullable().optional() })
      .refine((d) => d.review >= d.start, { message: 'must not be before the start', path: ['review'] })
      .refine((d) => !d.end || d.end >= d.review, {
        message: 'must not be before the review',
        path: ['end'],
      }),
    supportTeam: z.array(SupportContact).max(20),
  })
  .openapi('AgreementDraft', {
    description:
      'The whole agreement. Every change makes a new version and withdraws all approvals. Never health data.',
  });
export type AgreementDraft = z.infer<typeof AgreementDraft>;

export const AgreementApprove = z
  .strictObject({
    version: z.number().int().min(1).openapi({
      description: 'The version approved: the current one (an older version answers 409).',
    }),
    onBehalfOfParticipant: z.boolean().optional().openapi({
      description:
        'The handler approves for the participant (with `reason`), e.g. when the participant agreed in a meeting.',
    }),
    reason: participantText(300).optional().openapi({
      description:
        'Why the handler approves on the participant’s behalf; recorded and shown to the provider side.',
    }),
  })
  .refine((a) => !a.onBehalfOfParticipant || !!a.reason, {
    message: 'state why you approve on the participant’s behalf',
    path: ['reason'],
  })
  .openapi('AgreementApprove');
export type AgreementApprove = z.infer<typeof AgreementApprove>;
