/**
 * Export and erasure of a participant's record on request (GDPR access and erasure).
 *
 * Erasure keeps the rows that follow-up counts (placements with their states, dates, outcomes and
 * hours; check-in and meeting dates) and removes everything personal: the reference becomes a random
 * token, the profile fields are emptied, the location is coarsened to the municipality's seat, free
 * text on placements, check-ins and meetings is deleted and consents are revoked. Open proposals are
 * withdrawn in the same batch (they hold nothing). Accepted or started placements must be ended or
 * withdrawn first (409): their ending carries the outcome that follow-up needs, which only the
 * handler can give.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  auditLog,
  consents,
  participants,
  placementCheckIns,
  placementHours,
  placementMeetings,
  placements,
  placementTransitions,
} from '../../../db/schema';
import { runBatch } from '../../adapters/db/batch';
import type { Member } from '../../auth/actor';
import { errorText } from '../../lib/faults';
import { conflict } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { selfAudit } from '../participant-access/audit';
import { participantAccessErasure } from '../participant-access/erasure';
import { locate } from '../sites';
import { auditValues, toAuditEntry } from './audit';
import { consentView } from './disclosure';
import { holdingStates } from './states';
import { isNotApplied, transitionStatements } from './transition';
import { toCheckIn, toHours, toMeeting, toPlacement, toTransition } from './view';

type ParticipantRow = typeof participants.$inferSelect;

/** The participant's whole record as JSON; the export itself is logged first, so it is listed too. */
export async function exportParticipant<Shown>(
  ctx: ServiceContext,
  /** A handler, or the participant themselves (signed in with an access code). */
  by: Member | 'participant',
  p: ParticipantRow,
  /** The record as the API shows it (participants toParticipant). */
  record: Shown,
) {
  const { db } = ctx;
  const now = ctx.now();
  await db.insert(auditLog).values(
    by === 'participant'
      ? selfAudit(
          { participantId: p.id, organizationId: p.organizationId, handlerId: p.handlerId },
          'participant_export',
          now,
          { fields: ['*'] },
        )
      : auditValues(
          {
            actor: by,
            participantId: p.id,
            providerOrganizationId: p.organizationId,
            action: 'export',
            fields: ['*'],
          },
          now,
        ),
  );
  const rows = await db
    .select()
    .from(placements)
    .where(eq(placements.participantId, p.id))
    .orderBy(asc(placements.id));
  const ids = rows.map((r) => r.id);
  const some = ids.length > 0;
  const [hours, checkIns, meetings, history, consentRows, audit] = await Promise.all([
    some ? db.select().from(placementHours).where(inArray(placementHours.placementId, ids)) : [],
    some ? db.select().from(placementCheckIns).where(inArray(placementCheckIns.placementId, ids)) : [],
    some ? db.select().from(placementMeetings).where(inArray(placementMeetings.placementId, ids)) : [],
    some
      ? db
          .select()
          .from(placementTransitions)
          .where(inArray(placementTransitions.placementId, ids))
          .orderBy(asc(placementTransitions.id))
      : [],
    db.select().from(consents).where(eq(consents.participantId, p.id)).orderBy(asc(consents.id)),
    db.select().from(auditLog).where(eq(auditLog.participantId, p.id)).orderBy(desc(auditLog.id)),
  ]);
  const of = <T extends { placementId: string }>(list: T[], id: string) =>
    list.filter((x) => x.placementId === id);
  const latestConsent = (employer: string) =>
    consentRows.filter((c) => c.employerOrganizationId === employer).at(-1);
  return {
    exportedAt: now,
    participant: record,
    placements: rows.map((r) => ({
      ...toPlacement(r, 'provider', {
        consent: latestConsent(r.employerOrganizationId),
        participant: p,
        disclosure: { fields: [], values: {} },
        now,
      }),
      hours: of(hours, r.id).map((h) => toHours(h, 'provider')),
      checkIns: of(checkIns, r.id).map(toCheckIn),
      // The participant's own export shows every meeting note written about them.
      meetings: of(meetings, r.id).map((m) => toMeeting(m, m.recordedByOrganizationId)),
      history: of(history, r.id).map((h) => toTransition(h, h.actorOrganizationId)),
    })),
    consents: consentRows.map((c) => consentView(c, now)),
    audit: audit.map(toAuditEntry),
  };
}

