/**
 * The no-overbooking guarantee under concurrent requests: many acceptances for the last place, many
 * acceptances for the last room of a supervisor, and many identical proposals, fired in parallel
 * through the app against a real libSQL file. Counters must always equal the placements that hold.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placements, slots, supervisors } from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant } from '../helpers/factories';
import {
  agreed,
  eventsFor,
  move,
  moved,
  placementWorld,
  propose,
  proposed,
  slotChangeCount,
  slotState,
} from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** taken and active_placements equal the number of accepted or started placements, everywhere. */
async function assertCountersMatchPlacements() {
  for (const slot of await t.db.select().from(slots)) {
    const [held] = await t.db
      .select({ n: count() })
      .from(placements)
      .where(and(eq(placements.slotId, slot.id), inArray(placements.state, ['accepted', 'started'])));
    expect(slot.taken).toBe(held!.n);
    expect(slot.taken).toBeLessThanOrEqual(slot.capacity);
  }
  for (const s of await t.db.select().from(supervisors)) {
    const [held] = await t.db
      .select({ n: count() })
      .from(placements)
      .where(and(eq(placements.supervisorId, s.id), inArray(placements.state, ['accepted', 'started'])));
    expect(s.activePlacements).toBe(held!.n);
    expect(s.activePlacements).toBeLessThanOrEqual(s.maxParticipants);
  }
}

describe('concurrent acceptances', () => {
  it('N acceptances of different proposals for a slot with 1 place: exactly 1 wins, the rest 409, taken = 1', async () => {
    const N = 12;
    const w = await placementWorld(t, { capacity: 1, maxParticipants: 5 });
    // Proposals use nothing: every handler may propose for the last place.
    const props = [];
    for (let i = 0; i < N; i++) props.push(await proposed(t, w));
    const changesBefore = await slotChangeCount(t, w.slot.id);

    const results = await Promise.all(props.map((p) => move(t, w.employer.key, p.id, 'accept')));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - 1);
    for (const r of results.filter((r) => r.status === 409))
      expect(r.problem.type).toBe('/problems/slot-full');
    expect(await slotState(t, w)).toEqual({ freePlaces: 0, activePlacements: 1 });
    // Refused acceptances leave no trace: no event, no slot change, the proposals stay proposed.
    const events = (await Promise.all(props.map((p) => eventsFor(t, p.id)))).flat();
    expect(events.filter((e) => e === 'placement.accepted')).toHaveLength(1);
    expect(await slotChangeCount(t, w.slot.id)).toBe(changesBefore + 1);
    const states = await t.db
      .select({ state: placements.state })
      .from(placements)
      .where(eq(placements.slotId, w.slot.id));
    expect(states.filter((s) => s.state === 'accepted')).toHaveLength(1);
    expect(states.filter((s) => s.state === 'proposed')).toHaveLength(N - 1);
    await assertCountersMatchPlacements();
  });

  it('N acceptances for the last room of the only supervisor: exactly 1 wins', async () => {
    const N = 8;
    const w = await placementWorld(t, { capacity: 10, maxParticipants: 1 });
    const props = [];
    for (let i = 0; i < N; i++) props.push(await proposed(t, w));
    const results = await Promise.all(props.map((p) => move(t, w.employer.key, p.id, 'accept')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) {
      expect(r.status).toBe(409);
      expect(['/problems/supervisor-full', '/problems/no-supervisor-room']).toContain(r.problem.type);
    }
    expect(await slotState(t, w)).toEqual({ freePlaces: 9, activePlacements: 1 });
    await assertCountersMatchPlacements();
  });

  it('the same acceptance sent many times in parallel takes one place', async () => {
    const w = await placementWorld(t, { capacity: 3, maxParticipants: 3 });
    const p = await proposed(t, w);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => move(t, w.employer.key, p.id, 'accept')),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200))
      expect(r.problem.type).toBe('/problems/illegal-transition');
    expect(await slotState(t, w)).toEqual({ freePlaces: 2, activePlacements: 1 });
  });

  it('concurrent proposals of the same participant for the same slot create one placement', async () => {
    const w = await placementWorld(t);
    const results = await Promise.all(Array.from({ length: 10 }, () => propose(t, w)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const [n] = await t.db
      .select({ n: count() })
      .from(placements)
      .where(eq(placements.participantId, w.participant.id));
    expect(n!.n).toBe(1);
  });

  it('an ended placement frees its place at once: the next acceptance succeeds and matching offers the slot again', async () => {
    const w = await placementWorld(t, { capacity: 1, maxParticipants: 1 });
    const first = await proposed(t, w);
    const second = await proposed(t, w);
    await moved(t, w.employer.key, first.id, 'accept');
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, first.id);
    await moved(t, w.provider.key, first.id, 'start');
    expect((await move(t, w.employer.key, second.id, 'accept')).status).toBe(409);

    const seeker = await createParticipant(t, w.provider.key);
    const offered = async () =>
      (await t.call('GET', `/v1/participants/${seeker.id}/matches`, { key: w.provider.key })).body.data.some(
        (m) => m.slotId === w.slot.id,
      );
    expect(await offered()).toBe(false);

    await moved(t, w.provider.key, first.id, 'end', { outcome: 'subsidized_work', hiredByEmployer: true });
    expect(await offered()).toBe(true);
    expect((await moved(t, w.employer.key, second.id, 'accept')).state).toBe('accepted');
    expect(await offered()).toBe(false);
  });

  it('keeps the counters equal to the holding placements through a storm of mixed concurrent transitions', async () => {
    const w = await placementWorld(t, { capacity: 3, supervisors: 2, maxParticipants: 2 });
    const props = [];
    for (let i = 0; i < 10; i++) props.push(await proposed(t, w));
    // Round 1: everyone is accepted at once (3 places).
    await Promise.all(props.map((p) => move(t, w.employer.key, p.id, 'accept')));
    await assertCountersMatchPlacements();
    // Those that will start need an approved agreement (only the accepted ones can have one).
    for (const [i, p] of props.entries())
      if (i % 4 === 1)
        await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id).catch(() => undefined);
    // Round 2: some withdraw, some start, some end, others are accepted again, all at once.
    const ops = props.flatMap((p, i) => {
      const k = i % 4;
      if (k === 0) return [move(t, w.provider.key, p.id, 'withdraw', {})];
      if (k === 1)
        return [move(t, w.provider.key, p.id, 'start', {}), move(t, w.employer.key, p.id, 'accept')];
      if (k === 2)
        return [
          move(t, w.employer.key, p.id, 'accept'),
          move(t, w.employer.key, p.id, 'decline', { reason: 'timing' }),
        ];
      return [move(t, w.provider.key, p.id, 'end', { outcome: 'other', hiredByEmployer: false })];
    });
    const results = await Promise.all(ops);
    for (const r of results) expect([200, 409]).toContain(r.status);
    await assertCountersMatchPlacements();
  });
});

