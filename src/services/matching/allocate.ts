import { and, eq, inArray } from 'drizzle-orm';
import { participants } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertProviderRole } from '../../auth/policy';
import { unprocessable } from '../../lib/problem';
import { type AllocationResult, allocate, allocateOver } from '../../matching';
import type { MatchingContext } from './context';
import { rendered, summariesOf } from './present';
import { ID_CHUNK } from './queries';
import { type CatalogSlot, participantForMatching } from './rows';
import type { AllocationRequest } from './schemas';

/** Slots within reach considered per participant when allocating without a given slot list. */
const ALLOCATION_SLOTS_PER_PARTICIPANT = 200;

/** The organization's participants among `ids`, read in chunks. */
async function ownParticipants(m: MatchingContext, organizationId: string, ids: string[]) {
  const rows = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK)
    rows.push(
      ...(await m.db
        .select()
        .from(participants)
        .where(
          and(
            eq(participants.organizationId, organizationId),
            inArray(participants.id, ids.slice(i, i + ID_CHUNK)),
          ),
        )),
    );
  return rows;
}

/**
 * Proposes the best assignment of the given participants to places (nothing is booked): optimal
 * for the total score under every slot's free places and every supervisor's free room.
 */
export function allocatePlaces(m: MatchingContext) {
  return async function allocatePlaces(actor: Actor, input: AllocationRequest) {
    assertProviderRole(actor, ['handler', 'admin'], 'allocate places');
    const rows = await ownParticipants(m, actor.organizationId, [...new Set(input.participantIds)]);
    const active = new Set(rows.filter((r) => r.status === 'active').map((r) => r.id));
    const missing = input.participantIds.flatMap((id, i) =>
      active.has(id)
        ? []
        : [{ path: `participantIds.${i}`, message: 'is not an active participant of your organization' }],
    );
    if (missing.length)
      throw unprocessable('Every participant must be an active participant of your organization.', missing);

    const today = m.today();
    const people = rows.filter((r) => active.has(r.id)).map(participantForMatching);
    let slotsById: Map<string, CatalogSlot>;
    let result: AllocationResult;
    if (input.slotIds) {
      slotsById = await m.source.openSlots([...new Set(input.slotIds)]);
      const closed = input.slotIds.flatMap((id, i) =>
        slotsById.has(id) ? [] : [{ path: `slotIds.${i}`, message: 'is not an open slot' }],
      );
      if (closed.length) throw unprocessable('Every slot must be open.', closed);
      result = allocate(people, [...slotsById.values()], { today });
    } else {
      // Every slot among the best few hundred for at least one of the participants: the union of
      // their candidates, as the engine ranks them (compiled already: the problem is built over it).
      const best = await m.source.bestSlots(people, { limit: ALLOCATION_SLOTS_PER_PARTICIPANT, today });
      slotsById = best.slots;
      result = allocateOver(people, best.index, { today });
    }
    const slotsConsidered = slotsById.size;
    const summaries = await summariesOf(
      m.queries,
      result.assignments.map((a) => slotsById.get(a.slotId)!),
    );
    return {
      assignments: result.assignments.map((a) => ({ ...a, slot: summaries.get(a.slotId) ?? null })),
      unassigned: result.unassigned.map((u) => ({
        participantId: u.participantId,
        reason: rendered(u.reason),
      })),
      totalScore: result.totalScore,
      slotsConsidered,
      today,
    };
  };
}
