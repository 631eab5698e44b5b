/**
 * Drafting and changing the agreement (the provider side: handler or admin), once the employer has
 * accepted. Every change is a new immutable version naming who made it and which parts changed; the
 * approvals stay on the version they were given for, so a change withdraws them all. The same batch
 * queues the mails asking the employer and the handler to approve (outbox) and the participant's notice.
 */
import {
  type AgreementContent,
  agreementVersions,
  type PlacementState,
  participantNotices,
} from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { newId } from '../../lib/ids';
import { conflict } from '../../lib/problem';
import { notifyStatement } from '../../outbox/notify';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../db-errors';
import { assertServesSlot } from '../placements/checks';
import type { PlacementViews } from '../placements/present';
import { loadAgreement } from './load';
import type { AgreementReader } from './read';
import type { AgreementDraft } from './schemas';

/** States in which the agreement can be drafted, changed and approved. */
export const agreementStates: readonly PlacementState[] = ['accepted', 'started'];

export const notOpen = (state: PlacementState) =>
  conflict(
    state === 'proposed'
      ? 'The agreement is drafted once the employer has accepted the proposal.'
      : `The placement is ${state}; its agreement can no longer change.`,
    'agreement-not-open',
  );

const changedMeanwhile = () =>
  conflict(
    'The agreement was changed by someone else; read it and make your change again.',
    'agreement-changed',
  );

/**
 * The top-level parts of the agreement that differ between two versions. Content is always built in
 * the same key order (below), so equal parts serialise equally.
 */
export function changedParts(before: AgreementContent | null, after: AgreementContent): string[] {
  const keys = Object.keys(after) as (keyof AgreementContent)[];
  return before ? keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])) : keys;
}

export function agreementDrafter(ctx: ServiceContext, views: PlacementViews, reader: AgreementReader) {
  const { db } = ctx;
  return async function draft(actor: Actor, id: string, input: AgreementDraft) {
    const { row, side, actor: member } = await views.loadFor(actor, id, 'write', ['provider']);
    if (!agreementStates.includes(row.state)) throw notOpen(row.state);
    if (input.supervisorId) await assertServesSlot(db, row.slotId, input.supervisorId, 'supervisorId');
    const { current } = await loadAgreement(db, row.id);
    const currentVersion = current?.version ?? 0;
    if (input.baseVersion !== undefined && input.baseVersion !== currentVersion) throw changedMeanwhile();
    const content: AgreementContent = {
      tasks: input.tasks,
      goals: [...new Set(input.goals)],
      hoursPlan: input.hoursPlan,
      schedule: input.schedule,
      adaptations: [...new Set(input.adaptations)],
      supervisorId: input.supervisorId ?? row.supervisorId,
      followUp: input.followUp,
      dates: { start: input.dates.start, review: input.dates.review, end: input.dates.end ?? null },
      supportTeam: input.supportTeam.map((c) => ({
        party: c.party,
        name: c.name,
        ...(c.role ? { role: c.role } : {}),
        consent: c.consent,
      })),
    };
    const changedFields = changedParts(current?.content ?? null, content);
    // Saving the same agreement again is no change: no new version, no approval withdrawn.
    if (changedFields.length === 0) return reader.render(member, side, row);
    const version = currentVersion + 1;
    const now = ctx.now();
    try {
      await db.batch([
        db.insert(agreementVersions).values({
          id: newId('event'),
          placementId: row.id,
          version,
          content,
          changedFields,
          changedBy: member.userId,
          changedByOrganizationId: member.organizationId,
          createdAt: now,
        }),
        db
          .insert(participantNotices)
          .values({
            id: newId('event'),
            participantId: row.participantId,
            kind: 'agreement_approval_wanted',
            placementId: row.id,
            version,
            createdAt: now,
          })
          .onConflictDoNothing(),
        notifyStatement(
          db,
          { event: 'agreement.approval_wanted', placementId: row.id, version },
          now,
          String(version),
        ),
      ]);
    } catch (err) {
      if (isUniqueViolation(err, 'agreement_versions')) throw changedMeanwhile();
      throw err;
    }
    return reader.render(member, side, row);
  };
}
