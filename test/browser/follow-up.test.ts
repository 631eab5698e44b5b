/**
 * The coordinator's follow-up pages in Chromium on the demo database, phone-sized (360 px): reached
 * from the menu, every report page axe-clean, no sideways scrolling, no CSP violation (the charts are
 * SVG attributes and stylesheet rules, no inline styles).
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

beforeAll(async () => {
  h = await startPages();
  await seedDemo(h.t.app.services);
}, 60_000);
afterAll(() => h?.close());

describe('follow-up pages in Chromium', () => {
  it('a coordinator opens each report on a phone', async () => {
    const page = await (await h.context({ phone: true })).newPage();
    const problems = watch(page);
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: /Eva Berg/ }).click();
    await page.getByRole('link', { name: 'Rapporter', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Uppföljning', exact: true }).waitFor();
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    for (const [link, heading] of [
      ['Resultat', 'Resultat'],
      ['IPS-processmått', 'IPS-processmått'],
      ['Utbud och efterfrågan', 'Utbud och efterfrågan'],
      ['Samhällsekonomi', 'Samhällsekonomi'],
      ['Kalkyl för en person', 'Kalkyl för en person'],
    ]) {
      await page.goto(`${h.base}/follow-up`);
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
    }
    // One person's calculation: change the wage, the figures follow.
    await page.getByLabel('Lön efter, kr per månad').fill('23000');
    await page.getByRole('button', { name: 'Räkna' }).click();
    await page.getByText('510 319 kr').first().waitFor();
    await screenshot(page, 'follow-up-person');
    expect(problems).toEqual([]);
  }, 180_000);
});
