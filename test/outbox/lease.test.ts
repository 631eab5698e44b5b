/**
 * Leases: the Node loop claims rows for a short lease and renews it while it works, so a long run keeps
 * its rows, and rows a dead process held are claimable again within LOOP_LEASE_MS (the restart side,
 * with a real SIGKILL, is in test/crash/crash.test.ts).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { LOOP_LEASE_MS } from '../../src/outbox/loop';
import { drainOutbox, enqueueStatement } from '../../src/outbox/outbox';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let clock = new Date('2027-05-01T08:00:00Z');
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

async function enqueue(topic: string) {
  const key = `${topic}:1`;
  await t.db.batch([enqueueStatement(t.db, { topic, key, payload: {}, now: clock.toISOString() })]);
  return async () => (await t.db.select().from(outbox).where(eq(outbox.dedupeKey, key)))[0]!;
}

/** Waits for a condition the code under test brings about on its own (a timer's renewal). */
async function until(condition: () => Promise<boolean>) {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 5));
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

describe('outbox leases', () => {
  it('a heartbeat keeps a long run’s rows past the first lease; nobody else runs them meanwhile', async () => {
    const row = await enqueue('test.heartbeat');
    const g = gate();
    let runs = 0;
    const handlers = {
      'test.heartbeat': async () => {
        runs++;
        await g.opened;
      },
    };
    const claimedAt = clock.getTime();
    const a = drainOutbox(t.db, handlers, { now, leaseMs: LOOP_LEASE_MS, heartbeatMs: 5 });
    // Claimed and running: only then may time pass (the pass checks its lease before each row, and
    // a clock moved between the claim and that check leaves the row unrun).
    await until(async () => runs === 1 && (await row()).lockedUntil !== null);

    // Time passes while the handler works; the heartbeat moves the lease on.
    advance(LOOP_LEASE_MS - 2000);
    const renewed = new Date(clock.getTime() + LOOP_LEASE_MS).toISOString();
    await until(async () => (await row()).lockedUntil === renewed);

    // Past the first lease: still held, so another worker claims nothing.
    clock = new Date(claimedAt + LOOP_LEASE_MS + 1000);
    expect((await drainOutbox(t.db, handlers, { now, leaseMs: LOOP_LEASE_MS })).claimed).toBe(0);

    g.open();
    expect(await a).toMatchObject({ claimed: 1, done: 1 });
    expect(runs).toBe(1);
    expect(await row()).toMatchObject({ status: 'done', lockedUntil: null, attempts: 1 });
  });

  it('rows a dead process claimed are taken up once its short lease runs out', async () => {
    const row = await enqueue('test.dead');
    // Process A claims the row, then dies: its handler never returns and nothing renews the lease.
    void drainOutbox(
      t.db,
      { 'test.dead': () => new Promise<void>(() => {}) },
      { now, leaseMs: LOOP_LEASE_MS },
    );
    await until(async () => (await row()).lockedUntil !== null);
    const lockedUntil = (await row()).lockedUntil!;
    expect(Date.parse(lockedUntil) - clock.getTime()).toBe(LOOP_LEASE_MS);

    let ran = 0;
    const b = { 'test.dead': async () => void ran++ };
    advance(LOOP_LEASE_MS - 1);
    expect((await drainOutbox(t.db, b, { now })).claimed).toBe(0);
    advance(1);
    expect(await drainOutbox(t.db, b, { now })).toMatchObject({ claimed: 1, done: 1 });
    expect(ran).toBe(1);
    expect(await row()).toMatchObject({ status: 'done', attempts: 2 });
  });
});
