import { and, eq, inArray } from 'drizzle-orm';
import { participants } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertProviderRole } from '../../auth/policy';
import { unprocessable } from '../../lib/problem';
import {
  type AllocationResult,
  allocate,
  allocateOver,
  buildSlotIndex,
  type ParticipantForMatching,
  type SlotIndex,
} from '../../matching';
import type { MatchingContext } from './context';
import { rendered, summariesOf } from './present';
import { ID_CHUNK } from './queries';
import { type CatalogSlot, participantForMatching } from './rows';
import type { AllocationRequest } from './schemas';
import type { SlotSource } from './sources';

/**
 * How far a participant's list may grow when allocating n participants without a given slot list.
 * Each list is the shortest prefix of their ranking holding n supervisor-disjoint slots (or all of it
 * if shorter): over the union of those the optimal total is the one over every open slot
 * (src/matching/allocation/disjoint-prefix.ts). Shared supervisors and many participants make that
 * prefix long, so it is cut at this cap; a participant whose prefix would be longer gets their best
 * `cap` slots and the result is no longer proven optimal. Above `ALLOCATION_PREFIX_CAP` participants
 * no list can hold n slots within it, so none would be exact and every list is the best 200, as
 * before this rule (the cost stays bounded).
 */
const ALLOCATION_PREFIX_CAP = 400;
/** The fixed list length before the rule: no allocation is ever made over less than its union. */
const ALLOCATION_SLOTS_PER_PARTICIPANT = 200;

/**
 * The slots an allocation of `people` without a slot list works on: the union of their disjoint
 * prefixes, exact when no list reaches the cap. When one does, a short exact prefix of someone else
 * may have left out a slot of their best 200 that the capped participant could use, so the best 200
 * of everyone are added (a second pass, only then): never less than the fixed 200 gave.
 */
export async function slotsForAllocation(
  source: SlotSource,
  people: readonly ParticipantForMatching[],
  today: string,
  { cap = ALLOCATION_PREFIX_CAP, floor = ALLOCATION_SLOTS_PER_PARTICIPANT } = {},
): Promise<{ slots: Map<string, CatalogSlot>; index: SlotIndex }> {
  const n = people.length;
  const limit = n <= cap ? cap : floor;
  const best = await source.bestSlots(people, { limit, today, disjoint: n });
  if (!best.capped || limit <= floor) return best;
  const wide = await source.bestSlots(people, { limit: floor, today });
  const slots = new Map([...best.slots, ...wide.slots]);
  return { slots, index: buildSlotIndex(slots.values()) };
}

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
      // The union of each participant's shortest ranking prefix holding n supervisor-disjoint slots
      // (capped), as the engine ranks them (compiled already: the problem is built over it).
      const best = await slotsForAllocation(m.source, people, today);
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
