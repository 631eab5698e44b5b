/**
 * What a signed-in participant sees and changes of their own record: the profile (and corrections to
 * strengths, interests, avoid list and availability, recorded for the handler), which employers see
 * what and until when (and withdrawing that at once), and their placements with hours and check-ins.
 * Every read and change is audited as the participant's own. Another participant's placement is 404.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  auditLog,
  type CorrectableField,
  consents,
  correctableFields,
  type FieldChange,
  organizations,
  participantChanges,
  participantCheckIns,
  participants,
  placementCheckIns,
  placementHours,
  placements,
  slots,
} from '../../../db/schema';
import { newId } from '../../lib/ids';
import { notFound } from '../../lib/problem';
import { normaliseWindows } from '../../lib/schedule';
import type { ServiceContext } from '../context';
import { consentValid } from '../placements/disclosure';
import { type ParticipantSelf, selfAudit } from './audit';
import type { ProfileCorrection } from './schemas';

export function participantSelfService(ctx: ServiceContext) {
  const { db } = ctx;

  async function profileRow(me: ParticipantSelf) {
    const [row] = await db.select().from(participants).where(eq(participants.id, me.participantId));
    if (!row || row.status === 'erased') throw notFound('Participant', me.participantId);
    return row;
  }

  /** The newest consent per employer the participant has placements with, valid or not. */
  async function consentsOf(me: ParticipantSelf) {
    const now = ctx.now();
    const rows = await db
      .select({ consent: consents, employerName: organizations.name })
      .from(consents)
      .innerJoin(organizations, eq(organizations.id, consents.employerOrganizationId))
      .where(eq(consents.participantId, me.participantId))
      .orderBy(desc(consents.id));
    const newest = new Map<string, (typeof rows)[number]>();
    for (const r of rows)
      if (!newest.has(r.consent.employerOrganizationId)) newest.set(r.consent.employerOrganizationId, r);
    return [...newest.values()].map(({ consent, employerName }) => ({
      employerOrganizationId: consent.employerOrganizationId,
      employerName,
      fields: consent.fields,
      givenAt: consent.givenAt,
      expiresAt: consent.expiresAt,
      revokedAt: consent.revokedAt,
      valid: consentValid(consent, now),
    }));
  }

  async function placementsOf(me: ParticipantSelf) {
    return db
      .select({
        id: placements.id,
        state: placements.state,
        startDate: placements.startDate,
        endDate: placements.endDate,
        slotTitle: slots.title,
        employerName: organizations.name,
      })
      .from(placements)
      .innerJoin(slots, eq(slots.id, placements.slotId))
      .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
      .where(eq(placements.participantId, me.participantId))
      .orderBy(desc(placements.id));
  }

  return {
    profileRow,

    /** Everything on the participant's own start page; the read is audited. */
    async overview(me: ParticipantSelf) {
      const [profile, consentList, placementList] = await Promise.all([
        profileRow(me),
        consentsOf(me),
        placementsOf(me),
      ]);
      await db.insert(auditLog).values(selfAudit(me, 'participant_read', ctx.now(), { fields: ['*'] }));
      return { profile, consents: consentList, placements: placementList };
    },

    /** Corrects the profile; the handler sees what changed. Nothing changed: nothing recorded. */
    async correct(me: ParticipantSelf, input: ProfileCorrection) {
      const row = await profileRow(me);
      const next = { ...input, availability: normaliseWindows(input.availability) };
      const changes: FieldChange[] = [];
      for (const field of correctableFields)
        if (JSON.stringify(row[field]) !== JSON.stringify(next[field]))
          changes.push({ field, before: row[field], after: next[field] });
      if (changes.length === 0) return [];
      const now = ctx.now();
      const set: Partial<Record<CorrectableField, unknown>> = {};
      for (const c of changes) set[c.field] = c.after;
      await db.batch([
        db
          .update(participants)
          .set({ ...next, version: row.version + 1, updatedAt: now })
          .where(eq(participants.id, row.id)),
        db.insert(participantChanges).values({ id: newId('event'), participantId: row.id, at: now, changes }),
        db
          .insert(auditLog)
          .values(selfAudit(me, 'participant_correct', now, { fields: changes.map((c) => c.field) })),
      ]);
      return changes;
    },

    consents: consentsOf,

    /** Withdraws what one employer may see, at once: the consent in force is revoked. */
    async withdrawConsent(me: ParticipantSelf, employerOrganizationId: string) {
      const now = ctx.now();
      const [current] = await db
        .select()
        .from(consents)
        .where(
          and(
            eq(consents.participantId, me.participantId),
            eq(consents.employerOrganizationId, employerOrganizationId),
          ),
        )
        .orderBy(desc(consents.id))
        .limit(1);
      if (!current) throw notFound('Consent', employerOrganizationId);
      if (!consentValid(current, now)) return;
      await db.batch([
        db.update(consents).set({ revokedAt: now }).where(eq(consents.id, current.id)),
        db.insert(auditLog).values(
          selfAudit(me, 'participant_consent_withdraw', now, {
            fields: current.fields,
            recipientOrganizationId: employerOrganizationId,
          }),
        ),
      ]);
    },

    /** One of the participant's own placements with its hours and check-ins; anyone else's is 404. */
    async placement(me: ParticipantSelf, placementId: string) {
      const [p] = (await placementsOf(me)).filter((x) => x.id === placementId);
      if (!p) throw notFound('Placement', placementId);
      const [hours, handlerCheckIns, own] = await Promise.all([
        db
          .select()
          .from(placementHours)
          .where(eq(placementHours.placementId, p.id))
          .orderBy(asc(placementHours.weekStart)),
        db
          .select({
            date: placementCheckIns.date,
            with: placementCheckIns.with,
            note: placementCheckIns.note,
          })
          .from(placementCheckIns)
          .where(eq(placementCheckIns.placementId, p.id))
          .orderBy(asc(placementCheckIns.date)),
        db
          .select()
          .from(participantCheckIns)
          .where(inArray(participantCheckIns.placementId, [p.id]))
          .orderBy(desc(participantCheckIns.weekStart)),
      ]);
      await db
        .insert(auditLog)
        .values(selfAudit(me, 'participant_read', ctx.now(), { fields: ['*'], placementId: p.id }));
      return { ...p, hours, checkIns: handlerCheckIns, weekly: own };
    },
  };
}
