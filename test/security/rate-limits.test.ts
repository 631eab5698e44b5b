/**
 * Rate limits for wrong keys: per client address and per key prefix, 429 with Retry-After in the
 * problem shape, counted in the database (so two app instances over one database share the count),
 * with a right key still let through. Also the limiter service others build on.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServer, nodeClientAddress } from '../../src/adapters/http/node';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/lib/logger';
import { ADMIN_KEY, createTestApp, type TestApp } from '../helpers/app';
import { orgWithKey } from '../helpers/factories';

let now = Date.parse('2027-03-01T10:00:00Z');
const clock = () => new Date(now);
const env = { AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_SECONDS: '600' };
const fromHeader = {
  clientAddress: (c: { req: { header(n: string): string | undefined } }) => c.req.header('x-test-client'),
};

let t: TestApp;
let goodKey: string;

beforeAll(async () => {
  t = await createTestApp({ env, clock, deps: fromHeader });
  goodKey = (await orgWithKey(t, 'employer', 'employer')).key;
});
afterAll(() => t.close());

const wrongKey = () => `sek_${crypto.randomUUID().replaceAll('-', '')}`;
const me = (key: string, client: string, app = t) =>
  app.call('GET', '/v1/me', { key, headers: { 'x-test-client': client } });

describe('wrong keys per client address', () => {
  it('answers 401 up to the limit, then 429 with Retry-After in the problem shape', async () => {
    for (let i = 0; i < 3; i++) expect((await me(wrongKey(), '203.0.113.1')).status).toBe(401);
    const limited = await me(wrongKey(), '203.0.113.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(limited.body).toMatchObject({
      status: 429,
      type: '/problems/rate-limited',
      title: 'Too many requests',
    });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  it('still lets a right key through from the same address, and other addresses are not limited', async () => {
    expect((await me(goodKey, '203.0.113.1')).status).toBe(200);
    expect((await me(wrongKey(), '203.0.113.2')).status).toBe(401);
  });

  it('counts a flood once it is limited without writing for every guess', async () => {
    for (let i = 0; i < 50; i++) expect((await me(wrongKey(), '203.0.113.1')).status).toBe(429);
    const rows = await t.db.all<{ count: number }>(
      sql`select count from rate_limits where key = 'auth-failure:address:203.0.113.1'`,
    );
    expect(rows).toEqual([{ count: 4 }]);
  });

  it('forgets the count when the window ends', async () => {
    now += 600_000;
    expect((await me(wrongKey(), '203.0.113.1')).status).toBe(401);
  });

  it('does not count a request that sends no key at all', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await t.call('GET', '/v1/me', { key: null, headers: { 'x-test-client': '203.0.113.9' } })).status,
      ).toBe(401);
    expect((await me(wrongKey(), '203.0.113.9')).status).toBe(401);
  });
});

describe('wrong keys per key prefix', () => {
  it('limits guesses at one key prefix from many addresses', async () => {
    const prefix = 'sek_AbCdEf';
    for (let i = 0; i < 3; i++)
      expect((await me(`${prefix}${wrongKey()}`, `198.51.100.${i}`)).status).toBe(401);
    expect((await me(`${prefix}${wrongKey()}`, '198.51.100.200')).status).toBe(429);
  });
});

describe('across instances', () => {
  it('two app instances over one database share the count', async () => {
    const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', ...env });
    const second = createApp({ config, db: t.db, logger: silentLogger, clock, ...fromHeader });
    const viaSecond = (client: string) =>
      second.request('/v1/me', {
        headers: { authorization: `Bearer ${wrongKey()}`, 'x-test-client': client },
      });
    expect((await me(wrongKey(), '192.0.2.7')).status).toBe(401);
    expect((await viaSecond('192.0.2.7')).status).toBe(401);
    expect((await me(wrongKey(), '192.0.2.7')).status).toBe(401);
    expect((await viaSecond('192.0.2.7')).status).toBe(429);
  });
});

describe('the limiter service', () => {
  const rule = { name: 'test:sign-in', limit: 2, windowSeconds: 60 };

  it('check asks whether one more attempt is allowed without counting it; clear forgets', async () => {
    const { rateLimits } = t.app.services;
    expect(await rateLimits.check(rule, 'anna@example.se')).toMatchObject({ limited: false, remaining: 1 });
    await rateLimits.hit(rule, 'anna@example.se');
    expect(await rateLimits.check(rule, 'anna@example.se')).toMatchObject({ limited: false, remaining: 0 });
    await rateLimits.hit(rule, 'anna@example.se');
    expect(await rateLimits.check(rule, 'anna@example.se')).toMatchObject({ limited: true });
    expect((await rateLimits.hit(rule, 'anna@example.se')).limited).toBe(true);
    await rateLimits.clear(rule, 'anna@example.se');
    expect(await rateLimits.check(rule, 'anna@example.se')).toMatchObject({ limited: false, remaining: 1 });
  });
});

describe('on a real Node server', () => {
  let server: Server;
  let base: string;
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ env, deps: { clientAddress: nodeClientAddress(false) } });
    server = createNodeServer(app.app.fetch, { maxHeaderBytes: 16_384, hsts: false, logger: silentLogger });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await app.close();
  });

  it('limits by the socket address, whatever X-Forwarded-For claims when no proxy is trusted', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/v1/me`, {
        headers: { authorization: `Bearer ${wrongKey()}`, 'x-forwarded-for': `10.0.0.${i}` },
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      await res.text();
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
