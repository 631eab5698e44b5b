import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParticipantForMatching, SlotForMatching } from '../../src/matching';
import {
  allocate,
  allocateOver,
  buildAllocationProblem,
  buildSlotIndex,
  explain,
  rankScores,
  SCORE_SCALE,
  SlotIndex,
} from '../../src/matching';
import { world } from './arbitraries';
import { participant, slot, TODAY } from './fixtures';

const opts = { today: TODAY };
const score = (p: ParticipantForMatching, s: SlotForMatching) => {
  const e = explain(p, s, opts);
  if (!e.eligible) throw new Error(`${p.id} not eligible for ${s.id}`);
  return e.match.score;
};

/** Worlds with enough eligible pairs to compete: everyone within reach, nobody avoids anything. */
const crowded = world(4, 4).map(({ slots, participants }) => ({
  slots: slots.map((s) => ({ ...s, hoursMin: 1, status: 'open' as const })),
  participants: participants.map((p) => ({ ...p, maxTravelKm: 40, avoid: [] })),
}));

/** The best total by trying every choice of (slot, supervisor) or nothing for every participant. */
function bruteForceBest(
  participants: readonly ParticipantForMatching[],
  slots: readonly SlotForMatching[],
): number {
  const problem = buildAllocationProblem(participants, slots, opts);
  const options = problem.participantIds.map(() => [] as { slot: number; sup: number; micro: number }[]);
  for (let k = 0; k < problem.pairScore.length; k++) {
    const s = problem.pairSlot[k]!;
    for (const sup of problem.slots[s]!.supervisors) {
      options[problem.pairParticipant[k]!]!.push({ slot: s, sup, micro: problem.pairScore[k]! });
    }
  }
  const placesLeft = problem.slots.map((s) => s.freePlaces);
  const roomLeft = problem.supervisors.map((s) => s.room);
  let best = 0;
  const search = (p: number, total: number): void => {
    if (p === options.length) {
      best = Math.max(best, total);
      return;
    }
    search(p + 1, total);
    for (const o of options[p]!) {
      if (placesLeft[o.slot]! === 0 || roomLeft[o.sup]! === 0) continue;
      placesLeft[o.slot]!--;
      roomLeft[o.sup]!--;
      search(p + 1, total + o.micro);
      placesLeft[o.slot]!++;
      roomLeft[o.sup]!++;
    }
  };
  search(0, 0);
  return best / SCORE_SCALE;
}

