import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../db/schema';
import { sha256Hex } from '../../src/lib/crypto';
import { createTestApp, type TestApp } from '../helpers/app';
import { createOrganization, issueKey } from '../helpers/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('API keys', () => {
  it('shows the key once and stores only its hash', async () => {
    const org = await createOrganization(t, 'provider');
    const res = await t.call('POST', `/v1/organizations/${org.id}/api-keys`, {
      body: { name: 'Anna Lind', email: 'Anna.Lind@Example.se', role: 'handler' },
    });
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^sek_[A-Za-z0-9_-]{40,}$/);
    expect(res.body.user).toMatchObject({
      name: 'Anna Lind',
      email: 'anna.lind@example.se',
      role: 'handler',
    });
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, res.body.id));
    expect(row!.hash).toBe(await sha256Hex(res.body.key));
    expect(JSON.stringify(row)).not.toContain(res.body.key);

    const list = await t.call('GET', `/v1/organizations/${org.id}/api-keys`);
    expect(list.body.data).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(res.body.key);
    expect(list.body.data[0]!.prefix).toBe(res.body.key.slice(0, 10));

    const me = await t.call('GET', '/v1/me', { key: res.body.key });
    expect(me.body).toMatchObject({ kind: 'member', role: 'handler', organization: { id: org.id } });
  });

  it('revocation stops the key at once; other keys keep working', async () => {
    const org = await createOrganization(t, 'employer');
    const a = await issueKey(t, org.id, 'employer');
    const b = await issueKey(t, org.id, 'admin');
    expect((await t.call('GET', '/v1/slots', { key: a.key })).status).toBe(200);
    const revoked = await t.call('DELETE', `/v1/organizations/${org.id}/api-keys/${a.id}`, { key: b.key });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await t.call('GET', '/v1/slots', { key: a.key })).status).toBe(401);
    expect((await t.call('GET', '/v1/slots', { key: b.key })).status).toBe(200);
  });

  it('a coordinator issues and revokes coordinator keys only: never one with rights they lack', async () => {
    const org = await createOrganization(t, 'provider');
    const coordinator = await issueKey(t, org.id, 'coordinator');
    const issue = (role: string, email: string) =>
      t.call('POST', `/v1/organizations/${org.id}/api-keys`, {
        key: coordinator.key,
        body: { name: 'Ny person', email, role },
      });
    // A handler key writes participants, which a coordinator may not: no way round that by a second address.
    const handler = await issue('handler', 'eva.alias@example.se');
    expect(handler.status).toBe(403);
    expect(handler.problem.detail).toMatch(/cannot issue or revoke handler keys/);
    expect((await issue('admin', 'eva.admin@example.se')).status).toBe(403);
    const colleague = await issue('coordinator', 'kim@example.se');
    expect(colleague.status).toBe(201);

    const admin = await issueKey(t, org.id, 'admin');
    const aHandler = await issueKey(t, org.id, 'handler');
    const revoke = (keyId: string) =>
      t.call('DELETE', `/v1/organizations/${org.id}/api-keys/${keyId}`, { key: coordinator.key });
    expect((await revoke(admin.id)).status).toBe(403);
    expect((await revoke(aHandler.id)).status).toBe(403);
    expect((await t.call('GET', '/v1/me', { key: admin.key })).status).toBe(200);
    expect((await t.call('GET', '/v1/me', { key: aHandler.key })).status).toBe(200);
    expect((await revoke(colleague.body.id)).status).toBe(200);
    expect((await t.call('GET', '/v1/me', { key: colleague.body.key })).status).toBe(401);
  });

  it('a second key for the same person keeps one person; a different role for them is a 409', async () => {
    const org = await createOrganization(t, 'provider');
    const body = { name: 'Sam', email: 'sam@example.se', role: 'handler' };
    const first = await t.call('POST', `/v1/organizations/${org.id}/api-keys`, { body });
    const second = await t.call('POST', `/v1/organizations/${org.id}/api-keys`, { body });
    expect(second.status).toBe(201);
    expect(second.body.user.id).toBe(first.body.user.id);
    const other = await t.call('POST', `/v1/organizations/${org.id}/api-keys`, {
      body: { ...body, role: 'coordinator' },
    });
    expect(other.status).toBe(409);
  });

  it('deactivating an organization revokes its keys and closes its slots', async () => {
    const org = await createOrganization(t, 'employer');
    const k = await issueKey(t, org.id, 'employer');
    const sup = await t.call('POST', '/v1/supervisors', {
      key: k.key,
      body: { name: 'H', email: 'h@example.se', maxParticipants: 1 },
    });
    expect(sup.status).toBe(201);
    const res = await t.call('DELETE', `/v1/organizations/${org.id}`);
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await t.call('GET', '/v1/slots', { key: k.key })).status).toBe(401);
    expect(
      (
        await t.call('POST', `/v1/organizations/${org.id}/api-keys`, {
          body: { name: 'X', email: 'x@example.se', role: 'employer' },
        })
      ).status,
    ).toBe(409);
  });
});
