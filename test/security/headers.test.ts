/**
 * Security headers on every answer (successes, refusals, errors, the docs), `no-store` on anything
 * with participant data, and CORS: off unless an origin is configured, preflights answered without a key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, orgWithKey } from '../helpers/factories';

let t: TestApp;
let handlerKey: string;
let participantId: string;

beforeAll(async () => {
  t = await createTestApp({
    env: { CORS_ORIGINS: 'https://intranet.kommun.example, http://localhost:5173' },
  });
  handlerKey = (await orgWithKey(t, 'provider', 'handler')).key;
  participantId = (await createParticipant(t, handlerKey)).id;
});
afterAll(() => t.close());

function expectSecurityHeaders(h: Headers, where: string) {
  expect(h.get('x-content-type-options'), where).toBe('nosniff');
  expect(h.get('x-frame-options'), where).toBe('DENY');
  expect(h.get('referrer-policy'), where).toBe('no-referrer');
  expect(h.get('strict-transport-security'), where).toMatch(/^max-age=\d+/);
  const csp = h.get('content-security-policy') ?? '';
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("script-src 'self'");
  expect(csp, where).not.toContain('unsafe-inline');
}

describe('security headers', () => {
  it('are on every documented operation’s answer, whatever its status; no-store behind a key', async () => {
    const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths ?? {}))
      for (const [method, operation] of Object.entries(item)) {
        const url = path.replace(/\{(\w+)\}/g, 'xyz_01JD3S2Q7ZK4V0X9YB6N5M8T2R');
        const hasBody = !['get', 'head', 'delete'].includes(method);
        const res = await t.call(method.toUpperCase(), url, {
          key: handlerKey,
          body: hasBody ? {} : undefined,
        });
        expectSecurityHeaders(res.headers, `${method} ${path} → ${res.status}`);
        // Everything behind a key may hold personal data; public reference data may be cached.
        if ((operation as { security?: unknown[] }).security?.length)
          expect(res.headers.get('cache-control'), `${method} ${path}`).toBe('no-store');
        checked++;
      }
    expect(checked).toBeGreaterThan(40);
  });

  it('are on refusals before any route: unknown route, no key, malformed JSON', async () => {
    for (const res of [
      await t.call('GET', '/nowhere'),
      await t.call('GET', '/v1/slots', { key: null }),
      await t.call('POST', '/v1/slots', { raw: '{', headers: { 'content-type': 'application/json' } }),
      await t.call('GET', '/health'),
    ])
      expectSecurityHeaders(res.headers, String(res.status));
  });

  it('marks participant data no-store', async () => {
    const read = await t.call('GET', `/v1/participants/${participantId}`, { key: handlerKey });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    const matches = await t.call('GET', `/v1/participants/${participantId}/matches`, { key: handlerKey });
    expect(matches.headers.get('cache-control')).toBe('no-store');
  });

  it('let the docs page and its assets keep their own policy and cache lifetime', async () => {
    const page = await t.app.request('/docs');
    expectSecurityHeaders(page.headers, '/docs');
    expect(await page.text()).not.toMatch(/<script>/);
    const init = await t.app.request('/docs/init.js');
    expect(init.status).toBe(200);
    expect(init.headers.get('content-type')).toContain('javascript');
  });

  it('leave HSTS out in development, where the service runs on plain http', async () => {
    const dev = await createTestApp({ env: { NODE_ENV: 'development' } });
    const res = await dev.app.request('/health');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await dev.close();
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    t.app.request('/v1/slots', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from a configured origin without a key', async () => {
    const res = await preflight('https://intranet.kommun.example');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://intranet.kommun.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('answers a preflight from any other origin without allowing it (and without a 401)', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured origin on the actual request, and varies on Origin', async () => {
    const res = await t.app.request('/v1/me', {
      headers: { origin: 'http://localhost:5173', authorization: `Bearer ${handlerKey}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('vary')).toContain('Origin');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id,retry-after');
    // A refusal too, so the page that called can read why.
    const refused = await t.app.request('/v1/me', {
      headers: { origin: 'http://localhost:5173', authorization: 'Bearer sek_wrong' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(refused.headers.get('vary')).toContain('Origin');
    const other = await t.app.request('/v1/me', {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${handlerKey}` },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is off by default', async () => {
    const plain = await createTestApp();
    const res = await plain.app.request('/v1/slots', {
      method: 'OPTIONS',
      headers: { origin: 'https://intranet.kommun.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await plain.close();
  });

  it('refuses a malformed origin list at start, naming the setting', async () => {
    await expect(createTestApp({ env: { CORS_ORIGINS: 'intranet.kommun.example/app' } })).rejects.toThrow(
      /CORS_ORIGINS/,
    );
  });
});
