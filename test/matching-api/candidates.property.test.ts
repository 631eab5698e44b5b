/**
 * The candidate path (SQL selects what can pass the hard constraints, the engine ranks it page by
 * page) ranks exactly as the full in-memory index does, with the same reasons and gaps, on random
 * registries in a real libSQL database. Slots are spread over several latitude bands and paged three
 * at a time, so band edges, the box and the merging of pages all come into play.
 */

import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryRows } from '../../bench/lib/registry-rows';
import { LAT_BANDS_PER_DEGREE } from '../../db/schema';
import { distanceKm } from '../../src/lib/geo';
import {
  allocate,
  allocateOver,
  buildSlotIndex,
  explain,
  rankParticipant,
  type SlotForMatching,
  scoreBound,
} from '../../src/matching';
import { boundConstants } from '../../src/matching/bound';
import { matchKeysVersion, slotTerms, storedMatchTerms } from '../../src/matching/terms';
import {
  type BoundCursor,
  boundFieldsOf,
  boundPageStatement,
  candidateBoundPages,
  candidatePlan,
  candidateStatement,
  type PlanRow,
  slotsById,
  slotsByIdStatement,
  termsStatement,
} from '../../src/services/matching/candidates';
import { queriedSlots, residentSlots } from '../../src/services/matching/sources';
import type { TestApp } from '../helpers/app';
import { world } from '../matching/arbitraries';
import { TODAY } from '../matching/fixtures';
import { REGISTRY_NOW, registryTestApp, replaceRegistry } from './registry-owner';

const NOW = REGISTRY_NOW;
let t: TestApp;

beforeAll(async () => {
  t = await registryTestApp();
});
afterAll(() => t.close());

/**
 * Stored match terms as a registry has them: current for most slots, missing for some (rows written
 * before the column), of another key function for some (here: none at all under an old version,
 * which would lose every text match if it were trusted), and of the current key function but written
 * before the strengths' derived terms for some (searched for the whole lists).
 */
const termsOf = (s: SlotForMatching, i: number) =>
  i % 5 === 3
    ? null
    : i % 7 === 4
      ? 'v0 '
      : i % 4 === 1
        ? `${matchKeysVersion()} ${slotTerms(s).join(' ')} ` // before the strengths' derived terms
        : storedMatchTerms(s);

/** Replaces the registry with these slots. */
async function store(engineSlots: readonly SlotForMatching[]) {
  const built = registryRows(engineSlots, 'org', NOW);
  const rows = {
    ...built,
    slots: built.slots.map((s, i) => ({ ...s, matchTerms: termsOf(engineSlots[i]!, i) })),
  };
  await replaceRegistry(t.db, rows);
}

/** Moves some slots (and participants) across ±0.3° so they fall in different latitude bands. */
const spread = fc.array(
  fc.option(
    fc.record({
      lat: fc.double({ min: 59.0, max: 59.6, noNaN: true }),
      lon: fc.double({ min: 17.7, max: 18.4, noNaN: true }),
    }),
    { freq: 2 },
  ),
  { minLength: 40, maxLength: 40 },
);

const registries = fc
  .tuple(world(4, 30), spread, fc.integer({ min: 1, max: 12 }))
  .map(([w, moves, limit]) => {
    const move = <T extends { lat: number; lon: number }>(x: T, i: number): T => ({
      ...x,
      ...(moves[i] ?? {}),
    });
    return {
      slots: w.slots.map(move),
      participants: w.participants.map((p, i) => move(p, 39 - i)),
      limit,
    };
  });

