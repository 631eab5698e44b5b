/**
 * Sign-in, sessions and CSRF on the pages, over real HTTP handling (app.request) and a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer, OutgoingMail } from '../../src/mail';
import { createTestApp, type TestApp } from '../helpers/app';
import { orgWithKey } from '../helpers/factories';
import { pageClient } from './client';

let t: TestApp;
const sent: OutgoingMail[] = [];
const mailer: Mailer = {
  name: 'development',
  async send(m) {
    sent.push(m);
    return { providerId: `test_${m.idempotencyKey}` };
  },
};
let employer: Awaited<ReturnType<typeof orgWithKey>>;

beforeAll(async () => {
  t = await createTestApp({ deps: { mailer }, env: { AUTH_FAILURE_LIMIT: '3' } });
  employer = await orgWithKey(t, 'employer', 'employer');
});
afterAll(() => t.close());

async function emailOf(app: TestApp, userId: string) {
  const rows = await app.client.execute({ sql: 'select email from users where id = ?', args: [userId] });
  return String(rows.rows[0]!.email);
}

const linkIn = (m: OutgoingMail) => /https?:\/\/\S+\/sign-in\/link\/[^\s"<]+/.exec(m.text)![0];

describe('signed out', () => {
  it('GET / is the Swedish sign-in page: an email field and a field labelled API-nyckel', async () => {
    const page = await pageClient(t).get('/');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="sv">');
    expect(page.html).toMatch(/<label for="f-email">E-postadress<\/label>/);
    expect(page.html).toMatch(/<label for="f-key">API-nyckel<\/label>/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    // Not a demo database: no demo people.
    expect(page.html).not.toContain('Demo: logga in som');
  });

  it('a page behind sign-in sends the visitor to sign in, then back to that page', async () => {
    const browser = pageClient(t);
    const first = await browser.get('/placements?x=1');
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/?next=${encodeURIComponent('/placements?x=1')}`);
    await browser.get(first.location!);
    expect(browser.lastHtml()).toContain('value="/placements?x=1"');
    const signedIn = await browser.post('/sign-in/key', { key: employer.key, next: '/placements?x=1' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/placements?x=1');
  });

  it('never returns to another site after sign-in', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const res = await browser.post('/sign-in/key', { key: employer.key, next: '//evil.example/x' });
    expect(res.location).toBe('/');
  });

  it('an unknown page is a 404 page in the site’s frame; the API keeps its problem documents', async () => {
    const page = await pageClient(t).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.html).toContain('Sidan finns inte');
    const api = await t.app.request('/v1/no-such-route', { headers: { authorization: 'Bearer x' } });
    expect(api.headers.get('content-type')).toContain('problem+json');
  });
});

describe('session cookie and sign-out', () => {
  it('is HttpOnly, SameSite=Lax, Secure outside development; the session is stored server-side and ends at sign-out', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const res = await browser.post('/sign-in/key', { key: employer.key, next: '/' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('se_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const token = browser.jar.get('se_session')!;
    const rows = await t.client.execute('select id from web_sessions');
    expect(rows.rows.map((r) => r.id)).not.toContain(token);
    expect(rows.rows.length).toBeGreaterThan(0);

    const home = await browser.get('/');
    expect(home.html).toContain('Logga ut');
    const out = await browser.post('/sign-out', {});
    expect(out.status).toBe(303);
    // The old cookie is dead even if someone kept it.
    browser.jar.set('se_session', token);
    const after = await browser.get('/');
    expect(after.html).toContain('API-nyckel');
    expect(after.html).not.toContain('Logga ut');
  });

  it('is not Secure in development (plain http://localhost)', async () => {
    const dev = await createTestApp({ env: { NODE_ENV: 'development' } });
    try {
      const { key } = await orgWithKey(dev, 'employer', 'employer');
      const browser = pageClient(dev);
      await browser.get('/');
      const res = await browser.post('/sign-in/key', { key, next: '/' });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('se_session='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).not.toMatch(/Secure/);
    } finally {
      await dev.close();
    }
  });

  it('ends when the key it was opened with is revoked', async () => {
    const other = await orgWithKey(t, 'employer', 'employer');
    const browser = pageClient(t);
    await browser.signInWithKey(other.key);
    expect((await browser.get('/')).html).toContain('Logga ut');
    await t.call('DELETE', `/v1/organizations/${other.org.id}/api-keys/${other.id}`);
    expect((await browser.get('/')).html).not.toContain('Logga ut');
  });
});

describe('cross-site request forgery', () => {
  it('refuses a form without the page’s token, or from another origin, and changes nothing', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const noToken = await browser.post('/sign-in/key', { key: employer.key, next: '/', _csrf: 'forged' });
    expect(noToken.status).toBe(403);
    expect(noToken.html).toContain('Formuläret har gått ut');
    expect(browser.jar.has('se_session')).toBe(false);
    await browser.get('/');
    const foreign = await browser.post(
      '/sign-in/key',
      { key: employer.key, next: '/' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(browser.jar.has('se_session')).toBe(false);
  });

  it('a signed-in form needs the session’s own token: sign-out with another token does nothing', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    const res = await browser.post('/sign-out', { _csrf: 'not-the-session-token' });
    expect(res.status).toBe(403);
    expect((await browser.get('/')).html).toContain('Logga ut');
  });
});

describe('wrong keys', () => {
  it('say so beside the field, keep nothing, and are rate limited like the API’s', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const wrong = await browser.post('/sign-in/key', { key: 'sek_wrongwrongwrong', next: '/' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(/id="f-key-error">Nyckeln är okänd eller återkallad/);
    expect(wrong.html).toContain('aria-invalid="true"');
    let last = wrong;
    for (let i = 0; i < 4; i++)
      last = await browser.post('/sign-in/key', { key: `sek_wrong${i}wrongwrong`, next: '/' });
    expect(last.status).toBe(429);
    expect(last.html).toContain('För många försök');
  });
});

describe('sign-in link by mail', () => {
  it('is sent through the outbox to a person with a key, works once, and returns to the page asked for', async () => {
    const email = await emailOf(t, employer.userId);
    const browser = pageClient(t);
    await browser.get('/?next=%2Fplacements');
    const asked = await browser.post('/sign-in/email', { email: email.toUpperCase(), next: '/placements' });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('inloggningslänk på väg');
    await t.app.drainOutbox();
    const mail = sent.find((m) => m.template === 'sign_in_link' && m.to === email)!;
    expect(mail.subject).toContain('inloggningslänk');
    const link = linkIn(mail);
    const path = new URL(link).pathname;

    // The mail's page only shows a button (a mail scanner's GET uses nothing).
    const visitor = pageClient(t);
    const landing = await visitor.get(path);
    expect(landing.status).toBe(200);
    expect(landing.html).toContain('Logga in med länken');
    const used = await visitor.post(path, {});
    expect(used.status).toBe(303);
    expect(used.location).toBe('/placements');
    expect(visitor.jar.has('se_session')).toBe(true);

    const again = pageClient(t);
    await again.get(path);
    const second = await again.post(path, {});
    expect(second.status).toBe(400);
    expect(second.html).toContain('redan använd');
    expect(again.jar.has('se_session')).toBe(false);
  });

  it('answers the same for an address nobody has, and sends nothing', async () => {
    const links = () => sent.filter((m) => m.template === 'sign_in_link').length;
    await t.app.drainOutbox();
    const before = links();
    const browser = pageClient(t);
    await browser.get('/');
    const res = await browser.post('/sign-in/email', { email: 'nobody@nowhere.example', next: '/' });
    expect(res.html).toContain('inloggningslänk på väg');
    await t.app.drainOutbox();
    expect(links()).toBe(before);
  });

  it('expires after 15 minutes', async () => {
    let now = new Date('2027-03-01T08:00:00Z');
    const timed = await createTestApp({ deps: { mailer }, clock: () => now });
    try {
      const person = await orgWithKey(timed, 'employer', 'employer');
      const browser = pageClient(timed);
      await browser.get('/');
      const email = await emailOf(timed, person.userId);
      await browser.post('/sign-in/email', { email, next: '/' });
      await timed.app.drainOutbox();
      const mail = sent.filter((m) => m.to === email && m.template === 'sign_in_link').at(-1)!;
      const path = new URL(linkIn(mail)).pathname;
      now = new Date('2027-03-01T08:15:01Z');
      await browser.get(path);
      const late = await browser.post(path, {});
      expect(late.status).toBe(400);
    } finally {
      await timed.close();
    }
  });

  it('the notifications API never shows a sign-in mail’s text (it would sign the reader in)', async () => {
    const rows = await t.client.execute(
      "select id from notifications where template = 'sign_in_link' limit 1",
    );
    const id = String(rows.rows[0]!.id);
    const read = await t.call('GET', `/v1/notifications/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.content.text).not.toContain('/sign-in/link/');
  });
});
