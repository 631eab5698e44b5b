/**
 * `slot.opened` → the daily digest. The slot is ranked against the active participants of every
 * provider organization near it with the matching engine; each handler with a participant it fits
 * well gets the slot in their next digest. Decisions:
 * - "fits well": eligible (every hard constraint passes) and a score of at least DIGEST_MIN_SCORE.
 *   The score is the engine's weighted sum in 0..1 (src/matching/weights.ts); 0.6 means most of the
 *   participant's own wishes and the practical fit are there, not merely "not excluded"; and no
 *   serious gap (SERIOUS_GAPS: the slot states something the person wants to avoid).
 * - When: one digest per handler and local day, sent at DIGEST_LOCAL_TIME (08:00 Europe/Stockholm),
 *   holding the slots that opened since the previous one: predictable for coaches, never more than
 *   one mail a day, and a slot waits at most a day. Key `digest:<handlerId>:<YYYY-MM-DD>`.
 * - Coalescing: the first slot creates the digest (notification + outbox row due at its send time);
 *   later ones are appended with a compare-and-set on `revision` while the digest is not frozen. The
 *   mail handler freezes it when it sends; a slot arriving after that goes to the next day's digest.
 * - Never doubled: the digest records the event keys it holds, so a re-run adds nothing twice, and a
 *   slot opened twice the same day is listed once. The digest names slots, never a participant.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  notifications,
  organizations,
  participants,
  slotSupervisors,
  slots,
  supervisors,
  users,
} from '../../../../db/schema';
import { localDate, nextLocalTime } from '../../../lib/local-time';
import { type DigestSlot, type SlotDigestData, storedTemplateData } from '../../../mail/templates';
import { rankCandidates } from '../../../matching';
import { municipalityByCode } from '../../../reference';
import { mayBeProposed } from '../../matching/reach';
import { participantForMatching, slotForMatching } from '../../matching/rows';
import type { NotifyContext } from '../context';
import { queueMailStatements, type Recipient } from '../queue';

export const DIGEST_MIN_SCORE = 0.6;
/** Gaps that keep a match out of the digest whatever its score. */
export const SERIOUS_GAPS: ReadonlySet<string> = new Set(['avoid_conflict']);
export const DIGEST_LOCAL_TIME = '08:00';

export const digestKey = (handlerId: string, date: string) => `digest:${handlerId}:${date}`;

/** Handlers (with their organization) who have an active participant the slot fits well. */
async function handlersWithGoodMatch(ctx: NotifyContext, slotId: string, now: Date) {
  const [slot] = await ctx.db.select().from(slots).where(eq(slots.id, slotId));
  if (slot?.status !== 'open') return { slot: undefined, handlers: [] };
  const sups = await ctx.db
    .select({ s: supervisors })
    .from(slotSupervisors)
    .innerJoin(supervisors, eq(supervisors.id, slotSupervisors.supervisorId))
    .where(eq(slotSupervisors.slotId, slotId));
  const rows = await ctx.db
    .select({ p: participants, handler: { id: users.id, name: users.name, email: users.email } })
    .from(participants)
    .innerJoin(organizations, eq(organizations.id, participants.organizationId))
    .innerJoin(users, eq(users.id, participants.handlerId))
    .where(and(eq(participants.status, 'active'), isNull(organizations.deactivatedAt), mayBeProposed(slot)));
  if (rows.length === 0) return { slot, handlers: [] };
  const matches = rankCandidates(
    slotForMatching(
      slot,
      sups.map((x) => x.s),
    ),
    rows.map((r) => participantForMatching(r.p)),
    { today: localDate(now), limit: rows.length },
  );
  const byParticipant = new Map(rows.map((r) => [r.p.id, r]));
  const handlers = new Map<string, Recipient>();
  for (const m of matches) {
    if (m.score < DIGEST_MIN_SCORE) break; // best first
    // A match with a serious gap (something the person wants to avoid) is for the coach to weigh in
    // the matches list, never pushed in a digest.
    if (m.gaps.some((g) => SERIOUS_GAPS.has(g.code))) continue;
    const r = byParticipant.get(m.participantId)!;
    if (!handlers.has(r.handler.id))
      handlers.set(r.handler.id, {
        kind: 'user',
        id: r.handler.id,
        email: r.handler.email,
        organizationId: r.p.organizationId,
        name: r.handler.name,
      });
  }
  return { slot, handlers: [...handlers.values()] };
}

export async function slotOpenedDigest(ctx: NotifyContext, eventKey: string, slotId: string) {
  const now = new Date(ctx.now());
  const { slot, handlers } = await handlersWithGoodMatch(ctx, slotId, now);
  if (!slot) return;
  const entry: DigestSlot = {
    slotId: slot.id,
    title: slot.title,
    municipality: municipalityByCode.get(slot.municipalityCode)?.name ?? slot.municipalityCode,
  };
  for (const handler of handlers) await addToDigest(ctx, handler, entry, eventKey, now);
}

async function alreadyInADigest(ctx: NotifyContext, handlerId: string, eventKey: string) {
  const found = await ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientKind, 'user'),
        eq(notifications.recipientId, handlerId),
        eq(notifications.template, 'slot_digest'),
        sql`EXISTS (SELECT 1 FROM json_each(${notifications.data}, '$.events') WHERE json_each.value = ${eventKey})`,
      ),
    )
    .limit(1);
  return found.length > 0;
}

async function addToDigest(
  ctx: NotifyContext,
  to: Recipient,
  entry: DigestSlot,
  eventKey: string,
  now: Date,
) {
  if (await alreadyInADigest(ctx, to.id, eventKey)) return;
  let after = now;
  // A digest frozen while we append sends the slot to the next day's; a couple of rounds at most.
  for (let round = 0; round < 5; round++) {
    const sendAt = nextLocalTime(after, DIGEST_LOCAL_TIME);
    const date = localDate(sendAt);
    const key = digestKey(to.id, date);
    const data: SlotDigestData = { recipientName: to.name ?? '', date, slots: [entry], events: [eventKey] };
    const [insert, enqueue] = queueMailStatements(ctx.db, {
      key,
      template: 'slot_digest',
      recipient: to,
      data,
      now: ctx.now(),
      sendAt: sendAt.toISOString(),
    });
    const [created] = await ctx.db.batch([insert, enqueue]);
    if (created.length > 0) return;
    if (await appendToDigest(ctx, key, entry, eventKey)) return;
    after = sendAt;
  }
  throw new Error(`could not add ${entry.slotId} to a digest of ${to.id}`);
}

/** Compare-and-set append; false when the digest is frozen (being or already sent). */
async function appendToDigest(ctx: NotifyContext, key: string, entry: DigestSlot, eventKey: string) {
  for (;;) {
    const [d] = await ctx.db.select().from(notifications).where(eq(notifications.dedupeKey, key));
    if (!d || d.frozenAt) return false;
    const data = storedTemplateData('slot_digest', d.data);
    if (data.events.includes(eventKey)) return true;
    const next: SlotDigestData = {
      ...data,
      events: [...data.events, eventKey],
      slots: data.slots.some((s) => s.slotId === entry.slotId) ? data.slots : [...data.slots, entry],
    };
    const [hit] = await ctx.db
      .update(notifications)
      .set({ data: next, revision: d.revision + 1 })
      .where(
        and(
          eq(notifications.id, d.id),
          eq(notifications.revision, d.revision),
          isNull(notifications.frozenAt),
        ),
      )
      .returning({ id: notifications.id });
    if (hit) return true;
  }
}
