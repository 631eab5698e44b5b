/**
 * The outbox on each driver, inside workerd: a change and its outbox row commit in one batch; the
 * cron handler runs due rows through the app's handlers; claims are conditional updates, so two
 * drains never run one row twice; failures back off, then stop. No interactive transactions anywhere,
 * which is what lets the same code hold on D1.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { outbox, SEARCH_TOPIC, slotChanges } from '../../../db/schema';
import { workerApp } from '../../../src/entry/worker-app';
import { drainOutbox, enqueueStatement, type OutboxRow, PermanentFailure } from '../../../src/outbox/outbox';
import { createSlot, createSupervisor, orgWithKey } from '../../helpers/factories';
import type { Driver } from '../drivers';
import { asTestApp, caller, fetchWith, runCron } from '../helpers';

/** Topics unique to one test, so rows from other tests sharing the database never interfere. */
const topicFor = (what: string) => `test.${what}.${crypto.randomUUID()}`;

export function outboxFlows({ name, t, env, db }: Driver) {
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let supervisorId: string;

  beforeAll(async () => {
    employer = await orgWithKey(t, 'employer', 'employer');
    supervisorId = (await createSupervisor(t, employer.key)).id;
  });

  const rowsOf = (topic: string) => db.select().from(outbox).where(eq(outbox.topic, topic));
  const enqueue = async (topic: string, count: number, now: string) => {
    const [first, ...rest] = Array.from({ length: count }, (_, i) =>
      enqueueStatement(db, { topic, key: `${topic}:${i}`, payload: { n: i }, now }),
    );
    await db.batch([first!, ...rest]);
  };

  describe(`outbox on ${name}`, () => {
    it('writes a slot, its change-log row and its search task in one batch', async () => {
      const slot = await createSlot(t, employer.key, [supervisorId]);
      const [task] = await db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `${SEARCH_TOPIC}:${slot.id}`));
      expect(task).toMatchObject({ topic: SEARCH_TOPIC, status: 'pending', payload: { slotId: slot.id } });
      const changes = await db.select().from(slotChanges).where(eq(slotChanges.slotId, slot.id));
      expect(changes.length).toBe(1);
    });

    it('the cron handler runs due rows through the app’s handlers and marks them done', async () => {
      const built = workerApp(env);
      if (!built.ok) throw built.error;
      const topic = topicFor('cron');
      const seen: OutboxRow[] = [];
      built.app.outboxHandlers[topic] = async (row) => {
        seen.push(row);
      };
      await enqueue(topic, 3, new Date().toISOString());

      await runCron(env);

      expect(seen.map((r) => r.payload.n).sort()).toEqual([0, 1, 2]);
      const rows = await rowsOf(topic);
      expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    });

    it('leaves rows of topics without a handler untouched', async () => {
      const topic = topicFor('unhandled');
      await enqueue(topic, 1, new Date().toISOString());
      await runCron(env);
      const [row] = await rowsOf(topic);
      expect(row).toMatchObject({ status: 'pending', attempts: 0, lockedUntil: null });
    });

    it('two drains at once run each row exactly once (claims are conditional updates)', async () => {
      const topic = topicFor('race');
      const now = new Date('2030-01-01T00:00:00Z');
      await enqueue(topic, 12, now.toISOString());
      const runs = new Map<string, number>();
      const handlers = {
        [topic]: async (row: OutboxRow) => {
          runs.set(row.id, (runs.get(row.id) ?? 0) + 1);
        },
      };
      const [a, b] = await Promise.all([
        drainOutbox(db, handlers, { now: () => now, batchSize: 12 }),
        drainOutbox(db, handlers, { now: () => now, batchSize: 12 }),
      ]);
      expect(a.claimed + b.claimed).toBe(12);
      expect(runs.size).toBe(12);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect((await rowsOf(topic)).every((r) => r.status === 'done')).toBe(true);
    });

    it('a failure backs off, is not retried early, and a permanent failure stops the row', async () => {
      const topic = topicFor('retry');
      const t0 = new Date('2030-02-01T00:00:00Z');
      await enqueue(topic, 1, t0.toISOString());
      let permanent = false;
      const handlers = {
        [topic]: async () => {
          throw permanent ? new PermanentFailure('address refused') : new Error('provider timeout');
        },
      };

      expect(await drainOutbox(db, handlers, { now: () => t0 })).toMatchObject({ claimed: 1, retried: 1 });
      const [retrying] = await rowsOf(topic);
      expect(retrying).toMatchObject({ status: 'pending', attempts: 1, lastError: 'provider timeout' });
      expect(retrying!.nextAttemptAt > t0.toISOString()).toBe(true);

      expect((await drainOutbox(db, handlers, { now: () => t0 })).claimed).toBe(0);

      permanent = true;
      const later = new Date(t0.getTime() + 3_600_000);
      expect(await drainOutbox(db, handlers, { now: () => later })).toMatchObject({ claimed: 1, failed: 1 });
      const [failed] = await rowsOf(topic);
      expect(failed).toMatchObject({ status: 'failed', attempts: 2, lastError: 'address refused' });
    });

    it('queuing a coalesced key again re-arms the one pending row', async () => {
      const topic = topicFor('coalesce');
      const now = new Date().toISOString();
      const key = `${topic}:slot`;
      await db.batch([enqueueStatement(db, { topic, key, payload: { v: 1 }, now, coalesce: true })]);
      await db.batch([enqueueStatement(db, { topic, key, payload: { v: 2 }, now, coalesce: true })]);
      const rows = await rowsOf(topic);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ generation: 1, payload: { v: 2 }, status: 'pending' });
    });

    it('with OUTBOX_DRAIN_AFTER_WRITE, a write drains its outbox rows after the response', async () => {
      const drainingEnv = { ...env, OUTBOX_DRAIN_AFTER_WRITE: 'true' };
      const built = workerApp(drainingEnv);
      if (!built.ok) throw built.error;
      const indexed: string[] = [];
      const original = built.app.outboxHandlers[SEARCH_TOPIC];
      built.app.outboxHandlers[SEARCH_TOPIC] = async (row) => {
        indexed.push(row.payload.slotId as string);
        await original?.(row);
      };
      const slot = await createSlot(asTestApp(caller(fetchWith(drainingEnv))), employer.key, [supervisorId]);
      expect(indexed).toContain(slot.id);
      const [task] = await db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `${SEARCH_TOPIC}:${slot.id}`));
      expect(task?.status).toBe('done');
    });
  });
}
