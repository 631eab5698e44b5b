/**
 * Approving the current version. The party comes from the caller, never from the request: a handler
 * (or the provider's admin) approves as the handler, or for the participant with a stated reason; the
 * employer side approves as the employer; the participant approves through their own sign-in
 * (`approveAsParticipant`, called by the participant's pages). An older version answers 409; a
 * party that has approved already gets the agreement back unchanged.
 */
import { sql } from 'drizzle-orm';
import { type AgreementParty, agreementApprovals, agreementVersions } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { errorText } from '../../lib/faults';
import { newId } from '../../lib/ids';
import { conflict, forbidden, notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../db-errors';
import type { PlacementViews } from '../placements/present';
import type { PlacementRow } from '../placements/view';
import { agreementStates, notOpen } from './draft';
import { currentVersionSql, hasApproval, loadAgreement, startReadiness } from './load';
import type { AgreementReader } from './read';
import type { AgreementApprove } from './schemas';
import { toAgreement } from './view';

interface ApprovalBy {
  party: AgreementParty;
  approvedBy: string | null;
  approvedByOrganizationId: string | null;
  onBehalf: boolean;
  reason: string | null;
  participantId: string | null;
}

const oldVersion = (asked: number, current: number) =>
  conflict(
    `Version ${asked} is not the current version of the agreement (${current}); read it and approve the current one.`,
    'agreement-version-old',
  );

export function agreementApprover(ctx: ServiceContext, views: PlacementViews, reader: AgreementReader) {
  const { db } = ctx;

  /** Records one approval of `version` if it is still the current one. */
  async function record(row: PlacementRow, version: number, by: ApprovalBy) {
    if (!agreementStates.includes(row.state)) throw notOpen(row.state);
    const { current, approvals } = await loadAgreement(db, row.id);
    if (!current) throw conflict('There is no agreement to approve yet.', 'no-agreement');
    if (version !== current.version) throw oldVersion(version, current.version);
    if (hasApproval(approvals, version, by.party)) return;
    // The placement id is read through "this version is the newest": NULL (refused) if a change came first.
    const stillCurrent = sql`(SELECT ${agreementVersions.placementId} FROM ${agreementVersions} WHERE ${agreementVersions.placementId} = ${row.id} AND ${agreementVersions.version} = ${version} AND ${agreementVersions.version} = ${currentVersionSql(row.id)})`;
    try {
      await db.insert(agreementApprovals).values({
        id: newId('event'),
        placementId: stillCurrent,
        version,
        ...by,
        at: ctx.now(),
      });
    } catch (err) {
      if (isUniqueViolation(err, 'agreement_approvals')) return; // the same party, at the same moment
      if (/NOT NULL constraint failed: agreement_approvals\.placement_id/i.test(errorText(err)))
        throw oldVersion(version, version + 1);
      throw err;
    }
  }

  /** The agreement as the participant sees it: all of it (it is about them), without staff ids. */
  async function agreementForParticipant(placementId: string, participantId: string) {
    const row = await views.loadRow(placementId);
    if (row.participantId !== participantId) throw notFound('Placement', placementId);
    const [readiness, loaded] = await Promise.all([
      startReadiness(db, row.id, row.slotId),
      loadAgreement(db, row.id),
    ]);
    return toAgreement({
      placement: row,
      required: readiness.required,
      versions: loaded.versions,
      approvals: loaded.approvals,
      side: 'provider',
      viewerOrganizationId: '',
    });
  }

  return {
    forParticipant: agreementForParticipant,

    async approve(actor: Actor, id: string, input: AgreementApprove) {
      const { row, side, actor: member } = await views.loadFor(actor, id, 'write');
      if (side === 'employer' && input.onBehalfOfParticipant)
        throw forbidden('Only the participant’s handler may approve on the participant’s behalf.');
      const onBehalf = side === 'provider' && !!input.onBehalfOfParticipant;
      await record(row, input.version, {
        party: onBehalf ? 'participant' : side === 'provider' ? 'handler' : 'employer',
        approvedBy: member.userId,
        approvedByOrganizationId: member.organizationId,
        onBehalf,
        reason: onBehalf ? (input.reason ?? null) : null,
        participantId: null,
      });
      return reader.render(member, side, await views.loadRow(id));
    },

    /**
     * The participant approves for themself (for the participant's own pages, issue #16 part two).
     * `participantId` is the signed-in participant: another participant's placement answers 404.
     */
    async approveAsParticipant(placementId: string, version: number, participantId: string) {
      const row = await views.loadRow(placementId);
      if (row.participantId !== participantId) throw notFound('Placement', placementId);
      await record(row, version, {
        party: 'participant',
        approvedBy: null,
        approvedByOrganizationId: null,
        onBehalf: false,
        reason: null,
        participantId,
      });
      return agreementForParticipant(placementId, participantId);
    },
  };
}
