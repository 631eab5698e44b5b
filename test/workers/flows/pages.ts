/**
 * The web pages inside workerd, through the Worker entry: the sign-in page, signing in with a key
 * (CSRF token and session cookie), a list page behind sign-in, and the served stylesheet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, orgWithKey } from '../../helpers/factories';
import { agreementBody, move, placementWorld, proposed } from '../../placements/helpers';
import type { Driver } from '../drivers';

const cookiesOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

export function pageFlows({ name, call, t }: Driver) {
  const html = { accept: 'text/html' };

  /** Signs in with a key on the sign-in page (its CSRF token and cookie) and returns the session's cookie. */
  async function signInWithKey(key: string, next: string) {
    const signIn = await call('GET', '/', { key: null, headers: html });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1]!;
    const signedIn = await call('POST', '/sign-in/key', {
      key: null,
      raw: new URLSearchParams({ _csrf: csrf, key, next }).toString(),
      headers: {
        ...html,
        cookie: cookiesOf(signIn.headers),
        origin: 'https://registry.test',
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    return { signedIn, cookie: cookiesOf(signedIn.headers) };
  }

  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  beforeAll(async () => {
    employer = await orgWithKey(t, 'employer', 'employer');
  });

  describe(`the pages over ${name}`, () => {
    it('show the sign-in page, sign in with a key and list the placements', async () => {
      const signIn = await call('GET', '/', { key: null, headers: html });
      expect(signIn.status).toBe(200);
      expect(signIn.text).toContain('<label for="f-key">API-nyckel</label>');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1]!;
      const form = new URLSearchParams({ _csrf: csrf, key: employer.key, next: '/placements' });
      const signedIn = await call('POST', '/sign-in/key', {
        key: null,
        raw: form.toString(),
        headers: {
          ...html,
          cookie: cookiesOf(signIn.headers),
          origin: 'https://registry.test',
          'content-type': 'application/x-www-form-urlencoded',
        },
      });
      expect(signedIn.status, signedIn.text.replace(/<[^>]+>/g, ' ').slice(0, 800)).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/placements');
      const list = await call('GET', '/placements', {
        key: null,
        headers: { ...html, cookie: cookiesOf(signedIn.headers) },
      });
      expect(list.status).toBe(200);
      expect(list.text).toContain('<h1>Placeringar</h1>');
      expect(list.headers.get('cache-control')).toBe('no-store');
    });

    it('sign a participant in with an access code and show their page', async () => {
      const provider = await orgWithKey(t, 'provider', 'handler');
      const participant = await createParticipant(t, provider.key, { strengths: ['noggrann'] });
      const issued = await t.call('POST', `/v1/participants/${participant.id}/access-codes`, {
        key: provider.key,
        body: { validDays: 3 },
      });
      expect(issued.status).toBe(201);
      const code = issued.body.code;
      const form = await call('GET', `/me/sign-in?code=${code}`, { key: null, headers: html });
      expect(form.text).toContain(`value="${code}"`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
      const signedIn = await call('POST', '/me/sign-in', {
        key: null,
        raw: new URLSearchParams({ _csrf: csrf, code }).toString(),
        headers: {
          ...html,
          cookie: cookiesOf(form.headers),
          origin: 'https://registry.test',
          'content-type': 'application/x-www-form-urlencoded',
        },
      });
      expect(signedIn.status, signedIn.text.replace(/<[^>]+>/g, ' ').slice(0, 800)).toBe(303);
      const me = await call('GET', '/me', {
        key: null,
        headers: { ...html, cookie: cookiesOf(signedIn.headers) },
      });
      expect(me.status).toBe(200);
      expect(me.text).toContain('noggrann');
      expect(me.headers.get('cache-control')).toBe('no-store');
    });

    it('render the placement agreement for the employer, with the consented contacts only', async () => {
      const w = await placementWorld(t);
      const p = await proposed(t, w, { participantId: w.participant.id });
      await move(t, w.employer.key, p.id, 'accept');
      await t.call('PUT', `/v1/placements/${p.id}/agreement`, { key: w.provider.key, body: agreementBody() });
      const next = `/placements/${p.id}/agreement`;
      const { signedIn, cookie } = await signInWithKey(w.employer.key, next);
      expect(signedIn.headers.get('location')).toBe(next);
      const page = await call('GET', next, { key: null, headers: { ...html, cookie } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Godkänn överenskommelsen');
      expect(page.text).toContain('Kim Berg');
      expect(page.text).not.toContain('Per Ek');
    });

    it('list employers one kind and one page at a time, filtered by name', async () => {
      const provider = await orgWithKey(t, 'provider', 'handler');
      const theirs = (await t.call('GET', `/v1/organizations/${employer.org.id}`, { key: provider.key }))
        .body;
      const { cookie } = await signInWithKey(provider.key, '/employers');
      const part = theirs.name.slice(-4).toUpperCase();
      const page = await call('GET', `/employers?kind=employer&name=${encodeURIComponent(part)}`, {
        key: null,
        headers: { ...html, cookie },
      });
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<a href="/employers/${employer.org.id}">`);
      const none = await call('GET', '/employers?kind=social_enterprise&name=%25', {
        key: null,
        headers: { ...html, cookie },
      });
      expect(none.text).toContain('Inga organisationer här.');
    });

    it('serve the stylesheet from the app', async () => {
      const page = await call('GET', '/', { key: null, headers: { accept: 'text/html' } });
      const href = /href="(\/assets\/style\.css\?v=\w+)"/.exec(page.text)![1]!;
      const css = await call('GET', href, { key: null });
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toContain('text/css');
    });
  });
}
