/**
 * The search page's remaining parts and social enterprises' capacity in Chromium on the demo
 * database, on a phone (360 px), and the form with JavaScript turned off (it must work without):
 * capacity hits with the listing filter and the listing's page, matched words marked, the SSYK unit
 * group below the occupation area, several municipalities at once, and the capacity that fits a
 * participant. axe-core, no sideways scroll and no CSP violation on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  type PageHarness,
  screenshot,
  startPages,
  watch,
} from './pages';

let h: PageHarness;
let keys: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  h = await startPages();
  keys = await seedDemo(h.t.app.services);
  // Every index task the demo queued (a drain takes one batch).
  while ((await h.t.app.drainOutbox()).claimed > 0);
}, 60_000);
afterAll(() => h?.close());

describe('search and work-training capacity in Chromium, on a phone', () => {
  it('capacity hits, the listing page, marks, unit groups, municipalities, capacity for a participant', async () => {
    const context = await h.context({ phone: true });
    const page = await context.newPage();
    const problems = watch(page);
    const check = async (name?: string) => {
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
      if (name) await screenshot(page, name);
    };
    const search = async () => {
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await page.locator('#results').waitFor();
    };
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: /Anna Lind – SE-handledare/ }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Sök platser' }).click();

    // Only work training at social enterprises, by an activity area's word: marked in the hit.
    await page.getByLabel('Sökord').fill('cykelverkstad');
    await page.getByLabel('Visa', { exact: true }).selectOption('capacity');
    await search();
    const hit = page.locator('ol.plain li').first();
    expect(await hit.textContent()).toContain('Arbetsträning hos socialt företag');
    expect(await page.locator('ol.plain li a[href^="/slots/"]').count()).toBe(0);
    expect(await hit.locator('mark').count()).toBeGreaterThan(0);
    await check('search-capacity');
    await hit.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Arbetsträning i café/ }).waitFor();
    expect(await page.locator('main').textContent()).toContain('cykelverkstad');
    expect(await page.getByRole('link', { name: 'Kontakta företaget' }).count()).toBe(1);
    await check('capacity-listing');

    // Slots only, an occupation area, then one unit group below it (offered with its count).
    await page.goto(`${h.base}/search`);
    await page.getByLabel('Visa', { exact: true }).selectOption('slot');
    await page.getByText('Filter', { exact: true }).click();
    await page.getByLabel('Yrkesområde').selectOption('9');
    await search();
    const groups = await page
      .getByLabel('Yrke', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    const group = groups.find((g) => /^9\d{3}$/.test(g));
    expect(group, groups.join(',')).toBeTruthy();
    expect(groups.filter(Boolean).every((g) => g.startsWith('9'))).toBe(true);
    await page.getByLabel('Yrke', { exact: true }).selectOption(group!);
    await search();
    expect(await page.locator('#results').textContent()).toMatch(/\d+ platser?/);
    expect(await page.locator('ol.plain li a[href^="/capacity/"]').count()).toBe(0);
    await check('search-unit-group');

    // Two municipalities at once: both stay chosen, hits from both and no other.
    await page.goto(`${h.base}/search?listing=slot`);
    const municipalities = await page
      .getByLabel('Kommun', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    const two = municipalities.slice(0, 2);
    expect(two).toHaveLength(2);
    await page.getByLabel('Kommun', { exact: true }).selectOption(two);
    await search();
    const chosen = await page
      .getByLabel('Kommun', { exact: true })
      .locator('option:checked')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(chosen.sort()).toEqual([...two].sort());
    expect(page.url()).toContain(`municipalityCode=${two[0]}`);
    expect(page.url()).toContain(`municipalityCode=${two[1]}`);
    await check('search-municipalities');

    // The capacity that fits one of Anna's participants, from the participant's page.
    const anna = keys.find((k) => k.person === 'Anna Lind')!.key;
    const mine = (await h.t.call('GET', '/v1/participants?handlerId=me&limit=100', { key: anna })).body.data;
    let fitting: { id: string; reference: string } | undefined;
    for (const p of mine) {
      const res = await h.t.call('GET', `/v1/participants/${p.id}/capacity-matches`, { key: anna });
      if (res.body.data.length > 0) {
        fitting = p;
        break;
      }
    }
    expect(fitting, 'a demo participant with capacity that fits').toBeTruthy();
    await page.goto(`${h.base}/participants/${fitting!.id}`);
    await page.getByRole('link', { name: 'Arbetsträning hos sociala företag' }).click();
    await page
      .getByRole('heading', { level: 1, name: `Arbetsträning som passar ${fitting!.reference}` })
      .waitFor();
    expect(await page.locator('article.card').count()).toBeGreaterThan(0);
    expect(await page.locator('article.card').first().textContent()).toContain('Det som passar');
    await check('capacity-matches');

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('the filters work without JavaScript: several municipalities and a listing kind in one GET form', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: /Anna Lind – SE-handledare/ }).click();
    await page.goto(`${h.base}/search?listing=slot`);
    const codes = await page
      .getByLabel('Kommun', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    await page.getByLabel('Kommun', { exact: true }).selectOption(codes.slice(0, 2));
    await page.getByLabel('Sökord').fill('lager');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.locator('#results').waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.getAll('municipalityCode').sort()).toEqual(codes.slice(0, 2).sort());
    expect(url.searchParams.get('listing')).toBe('slot');
    expect(await page.locator('ol.plain li a[href^="/capacity/"]').count()).toBe(0);
    await context.close();
  }, 60_000);
});
