/**
 * The allocation problem in plain arrays: who may go where (eligible pairs with integer scores),
 * places per slot, room per supervisor. Built once from the matching engine; solved by the flow,
 * and reusable by baselines and cross-checks (greedy, LP) in benchmarks and tests.
 */
import { prepareParticipant } from '../participant';
import { compareIds, forEachEligibleSlot } from '../rank';
import { buildSlotIndex, type SlotIndex } from '../slot-index';
import type { MatchOptions, ParticipantForMatching, SlotForMatching } from '../types';

/** Scores are 0..1 with 4 decimals; × 10⁶ makes them exact integers for the flow. */
export const SCORE_SCALE = 1_000_000;

export interface AllocationProblem {
  /** Sorted by id; indices below refer to these arrays. */
  participantIds: string[];
  /** Only slots with at least one eligible pair, sorted by id. */
  slots: { id: string; freePlaces: number; supervisors: number[] }[];
  /** Supervisors with room of those slots, sorted by id; a supervisor shared by slots appears once. */
  supervisors: { id: string; room: number }[];
  /** Eligible pairs grouped by participant (ascending), then slot (ascending). */
  pairParticipant: Int32Array;
  pairSlot: Int32Array;
  /** Score × SCORE_SCALE, an integer. */
  pairScore: Int32Array;
}

const byId = <T extends { id: string }>(a: T, b: T) => compareIds(a.id, b.id);

export function buildAllocationProblem(
  participants: readonly ParticipantForMatching[],
  slots: readonly SlotForMatching[],
  opts: MatchOptions,
): AllocationProblem {
  return buildAllocationProblemOver(participants, buildSlotIndex([...slots].sort(byId)), opts);
}

/**
 * The problem over the slots an index holds (every one of them is considered). The rows' order does
 * not matter: pairs, slots and supervisors are numbered in id order.
 */
export function buildAllocationProblemOver(
  participants: readonly ParticipantForMatching[],
  index: SlotIndex,
  opts: MatchOptions,
): AllocationProblem {
  // Ids are expected to be unique; if one repeats, the last occurrence counts (as for slots).
  const sortedParticipants = [...new Map(participants.map((p) => [p.id, p])).values()].sort(byId);

  const pairs: { p: number; row: number; score: number }[] = [];
  sortedParticipants.forEach((participant, p) => {
    const pp = prepareParticipant(index, participant, opts.today);
    const mine: { p: number; row: number; score: number }[] = [];
    forEachEligibleSlot(index, pp, (row, score) => {
      mine.push({ p, row, score: Math.round(score * SCORE_SCALE) });
    });
    mine.sort((a, b) => compareIds(index.ids[a.row]!, index.ids[b.row]!));
    pairs.push(...mine);
  });

  // Slots and supervisors that appear in some pair, numbered in id order.
  const usedRows = [...new Set(pairs.map((x) => x.row))].sort((a, b) =>
    compareIds(index.ids[a]!, index.ids[b]!),
  );
  const slotOfRow = new Map(usedRows.map((row, i) => [row, i]));
  const roomById = new Map<string, number>();
  for (const row of usedRows) {
    for (const s of index.slots[row]!.supervisors) {
      const room = s.maxParticipants - s.activePlacements;
      if (room <= 0) continue;
      // A supervisor listed on several slots should carry the same numbers; if not, trust the smaller room.
      roomById.set(s.id, Math.min(room, roomById.get(s.id) ?? room));
    }
  }
  const supervisors = [...roomById].map(([id, room]) => ({ id, room })).sort(byId);
  const supervisorIndex = new Map(supervisors.map((s, i) => [s.id, i]));

  return {
    participantIds: sortedParticipants.map((p) => p.id),
    slots: usedRows.map((row) => {
      const slot = index.slots[row]!;
      const sups = new Set<number>();
      for (const s of slot.supervisors) {
        const i = supervisorIndex.get(s.id);
        if (i !== undefined) sups.add(i);
      }
      return {
        id: slot.id,
        freePlaces: slot.capacity - slot.taken,
        supervisors: [...sups].sort((a, b) => a - b),
      };
    }),
    supervisors,
    pairParticipant: Int32Array.from(pairs, (x) => x.p),
    pairSlot: Int32Array.from(pairs, (x) => slotOfRow.get(x.row)!),
    pairScore: Int32Array.from(pairs, (x) => x.score),
  };
}
