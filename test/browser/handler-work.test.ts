/**
 * A handler's working pages in Chromium on the demo database, on a phone (360 px): the slot search
 * with its filters, candidates for a slot, sharing out places among a group, editing a participant,
 * a placement's timeline with its check-in form, the employer page with the contact log, the
 * employer list (by name, paged both ways, filtered), the follow-ups and the account page. axe-core
 * and the no-sideways-scroll check on every page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed';
import { localDate } from '../../src/lib/local-time';
import { agreed } from '../placements/helpers';
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
  await h.t.app.drainOutbox();
}, 60_000);
afterAll(() => h?.close());

async function check(page: Page, name?: string) {
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
  if (name) await screenshot(page, name);
}

/** Today as the pages see it: the Swedish calendar day (between 23:00 and 00:00 UTC it is tomorrow's). */
const today = () => localDate(new Date());

/** A started placement of Anna's, with this week's hours, made through the API. */
async function startedPlacement() {
  const anna = keys.find((k) => k.person === 'Anna Lind')!.key;
  const mine = await h.t.call('GET', '/v1/participants?handlerId=me', { key: anna });
  const participant = mine.body.data[0]!;
  const matches = await h.t.call('GET', `/v1/participants/${participant.id}/matches`, { key: anna });
  const slotId = matches.body.data[0]!.slotId;
  const placed = await h.t.call('POST', '/v1/placements', {
    key: anna,
    body: { participantId: participant.id, slotId, disclose: ['strengths'] },
  });
  const row = await h.t.client.execute({
    sql: 'select o.name as org from placements p join organizations o on o.id = p.employer_organization_id where p.id = ?',
    args: [placed.body.id],
  });
  const employer = keys.find((k) => k.organization === String(row.rows[0]!.org))!.key;
  await h.t.call('POST', `/v1/placements/${placed.body.id}/accept`, { key: employer, body: {} });
  await agreed(h.t, { provider: anna, employer }, placed.body.id);
  await h.t.call('POST', `/v1/placements/${placed.body.id}/start`, { key: anna, body: {} });
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  await h.t.call('POST', `/v1/placements/${placed.body.id}/hours`, {
    key: anna,
    body: { weekStart: d.toISOString().slice(0, 10), hours: 6 },
  });
  return placed.body.id;
}

