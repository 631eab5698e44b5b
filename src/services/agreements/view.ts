/**
 * How an agreement is shown to each side. The employer sees the agreement it signs, but of the
 * participant's own data only what the participant agreed to share: the disclosed profile fields
 * (the placements' disclosure, audited there) and the support-team contacts the participant
 * consented to. User ids appear only within the viewer's own organization; the reason for an
 * approval on the participant's behalf is shown to the provider side only.
 */
import type { AgreementContent, AgreementParty, PlacementState } from '../../../db/schema';
import type { Side } from '../placements/states';
import { type ApprovalRow, approvalsOf, missingParties, type VersionRow } from './load';

export function contentFor(content: AgreementContent, side: Side): AgreementContent {
  if (side === 'provider') return content;
  return { ...content, supportTeam: content.supportTeam.filter((c) => c.consent) };
}

export const toApproval = (a: ApprovalRow, side: Side, viewerOrganizationId: string) => ({
  party: a.party,
  at: a.at,
  onBehalfOfParticipant: a.onBehalf,
  reason: side === 'provider' ? a.reason : null,
  approvedBy: a.approvedByOrganizationId === viewerOrganizationId ? a.approvedBy : null,
  approvedByOrganizationId: a.approvedByOrganizationId,
});

export function toVersion(v: VersionRow, approvals: ApprovalRow[], side: Side, viewerOrganizationId: string) {
  return {
    version: v.version,
    content: contentFor(v.content, side),
    changedFields: v.changedFields,
    changedAt: v.createdAt,
    changedBy: v.changedByOrganizationId === viewerOrganizationId ? v.changedBy : null,
    changedByOrganizationId: v.changedByOrganizationId,
    approvals: approvalsOf(approvals, v.version).map((a) => toApproval(a, side, viewerOrganizationId)),
  };
}

export interface AgreementViewInput {
  placement: { id: string; state: PlacementState };
  required: boolean;
  versions: VersionRow[];
  approvals: ApprovalRow[];
  side: Side;
  viewerOrganizationId: string;
}

/** The whole agreement: the current version, who has yet to approve it, and every version before it (newest first). */
export function toAgreement(i: AgreementViewInput) {
  const current = i.versions.at(-1) ?? null;
  const missing: AgreementParty[] = missingParties(i.approvals, current?.version ?? null);
  return {
    placementId: i.placement.id,
    placementState: i.placement.state,
    approvalRequired: i.required,
    current: current ? toVersion(current, i.approvals, i.side, i.viewerOrganizationId) : null,
    missingApprovals: missing,
    history: i.versions
      .slice(0, -1)
      .reverse()
      .map((v) => toVersion(v, i.approvals, i.side, i.viewerOrganizationId)),
  };
}
export type AgreementView = ReturnType<typeof toAgreement>;
