/**
 * Reading an agreement's versions and approvals, and which approvals the current version lacks
 * (what `start` checks). A competitive job needs no agreement: the employment contract governs.
 */
import { asc, eq, sql } from 'drizzle-orm';
import {
  type AgreementParty,
  agreementApprovals,
  agreementParties,
  agreementVersions,
  placements,
  slots,
} from '../../../db/schema';
import type { Db } from '../../adapters/db/types';

export type VersionRow = typeof agreementVersions.$inferSelect;
export type ApprovalRow = typeof agreementApprovals.$inferSelect;

/** Every version (oldest first) and every approval of a placement's agreement. */
export async function loadAgreement(db: Db, placementId: string) {
  const [versions, approvals] = await Promise.all([
    db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.placementId, placementId))
      .orderBy(asc(agreementVersions.version)),
    db
      .select()
      .from(agreementApprovals)
      .where(eq(agreementApprovals.placementId, placementId))
      .orderBy(asc(agreementApprovals.id)),
  ]);
  return { versions, approvals, current: versions.at(-1) ?? null };
}

/** Whether a placement of this slot kind needs the three approvals before it starts. */
export const needsAgreement = (slotKind: string) => slotKind !== 'competitive_job';

/** The parties whose approval of `version` is missing, in the fixed order participant, employer, handler. */
export function missingParties(approvals: ApprovalRow[], version: number | null): AgreementParty[] {
  if (version === null) return [...agreementParties];
  const given = new Set(approvals.filter((a) => a.version === version).map((a) => a.party));
  return agreementParties.filter((p) => !given.has(p));
}

/** For `start`: whether the placement needs an agreement and who has not approved its current version. */
export async function startReadiness(db: Db, placementId: string, slotId: string) {
  const [slot] = await db.select({ kind: slots.kind }).from(slots).where(eq(slots.id, slotId));
  if (!slot || !needsAgreement(slot.kind)) return { required: false, missing: [], version: null };
  const { approvals, current } = await loadAgreement(db, placementId);
  const version = current?.version ?? null;
  return { required: true, missing: missingParties(approvals, version), version };
}

/** The newest version number of a placement's agreement, as SQL (NULL when there is none). */
export const currentVersionSql = (placementId: string) =>
  sql`(SELECT max(${agreementVersions.version}) FROM ${agreementVersions} WHERE ${agreementVersions.placementId} = ${placementId})`;

/**
 * Inside the `start` statement: the current version carries all three approvals (or the slot is a
 * competitive job). Checked again in SQL so a change made between the check and the start wins.
 */
export function allApprovedGuard(placementId: string) {
  return sql`(
    EXISTS (SELECT 1 FROM ${slots} WHERE ${slots.id} = ${placements.slotId} AND ${slots.kind} = 'competitive_job')
    OR (SELECT count(*) FROM ${agreementApprovals} WHERE ${agreementApprovals.placementId} = ${placementId}
        AND ${agreementApprovals.version} = ${currentVersionSql(placementId)}) = ${agreementParties.length}
  )`;
}

/** Approvals of one version, for one view. */
export const approvalsOf = (approvals: ApprovalRow[], version: number) =>
  approvals.filter((a) => a.version === version);

export const hasApproval = (approvals: ApprovalRow[], version: number, party: AgreementParty) =>
  approvals.some((a) => a.version === version && a.party === party);
