/**
 * How much of each participant's ranking an optimal allocation of n participants can need.
 *
 * The only resources participants share are each slot's free places and each supervisor's free room
 * (a placement takes one place of its slot and one room of one of the slot's supervisors with room;
 * everything else is per pair). Count slots down a participant's ranking greedily: a slot counts when
 * its supervisors with room are disjoint from every counted slot's. Once n slots count, the prefix up
 * to the n-th is all the allocation needs from that participant: the other n − 1 each take one place
 * of one slot and one room of one supervisor, so each can use up at most one counted slot (their
 * supervisor sets are disjoint), and one counted slot stays usable. Take an optimum over every slot
 * with the most participants inside their prefixes: one outside (or unassigned) could move to that
 * slot, which scores at least as much (it ranks higher; scores are ≥ 0 and the flow maximises the
 * total score only), and one more would be inside. So the allocation over the union of the prefixes
 * has the same optimal total as over every open slot.
 *
 * Supervisors with room are read from each slot's own listing (the allocation problem links a slot
 * to the same supervisors: problem.ts).
 */
import type { SlotForMatching } from '../types';

/**
 * Length of the shortest prefix of `ranked` (best first) holding `n` slots whose supervisors with
 * room are pairwise disjoint, chosen greedily in rank order; null when the list holds fewer. A slot
 * without a supervisor with room never counts (it cannot take anyone).
 */
export function disjointPrefixLength(
  ranked: readonly Pick<SlotForMatching, 'supervisors'>[],
  n: number,
): number | null {
  if (n <= 0) return 0;
  const taken = new Set<string>();
  let counted = 0;
  for (let i = 0; i < ranked.length; i++) {
    const withRoom = ranked[i]!.supervisors.filter((s) => s.maxParticipants - s.activePlacements > 0);
    if (withRoom.length === 0 || withRoom.some((s) => taken.has(s.id))) continue;
    for (const s of withRoom) taken.add(s.id);
    if (++counted === n) return i + 1;
  }
  return null;
}
