/**
 * A participant's kept matches answer (services/matching/matches.ts) outlives changes to slots that
 * lie outside the participant's box before and after the change, and only those: after every step of
 * a random walk of slot changes (moved between three cities, hours, paused, reopened, closed, places
 * and supervisors' room) the route's text equals `matchesFor`'s fresh answer for participants in two
 * of the cities. A rule that forgot where a slot was before its change, or where it is after, gives
 * a stale answer within a few steps (the two named cases are checked first).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlotCatalog } from '../../src/services/matching/catalog';
import { actorOfKey, createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

const CITIES = [
  { municipalityCode: '0180', lat: 59.33, lon: 18.06 },
  { municipalityCode: '1480', lat: 57.71, lon: 11.97 },
  { municipalityCode: '1280', lat: 55.6, lon: 13.0 },
] as const;

/** A small deterministic generator (mulberry32), so a failure is the same walk every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('kept matches answers and changes far away', () => {
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let provider: Awaited<ReturnType<typeof orgWithKey>>;
  let supervisor: string;
  const slots: string[] = [];
  const people: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      clock: () => new Date('2026-12-01T09:00:00Z'),
      deps: { matchingSlots: 'resident' },
    });
    employer = await orgWithKey(t, 'employer', 'employer');
    provider = await orgWithKey(t, 'provider', 'handler');
    supervisor = (await createSupervisor(t, employer.key, { maxParticipants: 5 })).id;
    for (let i = 0; i < 9; i++) {
      const city = CITIES[i % 3]!;
      const at = { ...city, lat: city.lat + (i % 2) * 0.02 };
      slots.push((await createSlot(t, employer.key, [supervisor], { title: `Plats ${i}`, location: at })).id);
    }
    for (const code of ['0180', '0180', '1480'])
      people.push((await createParticipant(t, provider.key, { location: { municipalityCode: code } })).id);
  });
  afterAll(() => t.close());

  const actor = () => actorOfKey(t, provider.key);

  /** Every participant's route answer equals a fresh ranking's, stringified. */
  async function expectFresh(step: string) {
    for (const id of people) {
      const res = await t.app.request(`/v1/participants/${id}/matches?limit=5`, {
        headers: { authorization: `Bearer ${provider.key}` },
      });
      expect(res.status).toBe(200);
      const fresh = JSON.stringify(await t.app.services.matching.matchesFor(await actor(), id, { limit: 5 }));
      expect(await res.text(), `${step}: ${id}`).toBe(fresh);
    }
  }

  const patch = async (id: string, body: Record<string, unknown>) => {
    const res = await t.call('PATCH', `/v1/slots/${id}`, { key: employer.key, body });
    expect(res.status, res.text).toBe(200);
  };
  const ids = (text: string) =>
    (JSON.parse(text) as { data: { slotId: string }[] }).data.map((m) => m.slotId);
  const matchesOf = async (id: string) =>
    ids(
      await (
        await t.app.request(`/v1/participants/${id}/matches?limit=5`, {
          headers: { authorization: `Bearer ${provider.key}` },
        })
      ).text(),
    );

  it('takes up a slot that moves into the box, and lets go of one that moves out', async () => {
    await expectFresh('start');
    const stockholm = people[0]!;
    const far = slots[1]!; // Göteborg
    expect(await matchesOf(stockholm)).not.toContain(far);
    await patch(far, { location: CITIES[0] });
    expect(await matchesOf(stockholm)).toContain(far);
    await patch(far, { location: CITIES[2] });
    expect(await matchesOf(stockholm)).not.toContain(far);
    await expectFresh('moved in and out');
  });

  it('gives a fresh ranking’s answer after every step of a random walk of changes', async () => {
    const next = random(17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let step = 0; step < 40; step++) {
      const id = pick(slots);
      const kind = pick([
        'move',
        'hours',
        'pause',
        'reopen',
        'places',
        'room',
        'title',
        'description',
        'rename',
      ] as const);
      if (kind === 'move') {
        const city = pick(CITIES);
        await patch(id, { location: { ...city, lat: city.lat + next() * 0.05 } });
      } else if (kind === 'hours') {
        // Within the slot's supervised windows (8 hours a week).
        const min = 1 + Math.floor(next() * 4);
        await patch(id, { hoursPerWeek: { min, max: min + 3 } });
      } else if (kind === 'pause' || kind === 'reopen')
        await t.call('PATCH', `/v1/slots/${id}`, {
          key: employer.key,
          body: { status: kind === 'pause' ? 'paused' : 'open' },
        });
      else if (kind === 'places') await patch(id, { capacity: 1 + Math.floor(next() * 3) });
      else if (kind === 'room')
        // Straight into the table, as another process would: the triggers log the slot.
        await t.db.run(
          sql`UPDATE slots SET supervisors_with_room = ${next() < 0.5 ? 0 : 1} WHERE id = ${id}`,
        );
      else if (kind === 'description') await patch(id, { description: `Ny beskrivning ${step}.` });
      else if (kind === 'rename') {
        const res = await t.call('PATCH', `/v1/organizations/${employer.org.id}`, {
          body: { name: `Arbetsgivare ${step} AB` },
        });
        expect(res.status, res.text).toBe(200);
      } else await patch(id, { title: `Plats ${step}` });
      await expectFresh(`step ${step}: ${kind} ${id}`);
    }
  });

  it('keeps no place of a change matching does not see, and keeps those of every change it sees', async () => {
    const catalog = new SlotCatalog(t.db);
    await catalog.current();
    const anywhere = () => true;
    /** Whether the catalog tells of a change after `edit`, having moved to a new position. */
    const seen = async (edit: () => Promise<unknown>) => {
      const before = catalog.position;
      await edit();
      await catalog.current();
      expect(catalog.position).toBeGreaterThan(before);
      return catalog.changedWhere(before, anywhere);
    };
    // A slot of its own: the walk above may have left any of the others paused.
    const { id } = await createSlot(t, employer.key, [supervisor], { location: CITIES[0] });
    await catalog.current();
    expect(await seen(() => patch(id, { description: 'Bara en ny beskrivning.' }))).toBe(false);
    expect(await seen(() => patch(id, { title: 'Ny titel' }))).toBe(true);
    expect(await seen(() => patch(id, { description: 'Ännu en beskrivning.' }))).toBe(false);
    const rename = () =>
      t.call('PATCH', `/v1/organizations/${employer.org.id}`, { body: { name: 'Helt nytt namn AB' } });
    // A new name shows with the employer's slots anywhere: nothing before it is known any more.
    expect(await seen(rename)).toBeUndefined();
    expect(await seen(() => patch(id, { capacity: 3 }))).toBe(true);
  });

  it('makes every answer again when it reads a new name before the rename’s own log rows', async () => {
    // A rename logs its employer's slots (migration 0027). Here the name changes without them, as
    // when a rename commits between a sync's read of the log and its read of the names; a
    // description edit in Stockholm brings the employer's name along.
    const göteborg = people[2]!;
    const there = await createSlot(t, employer.key, [supervisor], { location: CITIES[1] });
    await expectFresh('before');
    expect(await matchesOf(göteborg)).toContain(there.id);
    const trigger = 'organizations_name_slot_changes';
    const [row] = await t.db.all<{ sql: string }>(sql`SELECT sql FROM sqlite_master WHERE name = ${trigger}`);
    await t.db.run(sql.raw(`DROP TRIGGER ${trigger}`));
    try {
      await t.db.run(
        sql`UPDATE organizations SET name = 'Namn före loggen AB' WHERE id = ${employer.org.id}`,
      );
      const { id } = await createSlot(t, employer.key, [supervisor], { location: CITIES[0] });
      await expectFresh('a slot in Stockholm');
      await patch(id, { description: 'Ny text.' });
      await expectFresh('the new name read with a description edit far from Göteborg');
    } finally {
      await t.db.run(sql.raw(row!.sql));
    }
  });
});