export async function eraseParticipant(ctx: ServiceContext, actor: Member, p: ParticipantRow) {
  const { db } = ctx;
  const live = await db
    .select({ id: placements.id, slotId: placements.slotId, state: placements.state })
    .from(placements)
    .where(
      and(eq(placements.participantId, p.id), inArray(placements.state, ['proposed', ...holdingStates])),
    );
  const holding = live.filter((r) => r.state !== 'proposed');
  if (holding.length)
    throw conflict(
      `The participant has ${holding.length} accepted or started placement(s) (${holding.map((r) => r.id).join(', ')}); end or withdraw them before erasure.`,
      'active-placements',
    );
  const now = ctx.now();
  const token = `ERASED-${crypto.randomUUID().slice(0, 8)}`;
  const seat = locate(p.municipalityCode);
  const ofParticipant = sql`(SELECT ${placements.id} FROM ${placements} WHERE ${placements.participantId} = ${p.id})`;
  try {
    await runBatch(db, [
      // Proposals hold nothing; withdrawing them tells the employers (placement.withdrawn).
      ...live.flatMap((r) =>
        transitionStatements(ctx, {
          placement: r,
          from: 'proposed',
          to: 'withdrawn',
          effect: 'none',
          actor,
          set: { withdrawnByOrganizationId: actor.organizationId },
        }),
      ),
      db
        .update(participants)
        .set({
          reference: token,
          strengths: [],
          interests: [],
          avoid: [],
          availability: [],
          rampUp: [],
          adaptationNeeds: [],
          preferences: {},
          hoursNow: 0,
          hoursTarget: 0,
          lat: seat.lat,
          lon: seat.lon,
          status: 'erased',
          version: sql`${participants.version} + 1`,
          updatedAt: now,
        })
        .where(
          and(
            eq(participants.id, p.id),
            sql`${participants.status} <> 'erased'`,
            sql`NOT EXISTS (SELECT 1 FROM ${placements} WHERE ${placements.participantId} = ${p.id} AND ${placements.state} IN ('accepted', 'started'))`,
          ),
        ),
      // The audit row takes the participant id through the token: if the update above did not
      // happen (an acceptance slipped in), NOT NULL fails and nothing of the erasure is kept.
      db.insert(auditLog).values({
        ...auditValues(
          {
            actor,
            participantId: p.id,
            providerOrganizationId: p.organizationId,
            action: 'erase',
            fields: ['*'],
          },
          now,
        ),
        participantId: sql`(SELECT ${participants.id} FROM ${participants} WHERE ${participants.id} = ${p.id} AND ${participants.reference} = ${token})`,
      }),
      db.update(placements).set({ note: null }).where(eq(placements.participantId, p.id)),
      db
        .update(placementCheckIns)
        .set({ note: null })
        .where(inArray(placementCheckIns.placementId, ofParticipant)),
      db
        .update(placementMeetings)
        .set({ note: null })
        .where(inArray(placementMeetings.placementId, ofParticipant)),
      db
        .update(consents)
        .set({ revokedAt: now })
        .where(and(eq(consents.participantId, p.id), isNull(consents.revokedAt))),
      ...participantAccessErasure(db, p.id, now),
    ]);
  } catch (err) {
    if (isNotApplied(err) || /NOT NULL constraint failed: audit_log\.participant_id/i.test(errorText(err)))
      throw conflict(
        'The participant’s placements changed during erasure; check them and try again.',
        'changed',
      );
    throw err;
  }
}
