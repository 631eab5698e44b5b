/**
 * Delivery through the Resend adapter against a local stand-in of Resend's API: each mail sent once,
 * retried after 5xx answers and timeouts, never doubled when the process dies between the provider's
 * acceptance and the bookkeeping, and a refused address ends as failed with its reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/lib/logger';
import { type Mailer, resendMailer } from '../../src/mail';
import type { TestApp } from '../helpers/app';
import { createOrganization } from '../helpers/factories';
import { FAKE_RESEND_KEY, type FakeResend, startFakeResend } from '../helpers/fake-resend';
import {
  drainAll,
  type FakeClock,
  fakeClock,
  mailApp,
  mailRowOf,
  notificationsTo,
  passBackoff,
  resendEnv,
} from './support';

let fake: FakeResend;
let clock: FakeClock;
let t: TestApp;

beforeEach(async () => {
  fake = await startFakeResend();
  clock = fakeClock('2027-02-01T09:00:00.000Z');
  t = await mailApp(fake, clock);
});
afterEach(async () => {
  await t.close();
  await fake.close();
});

/** An organization and one person with a fresh key: the key mail is the mail under test. */
async function personWithKey(email?: string) {
  const org = await createOrganization(t, 'provider');
  const res = await t.call('POST', `/v1/organizations/${org.id}/api-keys`, {
    body: {
      name: 'Karin Lund',
      email: email ?? `karin.${org.id.slice(-6).toLowerCase()}@example.se`,
      role: 'handler',
    },
  });
  expect(res.status).toBe(201);
  return { org, email: res.body.user.email as string, key: res.body.key as string };
}

describe('each mail is sent once', () => {
  it('sends one request per mail with the notification id as idempotency key, and never again', async () => {
    const people = [await personWithKey(), await personWithKey(), await personWithKey()];
    await drainAll(t);
    expect(fake.requests).toHaveLength(3);
    expect(fake.deliveries).toHaveLength(3);

    for (const p of people) {
      const [n] = await notificationsTo(t, p.email);
      expect(n!.template).toBe('api_key_issued');
      const sent = fake.deliveriesTo(p.email);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.idempotencyKey).toBe(n!.id);
      expect(n!.providerId).toBe(sent[0]!.id);
      expect(n!.sentAt).toBe(clock.iso());
      // The key itself never travels by mail.
      expect(sent[0]!.text).not.toContain(p.key);
      expect(sent[0]!.html).not.toContain(p.key);
    }
    const request = fake.requests[0]!;
    expect(request.authorization).toBe(`Bearer ${FAKE_RESEND_KEY}`);
    expect(request.body.from).toBe('SE-registret <noreply@se-registret.example>');
    expect(request.body.text.length).toBeGreaterThan(0);
    expect(request.body.html).toContain('<html');

    // More passes, a day later: nothing is sent twice.
    clock.advance(86_400_000);
    await drainAll(t);
    expect(fake.requests).toHaveLength(3);

    const listed = await t.call('GET', '/v1/notifications?status=sent');
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(3);
    expect(listed.body.data.every((n) => n.attempts === 1 && n.providerId?.startsWith('fake_'))).toBe(true);
  });
});

describe('retries', () => {
  it('retries after 5xx answers with backoff, with the same idempotency key, and delivers once', async () => {
    const p = await personWithKey();
    fake.failNext(2, 503, 'service_unavailable');
    await drainAll(t);
    const [n] = await notificationsTo(t, p.email);
    expect(fake.requests).toHaveLength(1);

    let row = await mailRowOf(t, n!.id);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('503');
    // The first retry comes within seconds (2 s ± 20 %).
    const firstDelay = Date.parse(row.nextAttemptAt) - clock.now().getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(1600);
    expect(firstDelay).toBeLessThanOrEqual(2400);

    const shown = await t.call('GET', `/v1/notifications/${n!.id}`);
    expect(shown.body).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: row.nextAttemptAt });
    expect(shown.body.lastError).toContain('503');

    // Not yet due: nothing happens.
    await drainAll(t);
    expect(fake.requests).toHaveLength(1);

    await passBackoff(t, clock, n!.id);
    await drainAll(t);
    row = await mailRowOf(t, n!.id);
    expect(fake.requests).toHaveLength(2);
    expect(row.attempts).toBe(2);
    // Exponential: the second wait is about twice the first (4 s ± 20 %).
    const secondDelay = Date.parse(row.nextAttemptAt) - clock.now().getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(3200);
    expect(secondDelay).toBeLessThanOrEqual(4800);

    await passBackoff(t, clock, n!.id);
    await drainAll(t);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey))).toEqual(new Set([n!.id]));
    expect(fake.deliveries).toHaveLength(1);
    const done = await t.call('GET', `/v1/notifications/${n!.id}`);
    expect(done.body).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('retries after a timeout (the provider never answered) and delivers once', async () => {
    const p = await personWithKey();
    fake.hangNext('before_accept');
    await drainAll(t);
    const [n] = await notificationsTo(t, p.email);
    const row = await mailRowOf(t, n!.id);
    expect(row.status).toBe('pending');
    expect(row.lastError).toMatch(/did not answer within 500 ms/);
    expect(fake.deliveries).toHaveLength(0);

    await passBackoff(t, clock, n!.id);
    await drainAll(t);
    expect(fake.requests.map((r) => r.status)).toEqual(['hang', 200]);
    expect(fake.deliveries).toHaveLength(1);
    expect((await notificationsTo(t, p.email))[0]!.sentAt).not.toBeNull();
  });

  it('a timeout after the provider accepted: the retry gets the first answer, the mail arrives once', async () => {
    const p = await personWithKey();
    fake.hangNext('after_accept');
    await drainAll(t);
    expect(fake.deliveries).toHaveLength(1); // it went out, but we never heard
    const [n] = await notificationsTo(t, p.email);
    expect(n!.sentAt).toBeNull();

    await passBackoff(t, clock, n!.id);
    await drainAll(t);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.idempotencyKey).toBe(fake.requests[0]!.idempotencyKey);
    expect(fake.deliveries).toHaveLength(1);
    const [after] = await notificationsTo(t, p.email);
    expect(after!.providerId).toBe(fake.deliveries[0]!.id);
  });

  it('gives up after the last attempt: failed, listed with the reason', async () => {
    const p = await personWithKey();
    fake.failNext(3, 500);
    await drainAll(t);
    const [n] = await notificationsTo(t, p.email);
    for (let i = 0; i < 2; i++) {
      await passBackoff(t, clock, n!.id);
      await t.app.drainOutbox({ maxAttempts: { mail: 3 } });
    }
    const row = await mailRowOf(t, n!.id);
    expect(row.status).toBe('failed');
    const failed = await t.call('GET', '/v1/notifications?status=failed');
    expect(failed.body.data.map((x) => x.id)).toEqual([n!.id]);
    expect(failed.body.data[0]!.lastError).toContain('500');
  });
});