describe('allocation', () => {
  it('solves the greedy trap optimally', () => {
    // Both want the bakery; only Ada can also take the café. Greedy gives the bakery to the
    // highest single score (Ada) and leaves Bo without a place.
    const bakery = slot({ id: 'bakery', capacity: 1, lat: 59.3743 });
    const cafe = slot({
      id: 'cafe',
      capacity: 1,
      title: 'Kafébiträde',
      tasks: ['Servera fika'],
      supervisors: [{ id: 'sup-2', maxParticipants: 1, activePlacements: 0, trained: true }],
    });
    const ada = participant({ id: 'ada' });
    // The café is out of Bo's reach (11 km, Bo travels at most 6), the bakery is not (3 km).
    const boFar = participant({ id: 'bo', lat: 59.4, maxTravelKm: 6 });
    const cafeFar = { ...cafe, lat: 59.3 };
    expect(explain(boFar, cafeFar, opts).eligible).toBe(false);
    expect(score(ada, bakery)).toBeGreaterThan(score(boFar, bakery));
    expect(score(ada, bakery)).toBeGreaterThan(score(ada, cafeFar));

    const result = allocate([ada, boFar], [bakery, cafeFar], opts);
    expect(result.assignments.map((a) => [a.participantId, a.slotId])).toEqual([
      ['ada', 'cafe'],
      ['bo', 'bakery'],
    ]);
    const greedy = score(ada, bakery);
    expect(result.totalScore).toBeCloseTo(score(ada, cafeFar) + score(boFar, bakery), 4);
    expect(result.totalScore).toBeGreaterThan(greedy);
    expect(result.unassigned).toEqual([]);
  });

  it('maximises the total score, not the number placed', () => {
    // Placing both would move Ada to a much worse slot: the total would drop, so Bo waits.
    const good = slot({ id: 'good', capacity: 1 });
    const poor = slot({
      id: 'poor',
      capacity: 1,
      title: 'Lagerarbetare',
      tasks: ['Plocka order'],
      occupationLabel: 'Lager',
      openEnded: false,
      endDate: '2025-04-01',
      leadsToHire: false,
      socialIntensity: 'high',
      hoursMax: 8,
      supervisors: [{ id: 'sup-2', maxParticipants: 1, activePlacements: 0, trained: false }],
      lat: 59.3,
    });
    const ada = participant({ id: 'ada' });
    const bo = participant({
      id: 'bo',
      interests: ['djur'],
      strengths: [],
      hoursTarget: 40,
      adaptationNeeds: [{ code: 'slower_pace', priority: 'nice' }],
      preferences: { socialIntensity: 'high', physicalDemand: 'low' },
      lat: 59.44,
      maxTravelKm: 8,
    });
    expect(explain(bo, poor, opts).eligible).toBe(false);
    expect(score(ada, good) - score(ada, poor)).toBeGreaterThan(score(bo, good));

    const result = allocate([ada, bo], [good, poor], opts);
    expect(result.assignments.map((a) => [a.participantId, a.slotId])).toEqual([['ada', 'good']]);
    expect(result.unassigned).toEqual([
      { participantId: 'bo', reason: { code: 'places_taken', params: { eligibleSlots: 1 } } },
    ]);
  });

  it('respects a supervisor shared by two slots, and says which supervisor each placement uses', () => {
    const shared = { id: 'sup-x', maxParticipants: 1, activePlacements: 0, trained: true };
    const a = slot({ id: 'a', capacity: 1, supervisors: [shared] });
    const b = slot({ id: 'b', capacity: 1, supervisors: [shared] });
    const c = slot({ id: 'c', capacity: 1, supervisors: [{ ...shared, id: 'sup-y' }] });
    const people = ['p1', 'p2', 'p3'].map((id) => participant({ id }));
    const result = allocate(people, [a, b, c], opts);
    expect(result.assignments).toHaveLength(2);
    const supervisorsUsed = result.assignments.map((x) => x.supervisorId).sort();
    expect(supervisorsUsed).toEqual(['sup-x', 'sup-y']);
    expect(result.unassigned).toHaveLength(1);
  });

  it('explains who got nothing and why', () => {
    const nobodyFits = participant({ id: 'z', maxTravelKm: 0.1 });
    const result = allocate([nobodyFits], [slot()], opts);
    expect(result).toEqual({
      assignments: [],
      unassigned: [{ participantId: 'z', reason: { code: 'no_eligible_slot', params: {} } }],
      totalScore: 0,
    });
  });

  it('never breaks a place, a supervisor limit or eligibility', () => {
    fc.assert(
      fc.property(crowded, ({ slots, participants }) => {
        const result = allocate(participants, slots, opts);
        const slotById = new Map(slots.map((s) => [s.id, s]));
        const perSlot = new Map<string, number>();
        const perSupervisor = new Map<string, number>();
        const seen = new Set<string>();
        for (const a of result.assignments) {
          expect(seen.has(a.participantId)).toBe(false);
          seen.add(a.participantId);
          const s = slotById.get(a.slotId)!;
          const p = participants.find((x) => x.id === a.participantId)!;
          expect(a.score).toBe(score(p, s));
          const sup = s.supervisors.find((x) => x.id === a.supervisorId);
          expect(sup).toBeDefined();
          perSlot.set(s.id, (perSlot.get(s.id) ?? 0) + 1);
          perSupervisor.set(a.supervisorId, (perSupervisor.get(a.supervisorId) ?? 0) + 1);
        }
        for (const [id, n] of perSlot)
          expect(n).toBeLessThanOrEqual(slotById.get(id)!.capacity - slotById.get(id)!.taken);
        for (const [id, n] of perSupervisor) {
          const sup = slots.flatMap((s) => s.supervisors).find((x) => x.id === id)!;
          expect(n).toBeLessThanOrEqual(sup.maxParticipants - sup.activePlacements);
        }
        expect(seen.size + result.unassigned.length).toBe(participants.length);
        const total = result.assignments.reduce((t, a) => t + a.score, 0);
        expect(result.totalScore).toBeCloseTo(total, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches the brute-force optimum', () => {
    let contested = 0;
    fc.assert(
      fc.property(crowded, ({ slots, participants }) => {
        const result = allocate(participants, slots, opts);
        const best = bruteForceBest(participants, slots);
        expect(result.totalScore).toBeCloseTo(best, 6);
        if (result.unassigned.some((u) => u.reason.code === 'places_taken')) contested++;
      }),
      { numRuns: 300 },
    );
    // The property must not be vacuous: some instances have more takers than places.
    expect(contested).toBeGreaterThan(10);
  });

  it('is deterministic: same input (in any order) gives the same output', () => {
    fc.assert(
      fc.property(crowded, fc.boolean(), ({ slots, participants }, flip) => {
        const a = allocate(participants, slots, opts);
        const shuffled = flip
          ? [...participants].reverse()
          : [...participants.slice(1), ...participants.slice(0, 1)];
        const b = allocate(shuffled, [...slots].reverse(), opts);
        expect(b).toEqual(a);
        expect(allocate(participants, slots, opts)).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('an index handed over from the rankings', () => {
  it('ranks appended rows alone, keeps what it is told, and allocates as over those slots', () => {
    fc.assert(
      fc.property(world(4, 12), fc.integer({ min: 1, max: 11 }), ({ slots, participants }, cut) => {
        const first = slots.slice(0, cut);
        const second = slots.slice(cut);
        const index = new SlotIndex();
        expect(index.appendNew(first)).toBe(0);
        // The second batch's rows come after every row held; ranking from there sees them alone.
        const from = index.appendNew(second);
        expect(from).toBe(first.length);
        for (const p of participants)
          expect(rankScores(index, p, { limit: 5, today: TODAY, fromRow: from })).toEqual(
            rankScores(buildSlotIndex(second), p, { limit: 5, today: TODAY }),
          );
        // Dropping some leaves an index over the rest: the problem is the same as over those slots.
        const kept = slots.filter((_s, i) => i % 3 !== 1);
        index.removeAll(slots.filter((_s, i) => i % 3 === 1).map((s) => s.id));
        expect([...index.ids].sort()).toEqual(kept.map((s) => s.id).sort());
        expect(allocateOver(participants, index, opts)).toEqual(allocate(participants, kept, opts));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a slot it holds already (its row would not come after the others)', () => {
    const index = new SlotIndex();
    index.appendNew([slot({ id: 'a' })]);
    expect(() => index.appendNew([slot({ id: 'a' })])).toThrow(/already/);
  });
});
