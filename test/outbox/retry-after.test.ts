/**
 * The mail provider's `Retry-After` (Resend sends it with a 429, and may with a 503) is honoured: the
 * outbox row's next attempt is not before it, and the pass's other mails wait as long instead of
 * meeting the same refusal. Through the Resend adapter over real HTTP against a stand-in of its API,
 * with a fake clock.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/mail/resend';
import { RETRY_AFTER_CAP_MS } from '../../src/outbox/outbox';
import { createTestApp, type TestApp } from '../helpers/app';
import { createOrganization } from '../helpers/factories';
import { type FakeResend, startFakeResend } from '../helpers/fake-resend';
import { drainAll, type FakeClock, fakeClock, mailRowOf, notificationsTo, resendEnv } from '../mail/support';

let fake: FakeResend;
let clock: FakeClock;
let t: TestApp;

beforeAll(async () => {
  fake = await startFakeResend();
  clock = fakeClock('2027-04-01T09:00:00.000Z');
  t = await createTestApp({ clock: clock.now, env: resendEnv(fake) });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(async () => {
  await drainAll(t);
  fake.recover();
  fake.requests.length = 0;
});

/** A new person's key mail, queued as a `mail` row (its `notify` event run), not yet sent. */
async function queuedMail() {
  const org = await createOrganization(t, 'provider');
  const email = `ola.${org.id.slice(-6).toLowerCase()}@example.se`;
  const res = await t.call('POST', `/v1/organizations/${org.id}/api-keys`, {
    body: { name: 'Ola Ek', email, role: 'handler' },
  });
  expect(res.status).toBe(201);
  await drainAll(t, ['notify']);
  const [n] = await notificationsTo(t, email);
  return { email, id: n!.id };
}

const at = (ms: number) => new Date(Date.parse(clock.iso()) + ms).toISOString();

describe('Retry-After from the mail provider', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2027-04-01T09:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Thu, 01 Apr 2027 09:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Apr 2027 08:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });

  it('a 429 with Retry-After: 30 — not tried again before 30 s have passed, then sent', async () => {
    const mail = await queuedMail();
    fake.failNext(1, 429, 'rate_limit_exceeded', '30');
    await drainAll(t, ['mail']);
    const row = await mailRowOf(t, mail.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt >= at(30_000)).toBe(true);

    clock.advance(29_000);
    await drainAll(t, ['mail']);
    expect(fake.requests).toHaveLength(1);

    clock.set(row.nextAttemptAt);
    await drainAll(t, ['mail']);
    expect(fake.requests).toHaveLength(2);
    expect(fake.deliveriesTo(mail.email)).toHaveLength(1);
  });

  it('a 503 with an HTTP-date Retry-After waits until that date', async () => {
    const mail = await queuedMail();
    const until = new Date(Date.parse(clock.iso()) + 300_000).toUTCString();
    fake.failNext(1, 503, 'internal_server_error', until);
    await drainAll(t, ['mail']);
    const row = await mailRowOf(t, mail.id);
    expect(Date.parse(row.nextAttemptAt)).toBeGreaterThanOrEqual(Date.parse(until));
  });

  it('the pass’s other mails are not sent into the refusal: they wait as long, keeping their attempts', async () => {
    const mails = [await queuedMail(), await queuedMail(), await queuedMail()];
    fake.failNext(1, 429, 'rate_limit_exceeded', '45');
    await t.app.drainOutbox({ topics: ['mail'] });
    expect(fake.requests).toHaveLength(1);
    const rows = await Promise.all(mails.map((m) => mailRowOf(t, m.id)));
    for (const row of rows) expect(row.nextAttemptAt >= at(45_000)).toBe(true);
    expect(rows.map((r) => r.attempts).sort()).toEqual([0, 0, 1]);

    clock.advance(45_000);
    await drainAll(t, ['mail']);
    for (const m of mails) expect(fake.deliveriesTo(m.email)).toHaveLength(1);
  });

  it('a Retry-After beyond the cap waits the cap (an hour), so attempts stay within a day', async () => {
    const mail = await queuedMail();
    fake.failNext(1, 429, 'rate_limit_exceeded', String(24 * 3600));
    await drainAll(t, ['mail']);
    const row = await mailRowOf(t, mail.id);
    expect(row.nextAttemptAt >= at(RETRY_AFTER_CAP_MS)).toBe(true);
    expect(row.nextAttemptAt <= at(RETRY_AFTER_CAP_MS + 1000)).toBe(true);
  });

  it('without Retry-After the usual backoff applies (seconds)', async () => {
    const mail = await queuedMail();
    fake.failNext(1, 429, 'rate_limit_exceeded');
    await drainAll(t, ['mail']);
    const row = await mailRowOf(t, mail.id);
    expect(row.nextAttemptAt < at(5_000)).toBe(true);
  });
});
