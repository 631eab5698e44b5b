/**
 * The placement flow in Chromium on the demo database: a handler finds a slot among a participant's
 * matches and proposes it with a disclosure; the employer sees only the disclosed fields and accepts;
 * the handler starts the placement and records hours; both see them. axe-core on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed';
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
}, 60_000);
afterAll(() => h?.close());

/** Monday of this week (UTC), as the hours form wants it. */
function thisMonday() {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

describe('the placement flow in Chromium', () => {
  it('propose from the matches, accept, start, record hours', async () => {
    const handler = await (await h.context()).newPage();
    const problems = watch(handler);
    await handler.goto(`${h.base}/`);
    await handler.getByRole('button', { name: /Anna Lind – SE-handledare/ }).click();
    await handler.getByRole('link', { name: 'Deltagare' }).click();
    await handler.getByRole('heading', { name: 'Deltagare', exact: true }).waitFor();
    await expectAccessible(handler);
    await screenshot(handler, 'caseload');
    // A new participant through the form: a code, never a name.
    await handler.getByRole('link', { name: 'Registrera en deltagare' }).click();
    await handler.getByRole('heading', { name: 'Ny deltagare' }).waitFor();
    await expectAccessible(handler);
    await handler.getByLabel('Kod', { exact: true }).fill('Anna Svensson');
    await handler.getByLabel('Styrkor').fill('noggrann, tålmodig');
    await handler.getByLabel('Intressen').fill('bakning, bageri');
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      await handler.locator(`input[name="availability.${day}.0.start"]`).fill('08:00');
      await handler.locator(`input[name="availability.${day}.0.end"]`).fill('13:00');
    }
    await handler.getByLabel('Timmar per vecka nu').fill('6');
    await handler.getByLabel('Mål, timmar per vecka').fill('20');
    await handler.getByLabel('Kommun').selectOption('0126');
    await handler.getByRole('button', { name: 'Spara deltagaren' }).click();
    await handler.locator('#f-reference-error').waitFor();
    expect(await handler.locator('#f-reference-error').textContent()).toContain('inte ett namn');
    await expectAccessible(handler);
    await handler.getByLabel('Kod', { exact: true }).fill('SE-2027-900');
    await handler.getByRole('button', { name: 'Spara deltagaren' }).click();
    await handler.getByText('Deltagaren är registrerad.').waitFor();
    await handler.getByRole('heading', { name: 'Platser som passar' }).waitFor();
    expect(await handler.locator('article.card').count()).toBeGreaterThan(0);
    expect(await handler.locator('article.card').first().textContent()).toMatch(/% passar/);
    await expectAccessible(handler);
    await screenshot(handler, 'matches');

    const first = handler.locator('article.card').first();
    const slotTitle = (await first.locator('h3').textContent())!.trim();
    await first.getByRole('link', { name: /Föreslå/ }).click();
    await handler.getByRole('heading', { name: `Föreslå till ${slotTitle}` }).waitFor();
    await handler.getByRole('checkbox', { name: 'Styrkor' }).check();
    await expectAccessible(handler);
    await handler.getByRole('button', { name: 'Skicka förslaget' }).click();
    await handler.getByText('Förslaget är skickat.').waitFor();
    const placementUrl = handler.url().split('?')[0]!;
    const placementId = placementUrl.split('/').pop()!;

    // The employer of that slot signs in with the key and answers.
    const row = await h.t.client.execute({
      sql: 'select o.name as org from placements p join organizations o on o.id = p.employer_organization_id where p.id = ?',
      args: [placementId],
    });
    const employerKey = keys.find((k) => k.organization === String(row.rows[0]!.org))!.key;
    const employer = await (await h.context({ phone: true })).newPage();
    await employer.goto(placementUrl);
    await employer.getByLabel('API-nyckel', { exact: true }).fill(employerKey);
    await employer.getByRole('button', { name: 'Logga in', exact: true }).click();
    await employer.waitForURL(placementUrl);
    const shared = await employer.locator('section[aria-labelledby=shared]').textContent();
    expect(shared).toContain('Styrkor');
    expect(shared).not.toMatch(/Intressen|Anpassningar|Timmar per vecka|Kan arbeta/);
    await expectNoSidewaysScroll(employer);
    await expectAccessible(employer);
    await employer.getByRole('button', { name: 'Ja, vi tar emot deltagaren' }).click();
    await employer.getByText('Du har accepterat förslaget').waitFor();
    // The agreement all three approve (its own pages: test/browser/agreement.test.ts).
    await agreed(h.t, { provider: 'sek_demo_handler_anna', employer: employerKey }, placementId);

    await handler.goto(placementUrl);
    await handler.getByRole('button', { name: 'Starta' }).click();
    await handler.getByText('Placeringen har startat.').waitFor();
    await handler.getByLabel('Veckan som börjar (måndag)').fill(thisMonday());
    await handler.getByLabel('Timmar den veckan').fill('6');
    await expectAccessible(handler);
    await handler.getByRole('button', { name: 'Spara timmarna' }).click();
    await handler.getByText('Timmarna är sparade.').waitFor();
    expect(await handler.locator('section[aria-labelledby=hours] table').textContent()).toContain('6');
    await screenshot(handler, 'placement');

    await employer.reload();
    expect(await employer.locator('dl.facts').first().textContent()).toContain('Pågår');
    expect(await employer.locator('section[aria-labelledby=hours] table').textContent()).toContain(
      thisMonday(),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
