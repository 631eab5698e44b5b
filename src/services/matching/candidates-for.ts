import { and, asc, eq, gt } from 'drizzle-orm';
import { participants, slotSupervisors, slots, supervisors } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertCanSeeRegistry, assertProviderRole } from '../../auth/policy';
import { notFound } from '../../lib/problem';
import { type Match, mergeRankings, rankCandidates, type SlotForMatching } from '../../matching';
import type { MatchingContext } from './context';
import { presentMatch } from './present';
import { mayBeProposed } from './reach';
import { participantForMatching, slotForMatching } from './rows';
import type { MatchLimit } from './schemas';

/** Participants ranked for a slot per page, so a large caseload is never held at once. */
const PARTICIPANT_PAGE = 500;

/** One slot in any state, so candidates can also say why none fit a paused or closed one. */
async function loadSlot(m: MatchingContext, slotId: string): Promise<SlotForMatching> {
  const [row] = await m.db.select().from(slots).where(eq(slots.id, slotId));
  if (!row) throw notFound('Slot', slotId);
  const sups = await m.db
    .select({
      id: supervisors.id,
      maxParticipants: supervisors.maxParticipants,
      activePlacements: supervisors.activePlacements,
      trained: supervisors.trained,
    })
    .from(slotSupervisors)
    .innerJoin(supervisors, eq(supervisors.id, slotSupervisors.supervisorId))
    .where(eq(slotSupervisors.slotId, slotId));
  return slotForMatching(row, sups);
}

/** The caller's organization's participants that fit a slot best, read a page at a time. */
export function candidatesForSlot(m: MatchingContext) {
  return async function candidatesFor(actor: Actor, slotId: string, q: MatchLimit) {
    assertProviderRole(actor, ['handler', 'admin'], 'rank participants for a slot');
    const slot = await loadSlot(m, slotId);
    assertCanSeeRegistry(actor, slot.organizationId, 'Slot', slotId);
    const today = m.today();
    // The organization's active participants the slot may reach, a page at a time, best kept.
    let best: Match[] = [];
    const people = new Map<string, { reference: string; handlerId: string }>();
    for (let after = ''; ; ) {
      const rows = await m.db
        .select()
        .from(participants)
        .where(
          and(
            eq(participants.organizationId, actor.organizationId),
            eq(participants.status, 'active'),
            gt(participants.id, after),
            mayBeProposed(slot),
          ),
        )
        .orderBy(asc(participants.id))
        .limit(PARTICIPANT_PAGE);
      const ranked = rankCandidates(slot, rows.map(participantForMatching), { limit: q.limit, today });
      best = mergeRankings([best, ranked], q.limit, 'participantId');
      for (const r of rows) people.set(r.id, { reference: r.reference, handlerId: r.handlerId });
      const kept = new Set(best.map((x) => x.participantId));
      for (const id of people.keys()) if (!kept.has(id)) people.delete(id);
      if (rows.length < PARTICIPANT_PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    return {
      data: best.map((x) => ({ ...presentMatch(x), participant: people.get(x.participantId)! })),
      slot: { id: slot.id, title: slot.title, status: slot.status, freePlaces: slot.capacity - slot.taken },
      today,
    };
  };
}
