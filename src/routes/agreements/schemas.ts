/** The agreement as the API answers it (the compiler checks the service's answer against it). */
import { z } from '@hono/zod-openapi';
import {
  agreementGoals,
  agreementParties,
  checkInCadences,
  followUpBy,
  placementStates,
  supportParties,
} from '../../../db/schema';
import { WindowSchema } from '../../domain/fields';
import { adaptationCodes } from '../../domain/vocabulary';
import { PlacementSummary } from '../placements/schemas';

const Content = z
  .object({
    tasks: z.array(z.string()),
    goals: z.array(z.enum(agreementGoals)),
    hoursPlan: z.object({
      startHoursPerWeek: z.number(),
      steps: z.array(z.object({ fromWeek: z.number().int(), hoursPerWeek: z.number() })),
    }),
    schedule: z.array(WindowSchema),
    adaptations: z.array(z.enum(adaptationCodes)),
    supervisorId: z.string().nullable(),
    followUp: z.object({ cadence: z.enum(checkInCadences), by: z.enum(followUpBy) }),
    dates: z.object({ start: z.string(), review: z.string(), end: z.string().nullable() }),
    supportTeam: z
      .array(
        z.object({
          party: z.enum(supportParties),
          name: z.string(),
          role: z.string().optional(),
          consent: z.boolean(),
        }),
      )
      .openapi({ description: 'The employer sees only the contacts the participant consented to.' }),
  })
  .openapi('AgreementContent');

const Approval = z
  .object({
    party: z.enum(agreementParties),
    at: z.string(),
    onBehalfOfParticipant: z.boolean(),
    reason: z.string().nullable().openapi({ description: 'Provider side only.' }),
    approvedBy: z.string().nullable().openapi({ description: 'Only within the viewer’s own organization.' }),
    approvedByOrganizationId: z.string().nullable(),
  })
  .openapi('AgreementApproval');

const Version = z
  .object({
    version: z.number().int(),
    content: Content,
    changedFields: z
      .array(z.string())
      .openapi({ description: 'The parts that differ from the version before.' }),
    changedAt: z.string(),
    changedBy: z.string().nullable().openapi({ description: 'Only within the viewer’s own organization.' }),
    changedByOrganizationId: z.string(),
    approvals: z.array(Approval),
  })
  .openapi('AgreementVersion');

export const Agreement = z
  .object({
    placementId: z.string(),
    placementState: z.enum(placementStates),
    slotId: z.string(),
    approvalRequired: z.boolean().openapi({
      description: 'False for a competitive job, where the employment contract governs the start.',
    }),
    current: Version.nullable().openapi({ description: 'Null until the handler drafts the agreement.' }),
    missingApprovals: z.array(z.enum(agreementParties)),
    history: z.array(Version).openapi({ description: 'Earlier versions, newest first.' }),
    participant: z.object({
      disclosed: PlacementSummary.shape.disclosed,
      consentValid: z.boolean(),
    }),
  })
  .openapi('Agreement');
