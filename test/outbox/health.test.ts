/**
 * /health reports the outbox per topic and answers 503 `degraded` while a topic is stalled: a mail
 * provider outage, end to end through the Resend adapter against a local stand-in of its API, with a
 * fake clock. A topic that keeps failing logs a warning, and rows given up on an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger';
import { WARN_AFTER_ATTEMPTS } from '../../src/outbox/report';
import { COUNT_CAP } from '../../src/services/health';
import { createTestApp, type TestApp } from '../helpers/app';
import { createOrganization } from '../helpers/factories';
import { type FakeResend, startFakeResend } from '../helpers/fake-resend';
import {
  drainAll,
  type FakeClock,
  fakeClock,
  mailRowOf,
  notificationsTo,
  passBackoff,
  resendEnv,
} from '../mail/support';

const LIMIT_SECONDS = 600;
let fake: FakeResend;
let clock: FakeClock;
let t: TestApp;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  fake = await startFakeResend();
  clock = fakeClock('2027-03-01T09:00:00.000Z');
  t = await createTestApp({
    clock: clock.now,
    env: { ...resendEnv(fake), OUTBOX_MAX_DUE_AGE_SECONDS: String(LIMIT_SECONDS) },
    deps: { logger: createLogger('debug', (line) => lines.push(JSON.parse(line))) },
  });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const health = () => t.call('GET', '/health', { key: null });
const logged = (msg: string) => lines.filter((l) => l.msg === msg);

async function personWithKey() {
  const org = await createOrganization(t, 'provider');
  const email = `lisa.${org.id.slice(-6).toLowerCase()}@example.se`;
  const res = await t.call('POST', `/v1/organizations/${org.id}/api-keys`, {
    body: { name: 'Lisa Berg', email, role: 'handler' },
  });
  expect(res.status).toBe(201);
  return email;
}

describe('/health and the outbox', () => {
  it('lists every topic with nothing due when all is done', async () => {
    await drainAll(t);
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.outbox!.maxDueAgeSeconds).toBe(LIMIT_SECONDS);
    expect(Object.keys(res.body.outbox!.topics).sort()).toEqual(
      ['followup', 'mail', 'milestone', 'notify', 'search.slot'].sort(),
    );
    for (const topic of Object.values<any>(res.body.outbox!.topics))
      expect(topic).toEqual({ due: 0, oldestDueAgeSeconds: null, failed: 0, stalled: false });
  });

  it('counts a queued effect as due, ageing from when it fell due', async () => {
    await personWithKey(); // queues a `notify` row, not yet run
    clock.advance(42_000);
    const res = await health();
    expect(res.body.outbox!.topics.notify).toMatchObject({ due: 1, oldestDueAgeSeconds: 42, stalled: false });
    await drainAll(t);
    expect((await health()).body.outbox!.topics.notify!.due).toBe(0);
  });

  it('a mail outage: the age keeps growing across retries, 503 past the limit, warnings, ok once sent', async () => {
    const email = await personWithKey();
    fake.failNext(100, 503, 'internal_server_error');
    await drainAll(t);
    const [n] = await notificationsTo(t, email);
    const start = Date.parse(clock.iso());

    // Retry after retry (each moves the next attempt on), the mail waits: its age counts from the start.
    while (Date.parse(clock.iso()) - start <= LIMIT_SECONDS * 1000) {
      await passBackoff(t, clock, n!.id);
      await t.app.drainOutbox();
    }
    const res = await health();
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('degraded');
    expect(res.body.database).toBe('ok');
    const mail = res.body.outbox!.topics.mail;
    expect(mail).toMatchObject({ due: 1, failed: 0, stalled: true });
    expect(mail!.oldestDueAgeSeconds).toBe(Math.floor((Date.parse(clock.iso()) - start) / 1000));
    expect(res.body.outbox!.topics.notify!.stalled).toBe(false);

    // Early failures are routine (info); from the third attempt on the topic is failing repeatedly.
    const warnings = logged('outbox topic failing repeatedly');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.level === 'warn' && w.topic === 'mail')).toBe(true);
    expect(warnings[0]!.attempts).toBe(WARN_AFTER_ATTEMPTS);
    expect(
      logged('outbox retry').every((l) => l.level === 'info' && Number(l.attempts) < WARN_AFTER_ATTEMPTS),
    ).toBe(true);
    // Ids and reasons, never the address.
    expect(JSON.stringify(lines)).not.toContain(email);

    // The provider is back: the mail goes, and health is ok again.
    const queued = fake.deliveries.length;
    fake.recover();
    await passBackoff(t, clock, n!.id);
    await drainAll(t);
    expect(fake.deliveries.length).toBe(queued + 1);
    const after = await health();
    expect(after.status).toBe(200);
    expect(after.body.outbox!.topics.mail).toMatchObject({
      due: 0,
      oldestDueAgeSeconds: null,
      stalled: false,
    });
  });

  it('counts rows given up on as failed (an error in the log), without degrading', async () => {
    const email = await personWithKey();
    fake.refuse(email);
    await drainAll(t);
    const [n] = await notificationsTo(t, email);
    expect((await mailRowOf(t, n!.id)).status).toBe('failed');
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body.outbox!.topics.mail).toMatchObject({ due: 0, failed: 1 });
    const errors = logged('outbox rows failed for good');
    expect(errors.at(-1)).toMatchObject({ level: 'error', topic: 'mail', failed: 1 });
    expect(JSON.stringify(errors)).not.toContain(email);
  });

  it('reads a bounded number of rows however large the backlog: counts stop at the cap, the oldest is exact', async () => {
    const oldest = new Date(Date.parse(clock.iso()) - 3_600_000).toISOString();
    await t.client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO outbox (id, topic, dedupe_key, payload, status, next_attempt_at, due_at, created_at)
        SELECT 'obx_backlog_' || i, 'search.slot', 'backlog:' || i, '{}', 'pending', ?, CASE WHEN i = 1 THEN ? ELSE ? END, ?
        FROM n`,
      args: [COUNT_CAP + 50, clock.iso(), oldest, clock.iso(), clock.iso()],
    });
    const res = await health();
    expect(res.body.outbox?.topics['search.slot']).toMatchObject({
      due: COUNT_CAP,
      oldestDueAgeSeconds: 3600,
      stalled: true,
    });
    await t.client.execute(`DELETE FROM outbox WHERE dedupe_key LIKE 'backlog:%'`);
    expect((await health()).body.outbox?.topics['search.slot']?.due).toBe(0);
  });
});