describe('two app instances over one database file', () => {
  it('never overbook the last place when acceptances arrive through both', async () => {
    const { openLibsql } = await import('../../src/adapters/db/libsql');
    const { createApp } = await import('../../src/app');
    const { loadConfig } = await import('../../src/config');
    const { silentLogger } = await import('../../src/lib/logger');
    const second = await openLibsql(t.url);
    const config = loadConfig({
      NODE_ENV: 'test',
      ADMIN_API_KEY: 'test-admin-key-0123456789abcdef',
      LOG_LEVEL: 'silent',
    });
    const other = createApp({ config, db: second.db, logger: silentLogger });
    try {
      const w = await placementWorld(t, { capacity: 1, maxParticipants: 3 });
      const props = [];
      for (let i = 0; i < 10; i++) props.push(await proposed(t, w));
      const results = await Promise.all(
        props.map(async (p, i) => {
          if (i % 2 === 0) return (await move(t, w.employer.key, p.id, 'accept')).status;
          const res = await other.request(`/v1/placements/${p.id}/accept`, {
            method: 'POST',
            headers: { authorization: `Bearer ${w.employer.key}` },
          });
          return res.status;
        }),
      );
      expect(results.filter((s) => s === 200)).toHaveLength(1);
      expect(results.filter((s) => s === 409)).toHaveLength(9);
      expect(await slotState(t, w)).toEqual({ freePlaces: 0, activePlacements: 1 });
      await assertCountersMatchPlacements();
    } finally {
      second.close();
    }
  });
});
