/**
 * The notifications API with the development mailer (the default without RESEND_API_KEY): mails are
 * kept in the database and visible here, a short log line names only the domain and the template,
 * and each organization's admin or coordinator sees only the mails to its own people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger';
import { createTestApp, type TestApp } from '../helpers/app';
import { createOrganization, issueKey } from '../helpers/factories';
import { drainAll, fakeClock } from './support';

let t: TestApp;
const lines: string[] = [];
const clock = fakeClock('2027-02-01T09:00:00.000Z');
let provider: { id: string };
let employer: { id: string };
let providerAdmin: Awaited<ReturnType<typeof issueKey>>;
let coordinator: Awaited<ReturnType<typeof issueKey>>;
let handler: Awaited<ReturnType<typeof issueKey>>;
let employerAdmin: Awaited<ReturnType<typeof issueKey>>;

beforeAll(async () => {
  t = await createTestApp({
    clock: clock.now,
    deps: { logger: createLogger('info', (line) => lines.push(line)) },
  });
  provider = await createOrganization(t, 'provider');
  employer = await createOrganization(t, 'employer');
  providerAdmin = await issueKey(t, provider.id, 'admin');
  coordinator = await issueKey(t, provider.id, 'coordinator', providerAdmin.key);
  handler = await issueKey(t, provider.id, 'handler', providerAdmin.key);
  employerAdmin = await issueKey(t, employer.id, 'admin');
  await drainAll(t);
});
afterAll(() => t.close());

describe('development mailer', () => {
  it('keeps every mail in the database as sent, with its content, and logs no address or body', async () => {
    const all = await t.call('GET', '/v1/notifications?status=sent');
    expect(all.body.data).toHaveLength(4);
    const mail = all.body.data[2];
    expect(mail!.providerId).toBe(`dev_${mail!.id}`);
    const one = await t.call('GET', `/v1/notifications/${mail!.id}`);
    expect(one.status).toBe(200);
    expect(one.body.content!.subject).toBe(
      'En API-nyckel har utfärdats till dig / An API key was issued to you',
    );
    expect(one.body.content!.text).toMatch(/^Hej Person \d+,/);

    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.msg.startsWith('mail kept'));
    expect(logged).toHaveLength(4);
    expect(logged[0]).toMatchObject({ to: '*@example.se', template: 'api_key_issued' });
    const everything = lines.join('\n');
    expect(everything).not.toMatch(/person\d+@example\.se/);
    expect(everything).not.toContain('API-nyckel');
  });
});

describe('who sees which mails', () => {
  it('the platform admin sees all; pages follow the cursor', async () => {
    const first = await t.call('GET', '/v1/notifications?limit=3');
    expect(first.body.data).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.call('GET', `/v1/notifications?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((n) => n.id);
    expect(new Set(ids).size).toBe(4);
    const one = await t.call('GET', `/v1/notifications?organizationId=${employer.id}`);
    expect(one.body.data.map((n) => n.recipient.organizationId)).toEqual([employer.id]);
  });

  it('an organization’s admin and coordinator see the mails to their own people only', async () => {
    for (const key of [providerAdmin.key, coordinator.key]) {
      const res = await t.call('GET', '/v1/notifications', { key });
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(3);
      expect(res.body.data.every((n) => n.recipient.organizationId === provider.id)).toBe(true);
    }
    const own = await t.call('GET', '/v1/notifications', { key: employerAdmin.key });
    expect(own.body.data.map((n) => n.recipient.id)).toEqual([employerAdmin.userId]);
  });

  it('another organization’s mail is not found; other roles may not look; no cross-organization filter', async () => {
    const employerMail = (await t.call('GET', '/v1/notifications', { key: employerAdmin.key })).body.data[0];
    const res = await t.call('GET', `/v1/notifications/${employerMail!.id}`, { key: providerAdmin.key });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(
      (await t.call('POST', `/v1/notifications/${employerMail!.id}/retry`, { key: providerAdmin.key }))
        .status,
    ).toBe(404);
    expect((await t.call('GET', '/v1/notifications', { key: handler.key })).status).toBe(403);
    expect((await t.call('POST', '/v1/notifications/retry', { key: handler.key, body: {} })).status).toBe(
      403,
    );
    const cross = await t.call('GET', `/v1/notifications?organizationId=${employer.id}`, {
      key: providerAdmin.key,
    });
    expect(cross.status).toBe(403);
  });

  it('refuses bad input with a problem and retrying a sent mail with 409', async () => {
    const bad = await t.call('GET', '/v1/notifications?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.problem.errors![0]!.path).toBe('query.status');
    expect((await t.call('GET', '/v1/notifications/ntf_nope')).status).toBe(400);
    const badBody = await t.call('POST', '/v1/notifications/retry', {
      body: { ids: ['slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R'] },
    });
    expect(badBody.status).toBe(400);
    const sent = (await t.call('GET', '/v1/notifications?limit=1')).body.data[0];
    const again = await t.call('POST', `/v1/notifications/${sent!.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.problem.detail).toContain('only failed mails can be retried');
    const none = await t.call('POST', '/v1/notifications/retry');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ retried: 0, more: false });
  });
});
