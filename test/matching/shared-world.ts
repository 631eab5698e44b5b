/** Registries where allocation's disjoint prefixes (src/matching/allocation/disjoint-prefix.ts) bite. */
import fc from 'fast-check';
import {
  buildSlotIndex,
  disjointPrefixLength,
  type ParticipantForMatching,
  rankScores,
  type SlotForMatching,
} from '../../src/matching';
import { participantArb, slotArb } from './arbitraries';
import { TODAY } from './fixtures';

/**
 * Registries where the prefixes bite: a pool of up to eight supervisors, each slot listing one to
 * three of them (so most pairs of slots share one), few places and little room.
 */
const pool = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_x, i) =>
        fc.record({
          id: fc.constant(`sup-${i}`),
          maxParticipants: fc.integer({ min: 1, max: 2 }),
          activePlacements: fc.constantFrom(0, 0, 0, 1, 2),
          trained: fc.boolean(),
        }),
      ),
    ),
  )
  .map((sups) =>
    sups.map((s) => ({ ...s, activePlacements: Math.min(s.activePlacements, s.maxParticipants) })),
  );

export const sharedWorld = (maxParticipants: number, maxSlots: number) =>
  pool.chain((sups) =>
    fc.record({
      slots: fc.integer({ min: 1, max: maxSlots }).chain((n) =>
        fc.tuple(
          ...Array.from({ length: n }, (_x, i) =>
            fc
              .tuple(
                slotArb(`slot-${String(i).padStart(2, '0')}`, sups),
                fc.subarray(sups, { minLength: 1, maxLength: Math.min(3, sups.length) }),
              )
              .map(
                ([s, listed]): SlotForMatching => ({
                  ...s,
                  supervisors: listed,
                  status: 'open',
                  hoursMin: 1,
                  capacity: Math.min(s.capacity, 2),
                  taken: Math.min(s.taken, 2),
                }),
              ),
          ),
        ),
      ),
      participants: fc
        .integer({ min: 1, max: maxParticipants })
        .chain((n) =>
          fc.tuple(
            ...Array.from({ length: n }, (_x, i) =>
              participantArb(`p-${i}`).map(
                (p): ParticipantForMatching => ({ ...p, maxTravelKm: 40, avoid: [] }),
              ),
            ),
          ),
        ),
    }),
  );

/**
 * Each participant's disjoint prefix of their best `limit` (all of those when they hold no n
 * disjoint slots), the union of those, how many prefixes left some ranked slot out, and whether a
 * list reached `limit` without n disjoint slots.
 */
export function prefixUnion(
  participants: readonly ParticipantForMatching[],
  slots: readonly SlotForMatching[],
  limit: number,
) {
  const index = buildSlotIndex(slots);
  const n = participants.length;
  let cut = 0;
  let capped = false;
  const union = new Set<string>();
  for (const p of participants) {
    const ranked = rankScores(index, p, { limit, today: TODAY });
    const length = disjointPrefixLength(
      ranked.map((m) => index.get(m.slotId)!),
      n,
    );
    if (length !== null && length < ranked.length) cut++;
    if (length === null && ranked.length >= limit) capped = true;
    for (const m of ranked.slice(0, length ?? ranked.length)) union.add(m.slotId);
  }
  return { union, cut, capped };
}
