/**
 * A participant asks for an export of their record or for its erasure; their handler confirms (or
 * declines) on the participant's page. A confirmed export can be downloaded by the participant for
 * EXPORT_DAYS; a confirmed erasure erases the record at once (the participants service's erasure,
 * refused with 409 while a placement is accepted or started).
 */
import { and, desc, eq, gt } from 'drizzle-orm';
import { auditLog, participantRequests, participants } from '../../../db/schema';
import type { Actor, Member } from '../../auth/actor';
import { newId } from '../../lib/ids';
import { conflict, notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { type ParticipantService, toParticipant } from '../participants/index';
import { exportParticipant } from '../placements/erasure';
import { type ParticipantSelf, selfAudit } from './audit';
import type { RequestKind } from './schemas';

/** Days a confirmed export stays downloadable for the participant. */
export const EXPORT_DAYS = 14;

export function participantRequestService(ctx: ServiceContext, people: ParticipantService) {
  const { db } = ctx;
  const listOf = (participantId: string) =>
    db
      .select()
      .from(participantRequests)
      .where(eq(participantRequests.participantId, participantId))
      .orderBy(desc(participantRequests.id));

  async function resolve(
    actor: Actor,
    participantId: string,
    requestId: string,
    status: 'confirmed' | 'declined',
  ) {
    const p = await people.load(actor, participantId, 'write');
    const [r] = (await listOf(p.id)).filter((x) => x.id === requestId);
    if (!r) throw notFound('Request', requestId);
    if (r.status !== 'pending') throw conflict(`The request is already ${r.status}.`, 'illegal-state');
    if (status === 'confirmed' && r.kind === 'erasure') await people.remove(actor, p.id);
    await db
      .update(participantRequests)
      .set({ status, resolvedAt: ctx.now(), resolvedBy: (actor as Member).userId })
      .where(eq(participantRequests.id, r.id));
    return { ...r, status };
  }

  return {
    /** The participant asks; asking again while one of the kind is pending changes nothing. */
    async request(me: ParticipantSelf, kind: RequestKind) {
      const pending = (await listOf(me.participantId)).find((r) => r.kind === kind && r.status === 'pending');
      if (pending) return pending;
      const now = ctx.now();
      const row = {
        id: newId('event'),
        participantId: me.participantId,
        kind,
        status: 'pending' as const,
        requestedAt: now,
        resolvedAt: null,
        resolvedBy: null,
      };
      await db.batch([
        db.insert(participantRequests).values(row),
        db.insert(auditLog).values(selfAudit(me, 'participant_request', now, { fields: [kind] })),
      ]);
      return row;
    },

    listOf,
    confirm: (actor: Actor, participantId: string, requestId: string) =>
      resolve(actor, participantId, requestId, 'confirmed'),
    decline: (actor: Actor, participantId: string, requestId: string) =>
      resolve(actor, participantId, requestId, 'declined'),

    /** Whether the participant may download their export now (a confirmed request within EXPORT_DAYS). */
    async exportReady(me: ParticipantSelf) {
      const since = new Date(Date.parse(ctx.now()) - EXPORT_DAYS * 86_400_000).toISOString();
      const [r] = await db
        .select({ id: participantRequests.id })
        .from(participantRequests)
        .where(
          and(
            eq(participantRequests.participantId, me.participantId),
            eq(participantRequests.kind, 'export'),
            eq(participantRequests.status, 'confirmed'),
            gt(participantRequests.resolvedAt, since),
          ),
        )
        .limit(1);
      return !!r;
    },

    /** The participant's whole record, once the handler has confirmed; audited as their own export. */
    async exportFor(me: ParticipantSelf) {
      const [ready, [row]] = await Promise.all([
        this.exportReady(me),
        db.select().from(participants).where(eq(participants.id, me.participantId)),
      ]);
      if (!ready || !row || row.status === 'erased') throw notFound('Export');
      return exportParticipant(ctx, 'participant', row, toParticipant(row));
    },
  };
}
