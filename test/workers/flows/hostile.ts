/**
 * Hostile input inside workerd: the same refusals as on Node (bad text before JSON parsing turns it
 * into U+FFFD), through the Worker entry.
 */
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { orgWithKey } from '../../helpers/factories';
import type { Driver } from '../drivers';
import { ADMIN_KEY } from '../helpers';

export function hostileFlows({ name, t }: Driver) {
  describe(`hostile input on the Worker over ${name}`, () => {
    it('refuses invalid UTF-8 and NUL in a body, naming the field', async () => {
      const employer = await orgWithKey(t, 'employer', 'employer');
      const send = (body: Uint8Array) =>
        SELF.fetch('https://registry.test/v1/supervisors', {
          method: 'POST',
          headers: { authorization: `Bearer ${employer.key}`, 'content-type': 'application/json' },
          body,
        });
      const invalid = await send(
        new Uint8Array([...new TextEncoder().encode('{"name":"A'), 0xff, 0x22, 0x7d]),
      );
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({
        errors: [{ path: 'name', message: 'must be valid UTF-8 text' }],
      });
      const nul = await send(new TextEncoder().encode('{"name":"A\\u0000B"}'));
      expect(nul.status).toBe(400);
      expect(await nul.json()).toMatchObject({
        errors: [{ path: 'name', message: 'must not contain NUL characters' }],
      });
    });

    it('sends the security headers, and answers a preflight without a key', async () => {
      const res = await SELF.fetch('https://registry.test/v1/slots', {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      await res.text();
      const preflight = await SELF.fetch('https://registry.test/v1/slots', {
        method: 'OPTIONS',
        headers: { origin: 'https://other.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers wrong keys past the limit with 429 and Retry-After, counted per client address', async () => {
      const guess = (address: string) =>
        SELF.fetch('https://registry.test/v1/me', {
          headers: {
            authorization: `Bearer sek_${crypto.randomUUID().replaceAll('-', '')}`,
            'cf-connecting-ip': address,
          },
        });
      const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await guess(address)).status);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      const limited = await guess(address);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ status: 429, type: '/problems/rate-limited' });
      expect((await guess('198.51.100.1')).status).toBe(401);
    });

    it('answers a body over the limit with a 413 problem document', async () => {
      const res = await SELF.fetch('https://registry.test/v1/supervisors', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(300_000) }),
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
    });
  });
}
