/** One log line per request, and no personal data in it: no bodies, no query strings, no fields. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/lib/logger';
import { createTestApp, type TestApp } from './helpers/app';
import { createParticipant, orgWithKey } from './helpers/factories';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { logger: createLogger('info', (line) => lines.push(line)) } });
});
afterAll(() => t.close());

describe('request logs', () => {
  it('write one line per request without bodies, query strings or participant fields', async () => {
    const provider = await orgWithKey(t, 'provider', 'handler');
    lines.length = 0;
    const p = await createParticipant(t, provider.key, {
      reference: 'SE-LOG-4711',
      strengths: ['tålmodig bagare'],
    });
    await t.call('GET', '/v1/slots/search?q=Kerstin%20Ek&near=59.32931,18.06858', { key: provider.key });
    await t.call('GET', `/v1/participants/${p.id}`, { key: provider.key });
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(3);
    expect(requests.map((r) => r.route)).toEqual([
      '/v1/participants',
      '/v1/slots/search',
      '/v1/participants/:id',
    ]);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      status: 201,
      org: provider.org.id,
      user: provider.userId,
    });
    // The timestamp may hold any digits, so the coordinates checked are longer than a time can be.
    const all = lines.join('\n');
    for (const secret of ['SE-LOG-4711', 'tålmodig', 'Kerstin', '59.32931', '18.06858', provider.key])
      expect(all).not.toContain(secret);
  });
});
