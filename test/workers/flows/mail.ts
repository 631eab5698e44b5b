/**
 * Mail inside workerd: the Cron Trigger's drain turns an event into a mail and sends it through the
 * Resend adapter (plain fetch, AbortSignal timeout) to the stand-in of Resend's API that
 * ./global-setup.ts serves from Node; a 5xx is retried by a later run with the same idempotency key,
 * and a refused address ends as failed, listed by the API, until a retry sends it.
 * Each test mails its own fresh address, since the D1 and Turso files share the stand-in.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { notifications, outbox } from '../../../db/schema';
import { createOrganization } from '../../helpers/factories';
import type { Driver } from '../drivers';
import { asTestApp, caller, fetchWith, runCron } from '../helpers';

interface FakeRequest {
  idempotencyKey: string | null;
  body: { to: string[]; subject: string };
  status: number | 'hang';
}

export function mailFlows({ name, env, db }: Driver) {
  const resendUrl = inject('resendUrl');
  const mailEnv = {
    ...env,
    RESEND_API_KEY: inject('resendKey'),
    RESEND_BASE_URL: resendUrl,
    MAIL_TIMEOUT_MS: '2000',
  };
  const call = caller(fetchWith(mailEnv));
  const t = asTestApp(call);

  const requestsTo = async (email: string) =>
    ((await (await fetch(`${resendUrl}/__fake/requests`)).json()) as FakeRequest[]).filter((r) =>
      r.body.to.includes(email),
    );
  const control = (path: string, body: unknown) =>
    fetch(`${resendUrl}/__fake/${path}`, { method: 'POST', body: JSON.stringify(body) });

  async function issueKeyTo(email: string) {
    const org = await createOrganization(t, 'provider');
    const res = await call('POST', `/v1/organizations/${org.id}/api-keys`, {
      body: { name: 'Workers Person', email, role: 'handler' },
    });
    expect(res.status).toBe(201);
    return org.id as string;
  }
  const mailOf = async (organizationId: string) => {
    const res = await call('GET', `/v1/notifications?organizationId=${organizationId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    return res.body.data[0];
  };
  const fresh = () => `w-${crypto.randomUUID()}@example.se`;
  /**
   * Two Cron Triggers: a run drains pass after pass while rows are due (the event becomes a mail row,
   * the next pass sends it), so one is enough; the second shows that nothing is sent again.
   */
  const cronTwice = async () => {
    await runCron(mailEnv);
    await runCron(mailEnv);
  };

  describe(`mail on ${name}`, () => {
    it('the cron sends a mail through Resend once, keyed by the notification id', async () => {
      const email = fresh();
      const org = await issueKeyTo(email);
      // One run: a pass turns the event into a mail row, the next pass sends it.
      await runCron(mailEnv);
      const sent = await requestsTo(email);
      expect(sent).toHaveLength(1);
      const mail = await mailOf(org);
      expect(mail).toMatchObject({ status: 'sent', template: 'api_key_issued', attempts: 1 });
      expect(sent[0]!.idempotencyKey).toBe(mail!.id);
      expect(mail!.providerId).toMatch(/^fake_/);
      await runCron(mailEnv);
      expect(await requestsTo(email)).toHaveLength(1);
    });

    it('a 5xx answer is retried by a later cron run with the same key', async () => {
      const email = fresh();
      await control('fail', { address: email, times: 1, status: 503 });
      const org = await issueKeyTo(email);
      await cronTwice();
      const waiting = await mailOf(org);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
      expect(waiting!.lastError).toContain('503');

      // The backoff has passed (the Worker's clock is real, so move the row's time instead).
      const [n] = await db.select().from(notifications).where(eq(notifications.id, waiting!.id));
      await db
        .update(outbox)
        .set({ nextAttemptAt: '2000-01-01T00:00:00.000Z' })
        .where(eq(outbox.dedupeKey, n!.outboxKey));
      await runCron(mailEnv);
      const requests = await requestsTo(email);
      expect(requests.map((r) => r.status)).toEqual([503, 200]);
      expect(requests[1]!.idempotencyKey).toBe(requests[0]!.idempotencyKey);
      expect((await mailOf(org))!.status).toBe('sent');
    });

    it('a refused address ends failed and listed; a retry sends it', async () => {
      const email = fresh();
      await control('refuse', { address: email });
      const org = await issueKeyTo(email);
      await cronTwice();
      const failed = await call('GET', `/v1/notifications?status=failed&organizationId=${org}`);
      expect(failed.body.data).toHaveLength(1);
      expect(failed.body.data[0]!.lastError).toMatch(/422 validation_error/);

      await control('allow', { address: email });
      const retried = await call('POST', `/v1/notifications/${failed.body.data[0]!.id}/retry`);
      expect(retried.status).toBe(200);
      await runCron(mailEnv);
      expect((await mailOf(org))!.status).toBe('sent');
      expect((await requestsTo(email)).map((r) => r.status)).toEqual([422, 200]);
    });
  });
}