describe('matching through candidate queries', () => {
  it('ranks exactly as the full index: same slots, order, scores, reasons and gaps', async () => {
    const queried = queriedSlots(t.db, { pageSize: 3 });
    await fc.assert(
      fc.asyncProperty(registries, async ({ slots: registry, participants, limit }) => {
        await store(registry);
        const index = buildSlotIndex(registry);
        const ranked = await queried.rank(participants, { limit, today: TODAY });
        for (const p of participants) {
          const expected = rankParticipant(index, p, { limit, today: TODAY });
          expect(ranked.matches.get(p.id)).toEqual(expected);
          // Alone, a participant is ranked by score bounds, reading whole slots best bound first.
          const alone = await queried.rank([p], { limit, today: TODAY });
          expect(alone.matches.get(p.id)).toEqual(expected);
          expect(new Set(alone.slots.keys())).toEqual(new Set(expected.map((m) => m.slotId)));
        }
        // The slots it hands back are exactly those the rankings name.
        const named = new Set([...ranked.matches.values()].flat().map((m) => m.slotId));
        expect(new Set(ranked.slots.keys())).toEqual(named);
        // So allocation, which works on that union, allocates exactly as over the full index.
        const byId = new Map(registry.map((s) => [s.id, s]));
        const union = [
          ...new Set(
            participants.flatMap((p) =>
              rankParticipant(index, p, { limit, today: TODAY }).map((m) => m.slotId),
            ),
          ),
        ].sort();
        expect([...ranked.slots.keys()].sort()).toEqual(union);
        // Allocation asks for that union alone (nothing described): the same slots.
        const best = await queried.bestSlots(participants, { limit, today: TODAY });
        expect([...best.slots.keys()].sort()).toEqual(union);
        expect(best.slots).toEqual(ranked.slots);
        // Its index (the rounds' own, rows in any order) holds exactly that union.
        expect([...best.index.ids].sort()).toEqual(union);
        const expected = allocate(
          participants,
          union.map((id) => byId.get(id)!),
          { today: TODAY },
        );
        expect(
          allocate(
            participants,
            union.map((id) => ranked.slots.get(id)!),
            { today: TODAY },
          ),
        ).toEqual(expected);
        expect(allocateOver(participants, best.index, { today: TODAY })).toEqual(expected);
      }),
      { numRuns: 120 },
    );
  });

  it('bounds every candidate in SQL at least as high as the engine’s bound, best first, a page at a time', async () => {
    await fc.assert(
      fc.asyncProperty(registries, async ({ slots: registry, participants }) => {
        await store(registry);
        const byId = new Map(registry.map((s) => [s.id, s]));
        for (const p of participants) {
          const bound = scoreBound(p, TODAY);
          const page = candidateBoundPages(p, boundConstants(p, TODAY));
          const all = await page(t.db, 1000, null);
          expect(all.end).toBeNull();
          for (const row of all.rows) {
            const engine = bound(boundFieldsOf(row, row[13]));
            expect(row[14]).toBeGreaterThanOrEqual(engine);
            // A bound only rounding apart from the engine's, but for the distance (north–south only).
            if (engine > Number.NEGATIVE_INFINITY) expect(row[14] - engine).toBeLessThanOrEqual(0.1 + 1e-6);
            // And the engine's bound is at least the slot's score (trained supervisors, room or not).
            const e = explain(p, byId.get(row[0])!, { today: TODAY });
            if (e.eligible) expect(engine).toBeGreaterThanOrEqual(e.match.score);
          }
          // Pages of two continue where the last ended: the same rows, in the same order.
          const paged: string[] = [];
          for (let after: BoundCursor | null = null, first = true; first || after; first = false) {
            const next = await page(t.db, 2, after);
            paged.push(...next.rows.map((r) => r[0]));
            after = next.end;
          }
          expect(paged).toEqual(all.rows.map((r) => r[0]));
          const order = all.rows.map((r) => r[14]);
          expect(order).toEqual([...order].sort((a, b) => b - a));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with the resident index the Node service keeps', async () => {
    await fc.assert(
      fc.asyncProperty(registries, async ({ slots: registry, participants, limit }) => {
        await store(registry);
        const resident = residentSlots(t.db); // a fresh catalog: it loads what is stored now
        const queried = queriedSlots(t.db, { pageSize: 4 });
        const a = await resident.rank(participants, { limit, today: TODAY });
        const b = await queried.rank(participants, { limit, today: TODAY });
        expect(b.matches).toEqual(a.matches);
        expect(b.slots).toEqual(a.slots);
      }),
      { numRuns: 40 },
    );
  });

  it('plans one row per latitude band the travel radius touches, and none when no day fits', () => {
    const base = {
      id: 'p',
      strengths: [],
      interests: [],
      avoid: [],
      availability: [[0, 240] as const],
      hoursNow: 4,
      hoursTarget: 8,
      rampUp: [],
      adaptationNeeds: [],
      lat: 59.33,
      lon: 18.07,
      maxTravelKm: 20,
      preferences: {},
    };
    // 20 km is 0.18° of latitude: 0.36° across, so 8 or 9 bands of 0.05°.
    expect(candidatePlan([base]).length).toBeGreaterThanOrEqual(8);
    expect(candidatePlan([base]).length).toBeLessThanOrEqual(9);
    expect(candidatePlan([{ ...base, availability: [] }])).toEqual([]);
    expect(candidatePlan([{ ...base, availability: [], hoursNow: 0 }]).length).toBeGreaterThan(0);
  });

  const person = (lat: number, lon: number, maxTravelKm: number) => ({
    id: `p${lat}:${lon}`,
    strengths: [],
    interests: [],
    avoid: [],
    availability: [[0, 240] as const],
    hoursNow: 4,
    hoursTarget: 8,
    rampUp: [],
    adaptationNeeds: [],
    lat,
    lon,
    maxTravelKm,
    preferences: {},
  });

  it('covers every point within the travel radius with its band’s row, and reads less than the box', () => {
    const RAD = Math.PI / 180;
    const R = 6371.0088;
    const edge = fc.oneof(
      fc.constant(1 - 1e-7),
      fc.double({ min: 0.99, max: 1 - 1e-7, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        edge, // mostly on the circle itself, where a range too narrow would show
        (lat, lon, km, bearing, share) => {
          // The point `share` of the radius away in direction `bearing` (destination on the sphere).
          const d = (km * share) / R;
          const p1 = lat * RAD;
          const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(bearing));
          const east = Math.atan2(
            Math.sin(bearing) * Math.sin(d) * Math.cos(p1),
            Math.cos(d) - Math.sin(p1) * Math.sin(p2),
          );
          const [plat, plon] = [p2 / RAD, lon + east / RAD];
          if (distanceKm(lat, lon, plat, plon) > km) return; // rounding: not within the radius after all
          const band = Math.trunc((plat + 90) * LAT_BANDS_PER_DEGREE);
          const rows = candidatePlan([person(lat, lon, km)]).filter((r) => r[0] === band);
          expect(rows.some((r) => plon >= r[1] && plon <= r[2] && plat >= r[3] && plat <= r[4])).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
    // The bands at the top and bottom of a 50 km circle read a fraction of the box's width.
    const plan = candidatePlan([person(59.33, 18.07, 50)]);
    const widths = plan.map((r) => r[2] - r[1]);
    expect(Math.min(...widths)).toBeLessThan(Math.max(...widths) / 2);
  });

  /** Whether a plan row's range holds a longitude (its open ends left out). */
  const holds = (r: PlanRow, lon: number) =>
    ((r[9] & 2) === 0 ? lon >= r[1] : lon > r[1]) && ((r[9] & 1) === 0 ? lon <= r[2] : lon < r[2]);

  it('cuts the overlapping ranges of several participants into disjoint pieces, so no slot is read twice', () => {
    // Two circles in Stockholm that overlap in part, with other hours: limits differ where they meet.
    const people = [
      person(59.33, 18.07, 20),
      { ...person(59.35, 18.4, 20), hoursNow: 10 },
      person(55.6, 13.0, 10),
    ];
    const plan = candidatePlan(people);
    for (let i = 1; i < plan.length; i++) {
      const [a, b] = [plan[i - 1]!, plan[i]!];
      // In order, and where one piece ends the next starts, the shared longitude in one of them.
      expect(a[0] < b[0] || (a[0] === b[0] && a[2] <= b[1])).toBe(true);
      if (a[0] === b[0] && a[2] === b[1]) expect(holds(a, a[2]) !== holds(b, b[1])).toBe(true);
    }
    // Malmö's stand apart, one row a band as alone; Stockholm's two are cut where their ranges end.
    const malmo = plan.filter((r) => r[3] < 56);
    expect(malmo).toEqual(candidatePlan([people[2]!]));
    const stockholm = plan.filter((r) => r[3] > 59);
    expect(stockholm.length).toBeGreaterThan(new Set(stockholm.map((r) => r[0])).size);
  });

  it('tests each piece with the limits of the participants whose range reaches it, every point once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lat: fc.double({ min: 59.0, max: 59.6, noNaN: true }),
            lon: fc.double({ min: 17.7, max: 18.4, noNaN: true }),
            km: fc.integer({ min: 1, max: 40 }),
            hours: fc.integer({ min: 0, max: 40 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.double({ min: 17.0, max: 19.0, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (specs, lons) => {
          const people = specs.map((x, i) => ({
            ...person(x.lat, x.lon, x.km),
            id: `p${i}`,
            hoursNow: x.hours,
          }));
          const own = people.map((p) => candidatePlan([p]));
          const plan = candidatePlan(people);
          // Each participant's range ends as well as random longitudes: every point of a row's range
          // lies in exactly one piece of its band, and that piece's limits are as loose as the row's.
          const points = [...lons, ...own.flat().flatMap((r) => [r[1], r[2]])];
          const wrong: unknown[] = [];
          for (const row of own.flat())
            for (const lon of points.filter((x) => x >= row[1] && x <= row[2])) {
              const inPieces = plan.filter((r) => r[0] === row[0] && holds(r, lon));
              const piece = inPieces[0]!;
              const looser =
                piece[3] <= row[3] &&
                piece[4] >= row[4] &&
                (piece[5] & row[5]) === piece[5] &&
                piece[7] >= row[7];
              if (inPieces.length !== 1 || !looser) wrong.push({ row, lon, inPieces });
            }
          // And a piece only reaches past the participants' ranges where one of them is.
          for (const piece of plan)
            for (const lon of points.filter((x) => holds(piece, x)))
              if (!own.flat().some((r) => r[0] === piece[0] && lon >= r[1] && lon <= r[2]))
                wrong.push({ piece, lon });
          expect(wrong).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('seeks each band in slots_match_idx and reads a longitude range there (no table scan)', async () => {
    const statement = candidateStatement(candidatePlan([person(59.33, 18.07, 20)]));
    const steps = await t.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`);
    const details = steps.map((s) => s.detail);
    expect(details).toContain(
      'SEARCH slots USING INDEX slots_match_idx (status=? AND lat_band=? AND lon>? AND lon<?)',
    );
    expect(details.filter((d) => /SCAN slots|slots USING/.test(d))).toHaveLength(1);
  });

  it('reads one participant’s score bounds from slots_bound_idx alone (no table row)', async () => {
    const p = person(59.33, 18.07, 20);
    const needles = [['bak'], ['lag', 'pack']];
    for (const after of [null, { bound: 0.5, id: 'slt' }]) {
      const statement = boundPageStatement(
        candidatePlan([p]),
        needles,
        needles,
        boundConstants(p, TODAY),
        64,
        after,
      );
      const steps = await t.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`);
      const details = steps.map((s) => s.detail);
      expect(details).toContain(
        'SEARCH slots USING COVERING INDEX slots_bound_idx (status=? AND <expr>=? AND lon>? AND lon<?)',
      );
      expect(details.filter((d) => /SCAN slots|slots USING/.test(d))).toHaveLength(1);
    }
    // Allocation's narrow pass too (with the supervisors' tuples for the supervisor term).
    const plan = candidatePlan([p, { ...person(59.35, 18.3, 20), hoursNow: 10 }]);
    const steps = await t.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${termsStatement(plan)}`);
    expect(steps.map((s) => s.detail)).toContain(
      'SEARCH slots USING COVERING INDEX slots_bound_idx (status=? AND <expr>=? AND lon>? AND lon<?)',
    );
  });

  it('reads slots by id through the primary key, one statement a statement length, each once', async () => {
    const steps = await t.db.all<{ detail: string }>(
      sql`EXPLAIN QUERY PLAN ${slotsByIdStatement(['a', 'b'])}`,
    );
    const reads = steps.map((s) => s.detail).filter((d) => /slots/.test(d));
    expect(reads).toEqual(['SEARCH slots USING INDEX sqlite_autoindex_slots_1 (id=?)']);

    const engineSlots = fc
      .sample(world(1, 12), { numRuns: 20, seed: 7 })
      .reduce((a, b) => (b.slots.length > a.length ? b.slots : a), [] as readonly SlotForMatching[]);
    await store(engineSlots);
    const have = engineSlots.map((s) => s.id);
    // Over 90,000 characters of ids (two statements), missing ids and a quote among them.
    const missing = Array.from({ length: 3000 }, (_x, i) => `slot-missing-${String(i).padStart(20, '0')}`);
    const half = Math.ceil(have.length / 2);
    const ids = [...have.slice(0, half), ...missing, "o'brien", ...have.slice(half)];
    expect(have.length).toBeGreaterThan(1);
    const read = await slotsById(t.db, ids);
    expect(read.map((s) => s.id).sort()).toEqual([...have].sort());
  });

  it('reads whole slots with the doubles stored, the same on every path', async () => {
    // SQLite's JSON functions write a REAL with 15 significant digits: 18.017944335937504 came
    // back as 18.0179443359375 when whole slots were read as json_object.
    const [first] = fc
      .sample(world(1, 12), { numRuns: 20, seed: 11 })
      .filter((w) => w.slots.length > 0)
      .map((w) => w.slots[0]!);
    const slot = { ...first!, status: 'open' as const, lat: 59.330000000000005, lon: 18.017944335937504 };
    await store([slot]);
    const resident = await residentSlots(t.db).openSlots([slot.id]);
    const queried = await queriedSlots(t.db).openSlots([slot.id]);
    const [byId] = await slotsById(t.db, [slot.id]);
    expect(byId!.lon).toBe(18.017944335937504);
    expect(byId!.lat).toBe(59.330000000000005);
    expect(queried.get(slot.id)).toEqual(byId);
    expect(resident.get(slot.id)).toEqual(byId);
  });
});
