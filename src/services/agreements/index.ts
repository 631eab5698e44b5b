/**
 * The placement agreement (issue #16), one file per verb:
 * - draft.ts: the handler drafts and changes it (each change a new version that withdraws approvals),
 * - read.ts: both sides read it (the employer with the participant's shared fields only),
 * - approve.ts: each party approves the current version (the participant through their own pages),
 * - notices.ts: the participant's notices; load.ts: versions, approvals and what `start` checks.
 */
import type { ServiceContext } from '../context';
import type { AuditService } from '../placements/audit';
import { placementViews } from '../placements/present';
import { agreementApprover } from './approve';
import { agreementDrafter } from './draft';
import { participantNoticeReader } from './notices';
import { agreementReader } from './read';

export function agreementService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const views = placementViews(ctx, deps.audit);
  const reader = agreementReader(ctx, views, deps.audit);
  const approver = agreementApprover(ctx, views, reader);
  return {
    get: reader.get,
    draft: agreementDrafter(ctx, views, reader),
    approve: approver.approve,
    /** For the participant's own pages: approve as the signed-in participant, and read the agreement. */
    approveAsParticipant: approver.approveAsParticipant,
    forParticipant: approver.forParticipant,
    ...participantNoticeReader(ctx),
  };
}

export type AgreementService = ReturnType<typeof agreementService>;