describe('a crash between sending and marking sent', () => {
  it('runs the row again after the lease, sends the same key, and the mail is delivered once', async () => {
    const p = await personWithKey();
    await t.app.drainOutbox({ topics: ['notify'] }); // the mail row is queued, not yet sent
    const [n] = await notificationsTo(t, p.email);

    // Process A: the provider accepts, then the process dies before it records anything.
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...resendEnv(fake) });
    const resend = resendMailer({ apiKey: FAKE_RESEND_KEY, from: config.MAIL_FROM, baseUrl: fake.url });
    let accepted!: () => void;
    const acceptedOnce = new Promise<void>((resolve) => {
      accepted = resolve;
    });
    const dying: Mailer = {
      name: 'resend',
      async send(mail) {
        await resend.send(mail);
        accepted();
        return new Promise(() => {}); // never returns: the process is gone
      },
    };
    const processA = createApp({ config, db: t.db, logger: silentLogger, clock: clock.now, mailer: dying });
    void processA.drainOutbox();
    await acceptedOnce;
    expect(fake.deliveries).toHaveLength(1);
    expect((await notificationsTo(t, p.email))[0]!.sentAt).toBeNull();
    expect((await t.call('GET', `/v1/notifications/${n!.id}`)).body.status).toBe('pending');

    // Process B (the test app, same database): the row is leased, so not yet.
    await drainAll(t);
    expect(fake.requests).toHaveLength(1);

    // After the lease (60 s) it runs again: same idempotency key, Resend answers with the first result.
    clock.advance(61_000);
    await drainAll(t);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((r) => r.idempotencyKey)).toEqual([n!.id, n!.id]);
    expect(fake.requests[1]!.body).toEqual(fake.requests[0]!.body);
    expect(fake.deliveries).toHaveLength(1);
    const [after] = await notificationsTo(t, p.email);
    expect(after!.sentAt).not.toBeNull();
    expect(after!.providerId).toBe(fake.deliveries[0]!.id);
  });
});

describe('an address the provider refuses', () => {
  it('ends as failed with its reason, is listed, and a retry puts it back and sends it', async () => {
    fake.refuse('bounce.example');
    const p = await personWithKey('nobody@bounce.example');
    const ok = await personWithKey();
    await drainAll(t);

    const [n] = await notificationsTo(t, p.email);
    const row = await mailRowOf(t, n!.id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1); // refused: no pointless retries

    const failed = await t.call('GET', '/v1/notifications?status=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.data).toHaveLength(1);
    expect(failed.body.data[0]).toMatchObject({
      id: n!.id,
      status: 'failed',
      template: 'api_key_issued',
      recipient: { kind: 'user', email: 'nobody@bounce.example', organizationId: p.org.id },
      sentAt: null,
    });
    expect(failed.body.data[0]!.lastError).toMatch(/422 validation_error: Invalid `to` field/);
    expect(fake.deliveriesTo(ok.email)).toHaveLength(1);

    // Still failed after more passes: it waits for a person.
    clock.advance(3_600_000);
    await drainAll(t);
    expect((await mailRowOf(t, n!.id)).status).toBe('failed');

    fake.allow('bounce.example');
    const retried = await t.call('POST', `/v1/notifications/${n!.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    await drainAll(t);
    expect(fake.deliveriesTo(p.email)).toHaveLength(1);
    expect((await t.call('GET', `/v1/notifications/${n!.id}`)).body.status).toBe('sent');
    expect((await t.call('GET', '/v1/notifications?status=failed')).body.data).toHaveLength(0);
  });

  it('bulk retry puts every failed mail back', async () => {
    fake.refuse('bounce.example');
    await personWithKey('a@bounce.example');
    await personWithKey('b@bounce.example');
    await drainAll(t);
    expect((await t.call('GET', '/v1/notifications?status=failed')).body.data).toHaveLength(2);

    fake.allow('bounce.example');
    const res = await t.call('POST', '/v1/notifications/retry', { body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ retried: 2, more: false });
    await drainAll(t);
    expect(fake.deliveriesTo('a@bounce.example')).toHaveLength(1);
    expect(fake.deliveriesTo('b@bounce.example')).toHaveLength(1);
  });
});
