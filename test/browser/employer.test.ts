/**
 * An employer and a social enterprise at work in Chromium on the demo database: the slot list, a
 * slot posted through the form (errors beside the fields, the occupation picked by typing a job
 * title), paused; supervisors; work-training capacity. axe-core on every page; a phone's width.
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

describe('employer pages in Chromium', () => {
  it('an employer posts a slot through the form and pauses it', async () => {
    const ctx = await h.context({ phone: true });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: /Maria Ek – arbetsgivare/ }).click();
    await page.getByRole('link', { name: 'Våra platser' }).click();
    await page.getByRole('heading', { name: 'Våra platser', exact: true }).waitFor();
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'slots');

    await page.getByRole('link', { name: 'Lägg till en plats' }).click();
    await page.getByRole('heading', { name: 'Ny plats' }).waitFor();
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    // Sent half-filled: errors beside the fields, the input kept.
    await page.getByLabel('Rubrik').fill('Kaféfrukost');
    await page.getByRole('button', { name: 'Spara platsen' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.getByLabel('Rubrik').inputValue()).toBe('Kaféfrukost');
    expect(await page.locator('#f-description-error').textContent()).toBe('Fyll i fältet.');
    await expectAccessible(page);
    await screenshot(page, 'slot-form-errors');

    // The occupation by typing a job title: the script fetches suggestions into the list.
    const occupation = page.getByLabel('Yrke', { exact: true });
    await occupation.pressSequentially('Bagare/K', { delay: 20 });
    await expect
      .poll(() => page.locator('#occupation-list option').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await occupation.fill('Bagare/Konditor');
    await expect.poll(() => page.locator('input[name="occupation.ssyk"]').inputValue()).toBe('7612');
    await page.getByLabel('Beskrivning').fill('Frukost och bakning i ett lugnt kafé.');
    await page.getByLabel('Arbetsuppgifter').fill('baka frallor\ndiska');
    await page.getByLabel('Kommun').selectOption('0180');
    await page.locator('input[name="schedule.tue.0.start"]').fill('07:00');
    await page.locator('input[name="schedule.tue.0.end"]').fill('11:00');
    await page.getByLabel('Minst timmar per vecka').fill('4');
    await page.getByLabel('Högst timmar per vecka').fill('8');
    await page.getByLabel('Antal platser').fill('1');
    await page.getByRole('checkbox', { name: /Maria Ek/ }).check();
    await page.locator('input[name="adaptations.quiet_workspace"][value="in_place"]').check();
    await page.getByRole('button', { name: 'Spara platsen' }).click();
    await page.getByText('Platsen är sparad.').waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Bagare/Konditor (SSYK 7612)');
    expect(await page.locator('dl.facts').textContent()).toContain('tis 07:00–11:00');
    await expectAccessible(page);
    await screenshot(page, 'slot');

    await page.getByRole('button', { name: 'Pausa' }).click();
    await page.getByText('Platsen är nu: pausad.').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  }, 90_000);

  it('supervisors and work-training capacity', async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: /Nadia Karlsson – socialt företag/ }).click();
    await page.getByRole('link', { name: 'Handledare' }).click();
    await page.getByRole('heading', { name: 'Handledare', exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Lägg till en handledare' }).click();
    await page.getByLabel('Namn').fill('Sam Lind');
    await page.getByLabel('E-postadress').fill('sam@macken.example');
    await page.getByLabel('Hur många deltagare samtidigt?').fill('2');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Handledaren är sparad.').waitFor();
    expect(await page.locator('main').textContent()).toContain('Sam Lind');

    await page.getByRole('link', { name: 'Arbetsträning' }).click();
    await page.getByRole('heading', { name: 'Arbetsträning', exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Lägg till kapacitet' }).click();
    await expectAccessible(page);
    await screenshot(page, 'capacity-form');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);
});
