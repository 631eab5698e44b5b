/**
 * Sign-in in a real browser, on the demo database: the Swedish sign-in page, a demo person's
 * button, the link from the "new proposal" mail (sign in, then the proposal), a mailed sign-in link
 * that works once, a phone-sized screen. axe-core runs on every page visited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed';
import type { Mailer, OutgoingMail } from '../../src/mail';
import { drainAll } from '../mail/support';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  type PageHarness,
  screenshot,
  startPages,
  watch,
} from './pages';

const sent: OutgoingMail[] = [];
const mailer: Mailer = {
  name: 'development',
  async send(m) {
    sent.push(m);
    return { providerId: `test_${m.idempotencyKey}` };
  },
};
let h: PageHarness;
let keys: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  h = await startPages({ deps: { mailer } });
  keys = await seedDemo(h.t.app.services);
  await drainAll(h.t);
}, 60_000);
afterAll(() => h?.close());

const keyOf = (role: string, person?: string) =>
  keys.find((k) => k.role === role && (!person || k.person === person))!.key;

describe('sign-in pages in Chromium', () => {
  it('the Swedish sign-in page lists the demo people; a demo person signs in and out', async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${h.base}/`);
    expect(await page.locator('h1').textContent()).toBe('Logga in');
    await page.getByLabel('API-nyckel', { exact: true }).waitFor();
    await page.getByLabel('E-postadress').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'sign-in');

    await page.getByRole('button', { name: /Maria Ek – arbetsgivare/ }).click();
    await page.waitForURL(`${h.base}/`);
    expect(await page.locator('h1').textContent()).toContain('Maria Ek');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('the link in the employer’s "new proposal" mail opens sign-in, then the proposal', async () => {
    // A handler proposes a demo participant for one of Maria's slots, sharing strengths only.
    const handler = keyOf('handler');
    const maria = keyOf('employer', 'Maria Ek');
    const slots = await h.t.call('GET', '/v1/slots?limit=5', { key: maria });
    const participants = await h.t.call('GET', '/v1/participants?limit=5', { key: handler });
    const proposed = await h.t.call('POST', '/v1/placements', {
      key: handler,
      body: {
        participantId: participants.body.data[0]!.id,
        slotId: slots.body.data[0]!.id,
        disclose: ['strengths'],
      },
    });
    expect(proposed.status).toBe(201);
    await drainAll(h.t);
    const mail = sent.find((m) => m.template === 'placement_proposed')!;
    const link = /https?:\/\/\S+\/placements\/plc_\w+/.exec(mail.text)![0];
    const path = new URL(link).pathname;
    expect(path).toBe(`/placements/${proposed.body.id}`);

    const ctx = await h.context();
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${h.base}${path}`);
    expect(page.url()).toBe(`${h.base}/?next=${encodeURIComponent(path)}`);
    await page.getByText('Logga in för att fortsätta.').waitFor();
    await page.getByLabel('API-nyckel', { exact: true }).fill(maria);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.waitForURL(`${h.base}${path}`);
    await page.getByRole('heading', { name: 'Det deltagaren har valt att visa' }).waitFor();
    expect(await page.locator('section[aria-labelledby=shared] dl.facts').textContent()).toContain('Styrkor');
    // Only what was shared: no adaptation needs, hours or availability.
    const shared = await page.locator('section[aria-labelledby=shared]').textContent();
    expect(shared).not.toMatch(/Anpassningar|Timmar per vecka|Kan arbeta/);
    await expectAccessible(page);
    await screenshot(page, 'proposal');
    const response = await page.goto(`${h.base}${path}`);
    expect(response?.headers()['cache-control']).toBe('no-store');

    await page.getByRole('button', { name: 'Ja, vi tar emot deltagaren' }).click();
    await page.getByText('Du har accepterat förslaget').waitFor();
    expect(await page.locator('dl.facts').first().textContent()).toContain('Accepterad');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('a sign-in link from the mail works once only', async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    await page.goto(`${h.base}/`);
    // Lena (Uppsala municipality) has a key; her address is in the demo data.
    const lena = await h.t.client.execute("select email from users where name = 'Lena Åberg'");
    const email = String(lena.rows[0]!.email);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByRole('button', { name: 'Skicka länk' }).click();
    await page.getByText('inloggningslänk på väg').waitFor();
    await drainAll(h.t);
    const mail = sent.filter((m) => m.template === 'sign_in_link' && m.to === email).at(-1)!;
    const link = /https?:\/\/\S+\/sign-in\/link\/[^\s"<]+/.exec(mail.text)![0];
    const path = new URL(link).pathname;

    await page.goto(`${h.base}${path}`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${h.base}/`);
    expect(await page.locator('h1').textContent()).toContain('Lena Åberg');

    const other = await h.context();
    const second = await other.newPage();
    await second.goto(`${h.base}${path}`);
    await second.getByRole('button', { name: 'Logga in' }).click();
    await second.getByText('redan använd').waitFor();
    expect(await second.getByRole('button', { name: 'Logga ut' }).count()).toBe(0);
    await other.close();
    await ctx.close();
  }, 60_000);

  it('fits a phone: 360 px wide without sideways scrolling, accessible, English on request', async () => {
    const ctx = await h.context({ phone: true });
    const page = await ctx.newPage();
    await page.goto(`${h.base}/`);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    await page.getByRole('link', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: /Anna/ }).first().click();
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.goto(`${h.base}/placements`);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'placements');
    await page.goto(`${h.base}/no-such-page`);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await expectAccessible(page);
    await ctx.close();
  }, 60_000);
});
