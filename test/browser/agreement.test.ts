/**
 * The placement agreement in Chromium (issue #16): a start is refused without approvals; the handler
 * writes the agreement (an error shown beside its field), approves as the handler and on the
 * participant's behalf with a reason; the employer, on a phone, sees only the consented support
 * contacts and approves; a change withdraws every approval and the start is refused again, naming who
 * has not approved; after three approvals it starts. axe-core on every page; the page prints without
 * menus and forms.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moved, placementWorld, proposed, type World } from '../placements/helpers';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  type PageHarness,
  screenshot,
  startPages,
  watch,
} from './pages';

let h: PageHarness;
let w: World;
let placementId: string;

beforeAll(async () => {
  h = await startPages();
  w = await placementWorld(h.t);
  placementId = (await proposed(h.t, w, { participantId: w.participant.id })).id;
  await moved(h.t, w.employer.key, placementId, 'accept', {});
}, 60_000);
afterAll(() => h?.close());

async function signIn(page: Page, url: string, key: string) {
  await page.goto(url);
  await page.getByLabel('API-nyckel', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(url);
}

async function approveAsHandler(page: Page) {
  await page.getByRole('button', { name: 'Godkänn som SE-handledare' }).click();
  await page.getByText('Ditt godkännande är sparat.').waitFor();
  await page.getByLabel('Skäl').fill('Deltagaren godkände muntligt vid trepartsmötet.');
  await page.getByRole('button', { name: 'Godkänn för deltagarens räkning' }).click();
  await page.getByText('Ditt godkännande är sparat.').waitFor();
}

describe('the placement agreement in Chromium', () => {
  it('three parties approve, a change withdraws the approvals, start waits for all three', async () => {
    const placementUrl = `${h.base}/placements/${placementId}`;
    const agreementUrl = `${placementUrl}/agreement`;
    const handler = await (await h.context()).newPage();
    const problems = watch(handler);
    await signIn(handler, placementUrl, w.provider.key);

    // No agreement yet: the start is refused in plain words.
    await handler.getByRole('button', { name: 'Starta' }).click();
    await handler.getByText('Placeringen kan starta när överenskommelsen är skriven').waitFor();
    await expectAccessible(handler);

    await handler.getByRole('link', { name: 'Överenskommelsen' }).click();
    await handler.getByRole('heading', { name: 'Skriv överenskommelsen' }).waitFor();
    await expectAccessible(handler);
    await handler.getByLabel('Arbetsuppgifter').fill('Plocka varor\nPacka beställningar');
    await handler.getByRole('checkbox', { name: 'Bygga rutiner' }).check();
    await handler.getByLabel('Timmar per vecka i början').fill('4');
    await handler.getByLabel('Steg 1: från vecka').fill('3');
    await handler.getByLabel('Steg 1: timmar per vecka').fill('8');
    await handler.locator('input[name="schedule.mon.0.start"]').fill('09:00');
    await handler.locator('input[name="schedule.mon.0.end"]').fill('13:00');
    await handler.getByRole('checkbox', { name: 'Tyst arbetsplats' }).check();
    await handler.getByLabel('Startdatum').fill('2026-02-02');
    await handler.getByLabel('Datum för avstämning').fill('2026-01-15'); // before the start: refused
    await handler.locator('select[name="supportTeam.0.party"]').selectOption('arbetsformedlingen');
    await handler.locator('input[name="supportTeam.0.name"]').fill('Kim Berg');
    await handler.locator('input[name="supportTeam.0.role"]').fill('arbetsförmedlare');
    await handler.locator('input[name="supportTeam.0.consent"]').check();
    await handler.locator('select[name="supportTeam.1.party"]').selectOption('forsakringskassan');
    await handler.locator('input[name="supportTeam.1.name"]').fill('Per Ek');
    await handler.getByRole('button', { name: 'Spara överenskommelsen' }).click();
    await handler.locator('#f-dates-review-error').waitFor();
    expect(await handler.locator('#f-dates-review-error').textContent()).toContain('före startdatumet');
    expect(await handler.getByLabel('Arbetsuppgifter').inputValue()).toContain('Packa beställningar');
    await expectAccessible(handler);
    await handler.getByLabel('Datum för avstämning').fill('2026-03-02');
    await handler.getByRole('button', { name: 'Spara överenskommelsen' }).click();
    await handler.getByText('Överenskommelsen är sparad som en ny version.').waitFor();
    expect(await handler.locator('section[aria-labelledby=current]').textContent()).toContain(
      'Väntar på godkännande från: deltagaren, arbetsgivaren, SE-handledaren.',
    );

    // On the participant's behalf, a reason is needed.
    await handler.getByRole('button', { name: 'Godkänn för deltagarens räkning' }).click();
    await handler.locator('#f-reason-error').waitFor();
    await expectAccessible(handler);
    await approveAsHandler(handler);
    const current = await handler.locator('section[aria-labelledby=current]').textContent();
    expect(current).toContain('SE-handledaren godkände för deltagarens räkning');
    expect(current).toContain('Skäl: Deltagaren godkände muntligt vid trepartsmötet.');
    expect(current).toContain('Väntar på godkännande från: arbetsgivaren.');

    // The employer, on a phone: only the consented contact, and approves.
    const employer = await (await h.context({ phone: true })).newPage();
    const employerProblems = watch(employer);
    await signIn(employer, agreementUrl, w.employer.key);
    const seen = await employer.locator('section[aria-labelledby=current]').textContent();
    expect(seen).toContain('Kim Berg');
    expect(seen).not.toContain('Per Ek');
    expect(seen).not.toContain('Skäl:');
    expect(await employer.locator('section[aria-labelledby=shared]').textContent()).toContain('Styrkor');
    expect(await employer.getByRole('heading', { name: 'Ändra överenskommelsen' }).count()).toBe(0);
    await expectNoSidewaysScroll(employer);
    await expectAccessible(employer);
    await screenshot(employer, 'agreement-employer');
    await employer.getByRole('button', { name: 'Godkänn överenskommelsen' }).click();
    await employer.getByText('Alla tre har godkänt den här versionen.').waitFor();

    // A change: version 2, every approval withdrawn, version 1 kept with its approvals.
    await handler.reload();
    await handler.getByLabel('Arbetsuppgifter').fill('Plocka varor');
    await handler.getByRole('button', { name: 'Spara överenskommelsen' }).click();
    await handler.getByText('Överenskommelsen är sparad som en ny version.').waitFor();
    expect(await handler.locator('section[aria-labelledby=current] h2').textContent()).toContain('Version 2');
    expect(await handler.locator('section[aria-labelledby=current]').textContent()).toContain(
      'Väntar på godkännande från: deltagaren, arbetsgivaren, SE-handledaren.',
    );
    const history = await handler.locator('section[aria-labelledby=history]').textContent();
    expect(history).toContain('Version 1');
    await screenshot(handler, 'agreement');

    await handler.goto(placementUrl);
    await handler.getByRole('button', { name: 'Starta' }).click();
    await handler
      .getByText('Inte godkänt än: deltagaren, arbetsgivaren, SE-handledaren.', { exact: false })
      .waitFor();

    await handler.goto(agreementUrl);
    await approveAsHandler(handler);
    await employer.reload();
    await employer.getByRole('button', { name: 'Godkänn överenskommelsen' }).click();
    await employer.getByText('Alla tre har godkänt den här versionen.').waitFor();

    // Printed: no menus, no forms, the agreement itself.
    await handler.reload();
    const editForm = handler.locator(`form[action="/placements/${placementId}/agreement"]`);
    expect(await editForm.isVisible()).toBe(true);
    await handler.emulateMedia({ media: 'print' });
    expect(await handler.locator('header.site').isVisible()).toBe(false);
    expect(await editForm.isVisible()).toBe(false);
    expect(await handler.locator('section[aria-labelledby=current]').isVisible()).toBe(true);
    await handler.emulateMedia({ media: 'screen' });

    await handler.goto(placementUrl);
    await handler.getByRole('button', { name: 'Starta' }).click();
    await handler.getByText('Placeringen har startat.').waitFor();
    expect(problems).toEqual([]);
    expect(employerProblems).toEqual([]);
  }, 300_000);
});
