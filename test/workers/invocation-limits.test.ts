/**
 * Workers count database calls per invocation (50 on the Free plan, 1,000 on Paid). Every call the
 * Worker makes is counted here by a meter around the D1 binding: a write together with the drain it
 * starts after its answer stays within 50 even with a backlog due, every outbox topic's row costs
 * at most the drain's per-row reserve, and cron runs drain everything due.
 */
import { env } from 'cloudflare:test';
import { and, eq, inArray, lte } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulkInsertStatements } from '../../bench/lib/bulk-insert';
import { organizations, outbox, SEARCH_TOPIC, slotSupervisors, slots, supervisors } from '../../db/schema';
import { openD1 } from '../../src/adapters/db/d1';
import { meteredD1 } from '../../src/adapters/db/d1-usage';
import { workerApp } from '../../src/entry/worker-app';
import { CRON_CALLS, FREE_PLAN_CALLS } from '../../src/entry/worker-drain';
import { enqueueStatement, PASS_CALLS, ROW_RESERVE } from '../../src/outbox/outbox';
import { createParticipant } from '../helpers/factories';
import { scaleRegistry } from '../helpers/scale-registry';
import { placementWorld, propose, proposed } from '../placements/helpers';
import { asTestApp, caller, fetchWith, runCron } from './helpers';

const NOW = new Date().toISOString();
const ORG = 'org_01J00000000000000000000003';
const metered = meteredD1(env.DB);
/** The Worker over the counted binding, draining the outbox after each write as in production. */
const countedEnv = { ...env, DB: metered.binding, OUTBOX_DRAIN_AFTER_WRITE: 'true' };
const call = caller(fetchWith(countedEnv));
const t = asTestApp(call);
const db = openD1(env.DB);
// 400 slots around Gävle, inserted directly with an index task each: a backlog that is due.
const backlog = scaleRegistry([{ lat: 60.67, lon: 17.14, spreadKm: 10, count: 400 }], {
  organizationId: ORG,
  now: NOW,
  firstId: 200_000,
});

/** Calls one request makes, with everything its invocation does after the answer. */
async function callsOf<T>(request: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const before = metered.usage.calls;
  const result = await request();
  return { result, calls: metered.usage.calls - before };
}

/** Rows of these topics that are due now (a digest or a reminder may wait for its hour). */
const pendingOf = async (topics: string[]) =>
  (
    await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          inArray(outbox.topic, topics),
          eq(outbox.status, 'pending'),
          lte(outbox.nextAttemptAt, new Date().toISOString()),
        ),
      )
  ).length;

beforeAll(async () => {
  const statements = [
    ...bulkInsertStatements(organizations, [
      {
        id: ORG,
        name: 'Gävle Arbetsplatser AB',
        kind: 'employer',
        organizationNumber: '5566778811',
        contactEmail: 'info@example.se',
        municipalityCode: '2180',
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]),
    ...bulkInsertStatements(supervisors, backlog.rows.supervisors),
    ...bulkInsertStatements(slots, backlog.rows.slots),
    ...bulkInsertStatements(slotSupervisors, backlog.rows.links),
    ...bulkInsertStatements(
      outbox,
      backlog.slots.map((s, i) => ({
        id: `obx_01J${String(200_000 + i).padStart(23, '0')}`,
        topic: SEARCH_TOPIC,
        dedupeKey: `${SEARCH_TOPIC}:${s.id}`,
        payload: { slotId: s.id },
        nextAttemptAt: NOW,
        createdAt: NOW,
      })),
    ),
  ];
  await env.DB.batch(
    statements.map((s) => (env.DB.prepare(s.sql) as { bind(v: unknown): unknown }).bind(s.rows)),
  );
}, 60_000);

describe('calls per invocation', () => {
  it('a write and the drain after it stay within the Free plan’s 50, with hundreds of tasks due', async () => {
    const world = await placementWorld(t);
    const participant = await createParticipant(t, world.provider.key);
    // Besides the 400 index tasks, 40 rows of a topic that costs as much per row as any may.
    const built = workerApp(countedEnv);
    if (!built.ok) throw built.error;
    const dear = `test.dear.${crypto.randomUUID()}`;
    const counted = openD1(metered.binding);
    built.app.outboxHandlers[dear] = async () => {
      for (let i = 0; i < ROW_RESERVE - PASS_CALLS; i++)
        await counted.select({ id: slots.id }).from(slots).limit(1);
    };
    await db.batch(
      Array.from({ length: 40 }, (_x, i) =>
        // Due before everything else, so the drain meets them first.
        enqueueStatement(db, {
          topic: dear,
          key: `${dear}:${i}`,
          payload: {},
          now: NOW,
          runAt: '2000-01-01T00:00:00.000Z',
        }),
      ) as [ReturnType<typeof enqueueStatement>],
    );
    const before = await pendingOf([SEARCH_TOPIC, dear]);
    // One write: a proposal (its batch also queues the event that notifies the employer).
    const proposal = await callsOf(() => propose(t, world, { participantId: participant.id }));
    expect(proposal.result.status, proposal.result.text).toBe(201);
    expect(proposal.calls).toBeLessThanOrEqual(FREE_PLAN_CALLS);
    // The drain did useful work within that budget.
    expect(await pendingOf([SEARCH_TOPIC, dear])).toBeLessThan(before);
    console.log('proposal with its drain', proposal.calls, 'calls');
  });

  it('every topic’s row costs at most the reserve the drain claims by', async () => {
    const built = workerApp(countedEnv);
    if (!built.ok) throw built.error;
    // Notifications first (a proposal's event → mails), then the mails, each topic in its own passes.
    const w = await placementWorld(t);
    for (let i = 0; i < 3; i++) await proposed(t, w);
    for (const topic of ['notify', 'mail', SEARCH_TOPIC]) {
      for (;;) {
        const { result, calls } = await callsOf(() =>
          built.app.drainOutbox({ topics: [topic], batchSize: 5 }),
        );
        if (result.claimed === 0) break;
        expect((calls - PASS_CALLS) / result.claimed, `${topic}: calls per row`).toBeLessThanOrEqual(
          ROW_RESERVE,
        );
      }
    }
  }, 60_000);

  it('cron runs stay within their budget and drain everything due', async () => {
    const runs: number[] = [];
    while ((await pendingOf(['notify', 'mail', SEARCH_TOPIC])) > 0 && runs.length < 5) {
      const { calls } = await callsOf(() => runCron(countedEnv));
      runs.push(calls);
    }
    expect(await pendingOf(['notify', 'mail', SEARCH_TOPIC])).toBe(0);
    for (const calls of runs) expect(calls).toBeLessThanOrEqual(CRON_CALLS);
  }, 60_000);
});
