/**
 * Settings and bindings are validated when the Worker first builds the app; a misconfigured Worker
 * answers every request with one problem document naming each bad setting (never its value), and its
 * cron run fails the same way.
 */
import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { ConfigError } from '../../src/config';
import { buildWorkerApp, type WorkerEnv, workerApp } from '../../src/entry/worker-app';
import { caller, fetchWith, runCron } from './helpers';

const { DB: _d1, ...settings } = env;

async function problemFor(testEnv: WorkerEnv) {
  const res = await caller(fetchWith(testEnv))('GET', '/health', { key: null });
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ type: '/problems/misconfigured', status: 503 });
  // Traceable like every other problem: the id is the answer's x-request-id.
  expect(res.body).toMatchObject({ requestId: res.headers.get('x-request-id') });
  expect(res.headers.get('x-request-id')).toMatch(/\S{8,}/);
  return res.body as { errors: { path: string; message: string }[]; detail: string };
}

describe('Worker configuration', () => {
  it('builds once per env and picks D1 when the binding is there', () => {
    const first = workerApp(env);
    expect(first.ok && first.driver).toBe('d1');
    expect(workerApp(env)).toBe(first);
  });

  it('picks Turso when only TURSO_DATABASE_URL is set', () => {
    const built = buildWorkerApp({ ...settings, TURSO_DATABASE_URL: 'libsql://registry-example.turso.io' });
    expect(built.ok && built.driver).toBe('turso');
  });

  it('names a missing ADMIN_API_KEY without echoing any value', async () => {
    const body = await problemFor({ ...env, ADMIN_API_KEY: undefined });
    expect(body.errors).toEqual([
      { path: 'ADMIN_API_KEY', message: expect.stringContaining('wrangler secret') },
    ]);
  });

  it('refuses a D1 binding and a Turso URL at once', async () => {
    const body = await problemFor({ ...env, TURSO_DATABASE_URL: 'libsql://registry-example.turso.io' });
    expect(body.errors).toEqual([{ path: 'DB', message: expect.stringContaining('both set') }]);
  });

  it('asks for a database when there is none', async () => {
    const body = await problemFor(settings);
    expect(body.errors).toEqual([{ path: 'DB', message: expect.stringContaining('[[d1_databases]]') }]);
  });

  it('refuses a DB that is not a D1 binding', async () => {
    const body = await problemFor({ ...settings, DB: 'my-database' });
    expect(body.errors.map((e) => e.path)).toEqual(['DB']);
  });

  it('refuses a file: URL for Turso, since Workers have no file system', async () => {
    const body = await problemFor({ ...settings, TURSO_DATABASE_URL: 'file:data/registry.db' });
    expect(body.errors.map((e) => e.path)).toEqual(['TURSO_DATABASE_URL']);
  });

  it('lists every bad setting at once', async () => {
    const body = await problemFor({ ...settings, ADMIN_API_KEY: 'short', LOG_LEVEL: 'loud' });
    expect(body.errors.map((e) => e.path).sort()).toEqual(['ADMIN_API_KEY', 'DB', 'LOG_LEVEL']);
    expect(JSON.stringify(body)).not.toContain('short');
  });

  it('fails the cron run with the same error', async () => {
    await expect(runCron({ ...env, ADMIN_API_KEY: undefined })).rejects.toBeInstanceOf(ConfigError);
  });

  it('reports the database unreachable when the Turso token is wrong', async () => {
    const res = await caller(
      fetchWith({
        ...settings,
        TURSO_DATABASE_URL: inject('tursoUrl'),
        TURSO_AUTH_TOKEN: 'not-the-token',
      }),
    )('GET', '/health', { key: null });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: 'unreachable' });
  });
});