describe('a handler’s working pages in Chromium, on a phone', () => {
  it('search, candidates, allocation, edit, timeline, employer, follow-ups, account', async () => {
    const placementId = await startedPlacement();
    const page = await (await h.context({ phone: true })).newPage();
    const problems = watch(page);
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: /Anna Lind – SE-handledare/ }).click();

    // The slot search: words, then a filter, then distance from a participant.
    await page.getByRole('navigation').getByRole('link', { name: 'Sök platser' }).click();
    await page.getByRole('heading', { name: 'Sök platser', exact: true }).waitFor();
    await check(page, 'search');
    await page.getByLabel('Sökord').fill('café');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.locator('#results').waitFor();
    expect(await page.locator('#results').textContent()).toMatch(/\d+ platser?|Inga platser/);
    await page.getByLabel('Avstånd från').selectOption({ index: 2 });
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.locator('#results').waitFor();
    await check(page, 'search-results');

    // Candidates for the first slot found.
    await page.getByLabel('Sökord').fill('');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.locator('ol.plain h3 a[href^="/slots/"]').first().click();
    await page.getByRole('link', { name: 'Deltagare som passar' }).click();
    await page.getByRole('heading', { name: /Deltagare som passar/ }).waitFor();
    await check(page, 'candidates');

    // Sharing out places among the whole caseload.
    await page.goto(`${h.base}/participants`);
    await page.getByRole('link', { name: 'Fördela platser för flera deltagare' }).click();
    await page.getByRole('button', { name: 'Fördela' }).click();
    await page.locator('#f-participantIds-error').waitFor();
    await check(page);
    const boxes = page.getByRole('checkbox');
    for (let i = 0; i < Math.min(4, await boxes.count()); i++) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'Fördela' }).click();
    await page.getByRole('heading', { name: 'Förslag på fördelning' }).waitFor();
    expect(await page.locator('#result').locator('..').textContent()).toMatch(/fick en plats/);
    await check(page, 'allocation');

    // Editing a participant: personal data refused beside the field, then saved.
    await page.goto(`${h.base}/participants`);
    await page.locator('tbody a').first().click();
    await page.getByRole('link', { name: 'Ändra uppgifterna' }).click();
    await page.getByLabel('Styrkor').fill('noggrann, ring 070-123 45 67');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.locator('#f-strengths-error').waitFor();
    expect(await page.getByLabel('Styrkor').inputValue()).toContain('070-123 45 67');
    await check(page, 'participant-edit');
    await page.getByLabel('Styrkor').fill('noggrann, lugn');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();

    // The timeline: states, the hours chart, a check-in recorded through its form.
    await page.goto(`${h.base}/placements/${placementId}`);
    await page.getByRole('heading', { name: 'Förlopp' }).waitFor();
    expect(await page.locator('svg.chart').count()).toBe(1);
    await page.locator('#f-checkIn-date').fill(today());
    await page.getByRole('radio', { name: 'Deltagaren' }).check();
    await page.locator('#f-checkIn-note').fill('Trivs, vill öka till 8 timmar');
    await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
    await page.getByText('Uppföljningen är sparad.').waitFor();
    expect(await page.locator('#check-in').textContent()).toContain('Trivs, vill öka till 8 timmar');
    await check(page, 'timeline');

    // The employer page: log a contact with a next step.
    await page.getByRole('link', { name: 'Arbetsgivarens sida' }).click();
    await page.getByRole('heading', { name: /^Arbetsgivare: / }).waitFor();
    await page.getByRole('radio', { name: 'Besök' }).check();
    await page.getByLabel('Vad kom ut av kontakten').fill('Kan ta emot en till i vår');
    await page.getByLabel('Nästa steg (frivilligt)', { exact: true }).fill('Ring om startdatum');
    await page.getByLabel('Nästa steg senast (frivilligt)').fill(today());
    await page.getByRole('button', { name: 'Spara kontakten' }).click();
    await page.getByText('Kontakten är sparad.').waitFor();
    await check(page, 'employer');
    await page.getByRole('navigation').getByRole('link', { name: 'Arbetsgivare' }).click();
    expect(await page.locator('section[aria-labelledby=due]').textContent()).toContain('Ring om startdatum');
    await check(page);
    // By name, two a page: "Föregående" and "Nästa" in a labelled nav that says which page this is.
    const listed = () => page.locator('section[aria-labelledby=all] tbody td:first-child').allTextContents();
    const pager = page.getByRole('navigation', { name: 'Sidor i listan' });
    await page.goto(`${h.base}/employers?kind=employer&limit=2`);
    expect(await pager.locator('[aria-current=page]').textContent()).toBe('Sida 1');
    expect(await listed()).toEqual(['Café Kanelbullen AB', 'Grönt & Skönt Trädgård AB']);
    await pager.getByRole('link', { name: 'Nästa' }).click();
    await pager.getByText('Sida 2').waitFor();
    expect(await listed()).toEqual(['Huddinge Bilverkstad AB', 'Lagerhuset Logistik AB']);
    await check(page, 'employer-list-page-2');
    await pager.getByRole('link', { name: 'Föregående' }).click();
    await pager.getByText('Sida 1').waitFor();
    expect(await listed()).toEqual(['Café Kanelbullen AB', 'Grönt & Skönt Trädgård AB']);
    // The name filter folds Swedish letters: "GRÖNT" finds "Grönt".
    await page.getByLabel('Namnet innehåller').fill('GRÖNT & SKÖNT');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/name=/);
    expect(await listed()).toEqual(['Grönt & Skönt Trädgård AB']);
    await check(page);

    await page.getByRole('navigation').getByRole('link', { name: 'Uppföljningar' }).click();
    await page.getByRole('heading', { name: 'Uppföljningar' }).waitFor();
    await check(page);
    await page.getByRole('link', { name: 'Mitt konto' }).click();
    await page.getByRole('heading', { name: 'Dina API-nycklar' }).waitFor();
    await check(page, 'account');
    expect(problems).toEqual([]);
  }, 180_000);

  it('registers a participant with ramp-up steps and preferences, then edits them', async () => {
    const page = await (await h.context({ phone: true })).newPage();
    const problems = watch(page);
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: /Anna Lind – SE-handledare/ }).click();
    // The sign-in answers with a redirect to the start page: a goto before it has loaded aborts it.
    await page.getByRole('navigation').getByRole('link', { name: 'Sök platser' }).waitFor();
    await page.goto(`${h.base}/participants/new`);
    await page.getByLabel('Kod').fill('SE-RAMP-360');
    await page.locator('#f-availability-mon-0-start').fill('08:00');
    await page.locator('#f-availability-mon-0-end').fill('12:00');
    await page.getByLabel('Timmar per vecka nu').fill('4');
    await page.getByLabel('Mål, timmar per vecka').fill('16');
    await page.getByLabel('Steg 1: efter antal veckor').fill('4');
    await page.getByLabel('Steg 1: timmar per vecka').fill('8');
    await page.getByLabel('Steg 2: efter antal veckor').fill('8');
    await page.getByLabel('Steg 2: timmar per vecka').fill('20'); // over the target
    await page.getByLabel('Kommun', { exact: true }).selectOption('0180');
    const social = page.getByRole('group', { name: 'Kontakt med kunder och kollegor' });
    await social.getByRole('radio', { name: 'Låg' }).check();
    await page.getByRole('checkbox', { name: 'Arbetsträning' }).check();
    await page.getByRole('checkbox', { name: 'Praktik' }).check();
    await page.getByRole('button', { name: 'Spara deltagaren' }).click();

    // The step's error beside its row, everything typed kept.
    await page.locator('#f-rampUp-1-error').waitFor();
    expect(await page.locator('#f-rampUp-1-error').textContent()).toContain('Kan inte vara mer än målet');
    expect(await page.getByLabel('Steg 2: timmar per vecka').inputValue()).toBe('20');
    expect(await social.getByRole('radio', { name: 'Låg' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Praktik' }).isChecked()).toBe(true);
    await check(page, 'participant-ramp-up-error');
    await page.getByLabel('Steg 2: timmar per vecka').fill('12');
    await page.getByRole('button', { name: 'Spara deltagaren' }).click();
    await page.getByText('Deltagaren är registrerad.').waitFor();
    const id = /\/participants\/(prt_\w+)/.exec(page.url())![1]!;

    // Editing shows what is stored; a third step and one kind less are saved.
    await page.getByRole('link', { name: 'Ändra uppgifterna' }).click();
    expect(await page.getByLabel('Steg 2: timmar per vecka').inputValue()).toBe('12');
    expect(await page.getByRole('checkbox', { name: 'Arbetsträning' }).isChecked()).toBe(true);
    await check(page, 'participant-ramp-up-edit');
    await page.getByLabel('Steg 3: efter antal veckor').fill('12');
    await page.getByLabel('Steg 3: timmar per vecka').fill('16');
    await page.getByRole('checkbox', { name: 'Praktik' }).uncheck();
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
    const anna = keys.find((k) => k.person === 'Anna Lind')!.key;
    const stored = (await h.t.call('GET', `/v1/participants/${id}`, { key: anna })).body;
    expect(stored.rampUp).toEqual([
      { afterWeeks: 4, hoursPerWeek: 8 },
      { afterWeeks: 8, hoursPerWeek: 12 },
      { afterWeeks: 12, hoursPerWeek: 16 },
    ]);
    expect(stored.preferences).toEqual({ socialIntensity: 'low', kinds: ['work_training'] });
    expect(problems).toEqual([]);
  }, 120_000);
});
