/**
 * The printed access code's QR link is the service's public address (PUBLIC_BASE_URL), not the
 * address the handler's request came in on: a handler working on http://localhost (or behind a
 * proxy) prints a code whose QR opens the public sign-in on the participant's phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPath } from '../../src/pages/ui/qr';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, orgWithKey } from '../helpers/factories';
import { pageClient } from './client';

const PUBLIC = 'https://registry.example.se';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_BASE_URL: `${PUBLIC}/` } });
});
afterAll(() => t.close());

describe('the access code’s QR code', () => {
  it('opens the sign-in at PUBLIC_BASE_URL with the code filled in', async () => {
    const provider = await orgWithKey(t, 'provider', 'handler');
    const p = await createParticipant(t, provider.key);
    const handler = pageClient(t);
    await handler.signInWithKey(provider.key);
    await handler.get(`/participants/${p.id}`);
    const page = await handler.post(`/participants/${p.id}/access-codes`, { validDays: '7' });
    expect(page.status).toBe(200);
    const code = /class="code-big">([^<]+)</.exec(page.html)![1]!;
    const drawn = /<path d="([^"]+)"/.exec(page.html)![1]!;
    expect(drawn).toBe(qrPath(`${PUBLIC}/me/sign-in?code=${code}`).d);
    // The request came in on http://localhost: that address is neither printed nor drawn.
    expect(drawn).not.toBe(qrPath(`http://localhost/me/sign-in?code=${code}`).d);
    expect(page.html).toContain(`${PUBLIC}/me/sign-in`);
    expect(page.html).not.toContain('http://localhost/me/sign-in');
  });
});
