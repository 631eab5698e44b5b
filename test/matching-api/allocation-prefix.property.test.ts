/**
 * Allocation without a slot list over both slot sources: each participant's list is the shortest
 * prefix of their ranking holding n supervisor-disjoint slots (at most `limit` long), the two
 * sources hand back exactly the union of those prefixes, and over it the allocation's total is the
 * one over every open slot. Registries share a few supervisors between many slots and are short of
 * places and room, so the prefixes leave slots out; the queried source reads three slots a statement,
 * (or one), so its rounds and the growth of the lists inside them come into play.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryRows } from '../../bench/lib/registry-rows';
import { allocate, allocateOver, buildSlotIndex, rankScores, type SlotForMatching } from '../../src/matching';
import { slotsForAllocation } from '../../src/services/matching/allocate';
import { queriedSlots, residentSlots } from '../../src/services/matching/sources';
import type { TestApp } from '../helpers/app';
import { participant, slot, TODAY } from '../matching/fixtures';
import { prefixUnion, sharedWorld } from '../matching/shared-world';
import { REGISTRY_NOW, registryTestApp, replaceRegistry } from './registry-owner';

const NOW = REGISTRY_NOW;
let t: TestApp;

beforeAll(async () => {
  t = await registryTestApp();
});
afterAll(() => t.close());

/** Replaces the registry with these slots. */
async function store(engineSlots: readonly SlotForMatching[]) {
  const rows = registryRows(engineSlots, 'org', NOW);
  await replaceRegistry(t.db, rows);
}

const cases = fc.tuple(sharedWorld(6, 30), fc.constantFrom(1, 3, 7, 400));

describe('allocation over disjoint prefixes, both sources', () => {
  it('hands back the union of the prefixes, and allocates as over every open slot', async () => {
    const queried = queriedSlots(t.db, { pageSize: 3 });
    // A slot a statement: first asks of two and four, so lists settle over many rounds.
    const single = queriedSlots(t.db, { pageSize: 1 });
    let cutRuns = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ([{ slots: registry, participants }, limit]) => {
        await store(registry);
        const resident = residentSlots(t.db); // a fresh catalog: it loads what is stored now
        const opts = { limit, today: TODAY, disjoint: participants.length };
        const { union, cut } = prefixUnion(participants, registry, limit);
        if (cut > 0) cutRuns++;
        const a = await resident.bestSlots(participants, opts);
        const b = await queried.bestSlots(participants, opts);
        const expected = [...union].sort();
        expect([...a.slots.keys()].sort()).toEqual(expected);
        expect([...b.slots.keys()].sort()).toEqual(expected);
        expect(b.slots).toEqual(a.slots);
        const c = await single.bestSlots(participants, opts);
        expect(c.slots).toEqual(a.slots);
        // The queried source's own index holds exactly that union (the resident one is built over it).
        expect([...b.index.ids].filter((id) => id !== '').sort()).toEqual(expected);
        const overA = allocateOver(participants, a.index, { today: TODAY });
        expect(allocateOver(participants, b.index, { today: TODAY })).toEqual(overA);
        // With the cap above the registry's size the prefixes are exact: the full registry's total.
        if (limit >= registry.length)
          expect(overA.totalScore).toBe(allocate(participants, registry, { today: TODAY }).totalScore);
      }),
      { numRuns: 150 },
    );
    expect(cutRuns).toBeGreaterThan(10);
  });

  it('adds everyone’s best `floor` when a list reaches the cap, so nothing is worse than before', async () => {
    const queried = queriedSlots(t.db, { pageSize: 3 });
    const floor = 2;
    let cappedRuns = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ([{ slots: registry, participants }, cap]) => {
        await store(registry);
        const n = participants.length;
        const limit = n <= cap ? cap : floor;
        const prefixes = prefixUnion(participants, registry, limit);
        const index = buildSlotIndex(registry);
        const topFloor = new Set(
          participants.flatMap((p) =>
            rankScores(index, p, { limit: floor, today: TODAY }).map((m) => m.slotId),
          ),
        );
        const extra = prefixes.capped && limit > floor;
        if (extra) cappedRuns++;
        const expected = [...new Set([...prefixes.union, ...(extra ? topFloor : [])])].sort();
        const byId = new Map(registry.map((s) => [s.id, s]));
        const baseline = allocate(
          participants,
          [...topFloor].map((id) => byId.get(id)!),
          { today: TODAY },
        ).totalScore;
        for (const source of [residentSlots(t.db), queried]) {
          const got = await slotsForAllocation(source, participants, TODAY, { cap, floor });
          expect([...got.slots.keys()].sort()).toEqual(expected);
          expect([...got.index.ids].filter((id) => id !== '').sort()).toEqual(expected);
          const total = allocateOver(participants, got.index, { today: TODAY }).totalScore;
          // Never below an allocation over everyone's best `floor` (the fixed lists the rule replaced).
          expect(total).toBeGreaterThanOrEqual(baseline);
        }
      }),
      { numRuns: 120 },
    );
    expect(cappedRuns).toBeGreaterThan(5);
  });

  it('reads on past a cut when a better slot makes the prefix longer', async () => {
    // A trained supervisor without room lifts the a-slots' bounds (the bound counts the training,
    // room or not) but not their scores. The first round (four slots a slot a statement) reads
    // a1–a4: x and y each count, so the list is settled above their score and c, a little farther
    // away, is cut. The second reads d, which scores higher and takes both x and y: now one slot
    // counts, the list is no longer settled, and c must be read after all.
    const sup = (id: string, trained: boolean, room = true) => ({
      id,
      maxParticipants: 1,
      activePlacements: room ? 0 : 1,
      trained,
    });
    const [full, x, y, z, trained] = [
      sup('sup-t0', true, false),
      sup('sup-x', false),
      sup('sup-y', false),
      sup('sup-z', false),
      sup('sup-t', true),
    ];
    const at = (id: string, supervisors: SlotForMatching['supervisors'], lat = 59.3743) =>
      slot({ id, organizationId: 'org', supervisors, lat });
    const registry = [
      at('slot-a1', [full, x]),
      at('slot-a2', [full, y]),
      at('slot-a3', [full, x]),
      at('slot-a4', [full, y]),
      at('slot-d', [x, y, trained]),
      at('slot-c', [z], 59.3843),
    ];
    // n = 2: someone far away, with nothing in reach, is allocated too.
    const people = [participant({ id: 'p-1' }), participant({ id: 'p-2', lat: 63.8, lon: 20.3 })];
    await store(registry);
    const opts = { limit: 400, today: TODAY, disjoint: 2 };
    const { union } = prefixUnion(people, registry, 400);
    expect([...union].sort()).toEqual(registry.map((s) => s.id).sort());
    for (const source of [queriedSlots(t.db, { pageSize: 1 }), residentSlots(t.db)]) {
      const best = await source.bestSlots(people, opts);
      expect([...best.slots.keys()].sort()).toEqual([...union].sort());
    }
  });
});
