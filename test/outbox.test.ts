/** The outbox itself: leases, generations, backoff and per-topic attempt limits. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../db/schema';
import {
  backoffMs,
  DEFAULT_MAX_ATTEMPTS,
  drainOutbox,
  enqueueStatement,
  TOPIC_MAX_ATTEMPTS,
} from '../src/outbox/outbox';
import { createTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let clock = new Date('2027-01-01T08:00:00Z');
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

async function enqueue(topic: string, key: string, coalesce = false) {
  await t.db.batch([
    enqueueStatement(t.db, { topic, key, payload: { key }, now: clock.toISOString(), coalesce }),
  ]);
  const [row] = await t.db.select().from(outbox).where(eq(outbox.dedupeKey, key));
  return row!;
}

describe('outbox', () => {
  it('backs off exponentially from seconds, capped at an hour', () => {
    const mid = () => 0.5;
    expect(backoffMs(1, mid)).toBe(2000);
    expect(backoffMs(2, mid)).toBe(4000);
    expect(backoffMs(5, mid)).toBe(32000);
    expect(backoffMs(30, mid)).toBe(3_600_000);
  });

  it('marks a row failed after its topic’s attempt limit, mail later than others', async () => {
    const attemptsUntilFailed = async (topic: string) => {
      const row = await enqueue(topic, `${topic}:limit`);
      const handlers = { [topic]: async () => Promise.reject(new Error('down')) };
      for (let i = 1; i <= 50; i++) {
        await drainOutbox(t.db, handlers, { now, topics: [topic] });
        const [r] = await t.db.select().from(outbox).where(eq(outbox.id, row.id));
        if (r!.status === 'failed') return r!.attempts;
        advance(2 * 3_600_000);
      }
      return -1;
    };
    expect(await attemptsUntilFailed('test.plain')).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(await attemptsUntilFailed('mail')).toBe(TOPIC_MAX_ATTEMPTS.mail);
  });

  it('keeps a row pending when it was queued again while running (generation)', async () => {
    const key = 'test.sync:slot-1';
    const row = await enqueue('test.sync', key, true);
    const handlers = {
      'test.sync': async () => {
        // A change arrives while the handler runs: the same key is queued again.
        await enqueue('test.sync', key, true);
      },
    };
    await drainOutbox(t.db, handlers, { now, topics: ['test.sync'] });
    const [after] = await t.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after!.status).toBe('pending');
    expect(after!.generation).toBe(1);
    await drainOutbox(t.db, { 'test.sync': async () => {} }, { now, topics: ['test.sync'] });
    const [done] = await t.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(done!.status).toBe('done');
  });

  it('never runs one row twice at once (lease)', async () => {
    const row = await enqueue('test.lease', 'test.lease:1');
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const handlers = {
      'test.lease': async () => {
        runs++;
        await gate;
      },
    };
    const first = drainOutbox(t.db, handlers, { now, topics: ['test.lease'] });
    const second = await drainOutbox(t.db, handlers, { now, topics: ['test.lease'] });
    release();
    await first;
    expect(runs).toBe(1);
    expect(second.claimed).toBe(0);
    const [r] = await t.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(r!.status).toBe('done');
  });

  it('records a `many` handler’s rows one by one: failures, and the rows it did not reach left pending', async () => {
    const topic = 'test.many';
    const rows = [];
    for (let i = 0; i < 4; i++) rows.push(await enqueue(topic, `${topic}:${i}`));
    const seen: number[] = [];
    const handler = Object.assign(async () => Promise.reject(new Error('one at a time')), {
      many: async (claimed: { id: string }[]) => {
        seen.push(claimed.length);
        // Ran the first two (the second failed), then stopped: the lease no longer held.
        return { failures: new Map([[claimed[1]!.id, new Error('refused')]]), ran: 2 };
      },
    });
    const result = await drainOutbox(t.db, { [topic]: handler }, { now, topics: [topic] });
    expect(seen).toEqual([4]);
    expect(result).toMatchObject({ claimed: 2, done: 1, retried: 1, failed: 0 });
    const after = await t.db.select().from(outbox).where(eq(outbox.topic, topic));
    const byKey = new Map(after.map((r) => [r.dedupeKey, r]));
    expect(byKey.get(`${topic}:0`)).toMatchObject({ status: 'done', attempts: 1 });
    expect(byKey.get(`${topic}:1`)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'refused' });
    // Not reached: pending as before, the attempt given back, claimable again at once.
    for (const key of [`${topic}:2`, `${topic}:3`])
      expect(byKey.get(key)).toMatchObject({ status: 'pending', attempts: 0, lockedUntil: null });
  });
});
