import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSlotIndex, explain, rankParticipant, rankSlots } from '../../src/matching';
import { participantArb, slotArb, supervisorPool, world } from './arbitraries';
import { everyDay, participant, slot, TODAY } from './fixtures';

const opts = { today: TODAY, limit: 1000 };

describe('slot index', () => {
  it('ranks exactly the slots explain calls eligible, with the same scores', () => {
    fc.assert(
      fc.property(world(3, 12), ({ slots, participants }) => {
        const index = buildSlotIndex(slots);
        for (const p of participants) {
          const ranked = new Map(rankParticipant(index, p, opts).map((m) => [m.slotId, m]));
          for (const s of slots) {
            const e = explain(p, s, opts);
            expect(ranked.has(s.id)).toBe(e.eligible);
            if (e.eligible) expect(ranked.get(s.id)).toEqual(e.match);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a limited ranking is the start of the full ranking (the top-k cut loses nothing)', () => {
    fc.assert(
      fc.property(world(2, 25), fc.integer({ min: 1, max: 6 }), ({ slots, participants }, limit) => {
        const index = buildSlotIndex(slots);
        for (const p of participants) {
          const all = rankParticipant(index, p, opts);
          expect(rankParticipant(index, p, { today: TODAY, limit })).toEqual(all.slice(0, limit));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('fills the last places with slots scoring 0 by id, whatever order the scan meets them in', () => {
    // Two avoided categories take 1.0 off: every slot here scores 0, some below 0 before the clamp.
    const p = participant({ avoid: ['heavy_lifting', 'early_mornings'], maxTravelKm: 40 });
    const hard = { physicalDemand: 'high' as const, schedule: everyDay('06:00', '15:00') };
    const near = (id: string) => slot({ id, ...hard });
    // The lowest id lies in a grid cell the scan visits after the participant's own.
    const far = slot({ id: 'slot-a', ...hard, lat: 59.58, lon: 18.0686 });
    const index = buildSlotIndex([near('slot-b'), near('slot-c'), far]);
    const all = rankParticipant(index, p, opts);
    expect(all.map((m) => [m.slotId, m.score])).toEqual([
      ['slot-a', 0],
      ['slot-b', 0],
      ['slot-c', 0],
    ]);
    expect(rankParticipant(index, p, { today: TODAY, limit: 2 })).toEqual(all.slice(0, 2));
  });

  it('upsert and remove give the same ranking as a freshly built index', () => {
    const op = (pool: Parameters<typeof slotArb>[1]) =>
      fc.oneof(
        fc
          .record({ kind: fc.constant('upsert' as const), n: fc.integer({ min: 0, max: 9 }) })
          .chain(({ n }) => slotArb(`slot-${n}`, pool).map((s) => ({ kind: 'upsert' as const, slot: s }))),
        fc.integer({ min: 0, max: 9 }).map((n) => ({ kind: 'remove' as const, id: `slot-${n}` })),
      );
    fc.assert(
      fc.property(
        supervisorPool.chain((pool) =>
          fc.tuple(fc.array(op(pool), { maxLength: 40 }), participantArb('p-1')),
        ),
        ([ops, p]) => {
          const index = buildSlotIndex([]);
          const live = new Map<string, Parameters<typeof index.upsert>[0]>();
          for (const o of ops) {
            if (o.kind === 'upsert') {
              index.upsert(o.slot);
              live.set(o.slot.id, o.slot);
            } else {
              expect(index.remove(o.id)).toBe(live.delete(o.id));
            }
          }
          expect(index.size).toBe(live.size);
          expect(rankParticipant(index, p, opts)).toEqual(rankSlots([...live.values()], p, opts));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays correct through many changes (and the re-packing they trigger)', () => {
    const base = Array.from({ length: 3000 }, (_x, i) =>
      slot({ id: `s${i}`, lat: 59.2 + (i % 50) * 0.006, lon: 17.9 + Math.floor(i / 50) * 0.006 }),
    );
    const index = buildSlotIndex(base);
    const live = new Map(base.map((s) => [s.id, s]));
    for (let i = 0; i < 3000; i++) {
      const id = `s${(i * 7919) % 3500}`;
      if (i % 3 === 0) {
        index.remove(id);
        live.delete(id);
      } else {
        const moved = slot({
          id,
          lat: 59.25 + (i % 40) * 0.004,
          hoursMax: 10 + (i % 20),
          taken: i % 4 === 0 ? 2 : 0,
        });
        index.upsert(moved);
        live.set(id, moved);
      }
    }
    const p = participant({ maxTravelKm: 30 });
    expect(rankParticipant(index, p, { today: TODAY, limit: 50 })).toEqual(
      rankSlots([...live.values()], p, { today: TODAY, limit: 50 }),
    );
    expect(index.get('s1')).toEqual(live.get('s1'));
    expect(index.has('s0')).toBe(live.has('s0'));
  });
});
