/** The Resend adapter's answer classification: what is retried (unavailable) and what is refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailRefused, MailUnavailable, resendMailer } from '../../src/mail';
import { FAKE_RESEND_KEY, type FakeResend, startFakeResend } from '../helpers/fake-resend';

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());

let n = 0;
const mail = (to = 'anna@example.se') => ({
  idempotencyKey: `ntf_test_${++n}`,
  to,
  subject: 'Ämne / Subject',
  text: 'Hej',
  html: '<p>Hej</p>',
  template: 'api_key_issued',
});
const mailer = (o: { apiKey?: string; baseUrl?: string; timeoutMs?: number } = {}) =>
  resendMailer({
    apiKey: o.apiKey ?? FAKE_RESEND_KEY,
    from: 'SE <noreply@example.se>',
    baseUrl: o.baseUrl ?? `${fake.url}/`,
    timeoutMs: o.timeoutMs ?? 2000,
  });

describe('resendMailer', () => {
  it('posts to /emails with the idempotency key, the template tag, and returns the email id', async () => {
    const m = mail();
    const sent = await mailer().send(m);
    const req = fake.requests.at(-1)!;
    expect(sent.providerId).toBe(fake.deliveries.at(-1)!.id);
    expect(req.idempotencyKey).toBe(m.idempotencyKey);
    expect(req.body).toEqual({
      from: 'SE <noreply@example.se>',
      to: ['anna@example.se'],
      subject: 'Ämne / Subject',
      text: 'Hej',
      html: '<p>Hej</p>',
      tags: [{ name: 'template', value: 'api_key_issued' }],
    });
  });

  it.each([
    [500, 'internal_server_error'],
    [502, 'bad_gateway'],
    [503, 'service_unavailable'],
    [429, 'rate_limit_exceeded'],
    [409, 'concurrent_idempotent_requests'],
  ])('treats %i %s as unavailable (retry later)', async (status, name) => {
    fake.failNext(1, status, name);
    const err = await mailer()
      .send(mail())
      .catch((e) => e);
    expect(err).toBeInstanceOf(MailUnavailable);
    expect(err.message).toContain(`Resend answered ${status} ${name}`);
  });

  it('refuses an address with 422 as a permanent failure carrying the reason', async () => {
    fake.refuse('blocked@example.se');
    const err = await mailer()
      .send(mail('blocked@example.se'))
      .catch((e) => e);
    expect(err).toBeInstanceOf(MailRefused);
    expect(err.message).toMatch(/^Resend answered 422 validation_error: Invalid `to` field/);
  });

  it('refuses a reused key with other content (409 invalid_idempotent_request)', async () => {
    const m = mail();
    await mailer().send(m);
    const err = await mailer()
      .send({ ...m, subject: 'changed' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(MailRefused);
    expect(err.message).toContain('invalid_idempotent_request');
  });

  it('refuses with a wrong API key (401), so the mails wait in the failed list for the fix', async () => {
    const err = await mailer({ apiKey: 're_wrong' })
      .send(mail())
      .catch((e) => e);
    expect(err).toBeInstanceOf(MailRefused);
    expect(err.message).toContain('401');
  });

  it('gives up on a hung request after its timeout, as unavailable', async () => {
    fake.hangNext();
    const err = await mailer({ timeoutMs: 100 })
      .send(mail())
      .catch((e) => e);
    expect(err).toBeInstanceOf(MailUnavailable);
    expect(err.message).toBe('Resend did not answer within 100 ms');
  });

  it('treats an unreachable server as unavailable', async () => {
    const err = await mailer({ baseUrl: 'http://127.0.0.1:1' })
      .send(mail())
      .catch((e) => e);
    expect(err).toBeInstanceOf(MailUnavailable);
    expect(err.message).toMatch(/^Resend could not be reached/);
  });
});
