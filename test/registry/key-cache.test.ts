/**
 * Authenticated keys are cached per process, yet a key that loses its access stops working on the
 * very next request, in every process: a second app over the same database file (its own connection
 * and its own cache, as a second server process has) caches the key first, then the first app revokes
 * it, deactivates its organization or changes the person's role.
 */
import { createClient } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { authRevision, users } from '../../db/schema';
import { readNow } from '../../src/adapters/db/fast-rows';
import { openLibsql } from '../../src/adapters/db/libsql';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/lib/logger';
import { ADMIN_KEY, createTestApp, type TestApp } from '../helpers/app';
import { createOrganization, issueKey, orgWithKey } from '../helpers/factories';

let t: TestApp;
let other: Awaited<ReturnType<typeof openLibsql>>;
let otherApp: ReturnType<typeof createApp>;
/** A third process whose client has no synchronous reads (as remote libSQL and D1): drizzle's path. */
let plainClient: ReturnType<typeof createClient>;
let plainApp: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestApp();
  other = await openLibsql(t.url);
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent' });
  otherApp = createApp({ config, db: other.db, logger: silentLogger });
  plainClient = createClient({ url: t.url });
  plainApp = createApp({ config, db: drizzle(plainClient, { schema }), logger: silentLogger });
});
afterAll(() => {
  plainClient.close();
  other.close();
  t.close();
});

/** GET /v1/me on the other process, as `key`. */
const meThere = async (key: string) =>
  (await otherApp.request('/v1/me', { headers: { authorization: `Bearer ${key}` } })).status;
const mePlain = async (key: string) =>
  (await plainApp.request('/v1/me', { headers: { authorization: `Bearer ${key}` } })).status;
const meHere = async (key: string) => (await t.call('GET', '/v1/me', { key })).status;
const revision = async () =>
  (await t.db.all<{ revision: number }>(sql`select revision from auth_revision`))[0]!.revision;

describe('cached keys', () => {
  it('a revoked key is refused at once, here and in another process that had it cached', async () => {
    const { org, key, id } = await orgWithKey(t, 'provider', 'handler');
    const kept = await issueKey(t, org.id, 'handler');
    for (let i = 0; i < 3; i++) {
      expect(await meHere(key)).toBe(200);
      expect(await meThere(key)).toBe(200);
      expect(await meThere(kept.key)).toBe(200);
      expect(await mePlain(key)).toBe(200);
    }
    const before = await revision();
    expect((await t.call('DELETE', `/v1/organizations/${org.id}/api-keys/${id}`)).status).toBe(200);
    expect(await revision()).toBeGreaterThan(before);
    expect(await meHere(key)).toBe(401);
    expect(await meThere(key)).toBe(401);
    expect(await mePlain(key)).toBe(401);
    // Other keys go on working (and are cached again).
    expect(await meThere(kept.key)).toBe(200);
    expect(await meHere(kept.key)).toBe(200);
    expect(await mePlain(kept.key)).toBe(200);
  });

  it('read the revision synchronously over the local file, each time afresh; elsewhere through drizzle', async () => {
    const query = t.db.select({ revision: authRevision.revision }).from(authRevision).toSQL();
    const read = readNow(t.db, query);
    const readThere = readNow(other.db, query);
    expect(read).toBeDefined();
    expect(readThere).toBeDefined();
    expect(readNow(drizzle(plainClient, { schema }), query)).toBeUndefined();
    const before = await revision();
    expect(read?.()).toEqual([[before]]);
    expect(readThere?.()).toEqual([[before]]);
    // A commit on another connection (a second process) is seen by the very next read here.
    await other.db.update(authRevision).set({ revision: sql`${authRevision.revision} + 1` });
    expect(read?.()).toEqual([[before + 1]]);
    // Only reads: a write is refused rather than run outside the write lock.
    expect(
      readNow(t.db, { sql: 'update auth_revision set revision = revision', params: [] }),
    ).toBeUndefined();
  });

  it('a deactivated organization’s keys are refused at once in every process', async () => {
    const { org, key } = await orgWithKey(t, 'employer', 'employer');
    expect(await meThere(key)).toBe(200);
    expect(await meHere(key)).toBe(200);
    expect((await t.call('DELETE', `/v1/organizations/${org.id}`)).status).toBe(200);
    expect(await meThere(key)).toBe(401);
    expect(await meHere(key)).toBe(401);
  });

  it('a changed role is seen at once, not the cached one', async () => {
    const org = await createOrganization(t, 'provider');
    const person = await issueKey(t, org.id, 'handler');
    const role = async () =>
      (
        (await (
          await otherApp.request('/v1/me', { headers: { authorization: `Bearer ${person.key}` } })
        ).json()) as { role: string }
      ).role;
    expect(await role()).toBe('handler');
    await t.db.update(users).set({ role: 'coordinator' }).where(eq(users.id, person.userId));
    expect(await role()).toBe('coordinator');
  });

  it('an unknown key is never cached into working', async () => {
    const { key } = await orgWithKey(t, 'provider', 'handler');
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(await meThere(wrong)).toBe(401);
    expect(await meThere(key)).toBe(200);
    expect(await meThere(wrong)).toBe(401);
  });
});
