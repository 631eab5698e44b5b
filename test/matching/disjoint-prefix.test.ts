/**
 * The disjoint-prefix rule allocation uses to bound each participant's list
 * (src/matching/allocation/disjoint-prefix.ts), and the claim it rests on: over the union of every
 * participant's prefix the optimal total is the one over every open slot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  allocateOver,
  buildSlotIndex,
  disjointPrefixLength,
  type SupervisorForMatching,
} from '../../src/matching';
import { slot, TODAY } from './fixtures';
import { prefixUnion, sharedWorld } from './shared-world';

const sup = (id: string, maxParticipants = 2, activePlacements = 0): SupervisorForMatching => ({
  id,
  maxParticipants,
  activePlacements,
  trained: false,
});
const withSups = (...supervisors: SupervisorForMatching[]) => ({ supervisors });

describe('disjointPrefixLength', () => {
  it('counts slots whose supervisors are disjoint from every counted one, in rank order', () => {
    const a = sup('a');
    const b = sup('b');
    const c = sup('c');
    // [a] counts; [a,b] shares a; [b] counts: two disjoint slots at the third.
    expect(disjointPrefixLength([withSups(a), withSups(a, b), withSups(b)], 2)).toBe(3);
    // A slot listing two free supervisors takes both: [a,b] counts, then [a] and [b] do not, [c] does.
    expect(disjointPrefixLength([withSups(a, b), withSups(a), withSups(b), withSups(c)], 2)).toBe(4);
    expect(disjointPrefixLength([withSups(a), withSups(b), withSups(c)], 1)).toBe(1);
  });

  it('looks only at supervisors with room', () => {
    const full = sup('full', 2, 2);
    const a = sup('a');
    const b = sup('b');
    // The full supervisor shared by both does not make them clash.
    expect(disjointPrefixLength([withSups(full, a), withSups(full, b)], 2)).toBe(2);
    // A slot whose only supervisor is full never counts.
    expect(disjointPrefixLength([withSups(full), withSups(a), withSups(b)], 2)).toBe(3);
    expect(disjointPrefixLength([withSups(sup('over', 1, 3)), withSups(a)], 2)).toBeNull();
  });

  it('is null when the list holds fewer than n such slots, and 0 for n = 0', () => {
    const a = sup('a');
    expect(disjointPrefixLength([withSups(a), withSups(a), withSups(a)], 2)).toBeNull();
    expect(disjointPrefixLength([], 1)).toBeNull();
    expect(disjointPrefixLength([withSups(a)], 0)).toBe(0);
  });

  it('reads the supervisors each slot lists (a whole slot works too)', () => {
    const s1 = slot({ id: 's1', supervisors: [sup('x')] });
    const s2 = slot({ id: 's2', supervisors: [sup('x'), sup('y')] });
    const s3 = slot({ id: 's3', supervisors: [sup('y', 1, 0)] });
    expect(disjointPrefixLength([s1, s2, s3], 2)).toBe(3);
  });
});

describe('allocation over the union of disjoint prefixes', () => {
  it('has the optimal total over every open slot', () => {
    let runsWithACut = 0;
    fc.assert(
      fc.property(sharedWorld(6, 30), ({ slots, participants }) => {
        const { union, cut } = prefixUnion(participants, slots, Number.POSITIVE_INFINITY);
        if (cut > 0) runsWithACut++;
        const full = allocate(participants, slots, { today: TODAY });
        const over = allocateOver(participants, buildSlotIndex(slots.filter((s) => union.has(s.id))), {
          today: TODAY,
        });
        expect(over.totalScore).toBe(full.totalScore);
        // Every assignment is to a slot of the union, and the places given match.
        expect(over.assignments.length).toBe(full.assignments.length);
      }),
      { numRuns: 400 },
    );
    // The prefixes really leave slots out in a good share of the runs (the test is not vacuous).
    expect(runsWithACut).toBeGreaterThan(40);
  });
});
