/**
 * The participant's own way in, in Chromium: a handler prints an access code, the participant signs
 * in with it on a phone (360 px), corrects their profile, withdraws a consent (the employer loses
 * access at once), and checks in on their week; the handler sees the change and the check-in.
 * axe-core on every page visited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placementIn, placementWorld, type World } from '../placements/helpers';
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
  placementId = (
    await placementIn(h.t, w, 'started', { participantId: w.participant.id, disclose: ['strengths'] })
  ).id;
}, 60_000);
afterAll(() => h?.close());

describe('the participant’s own pages in Chromium', () => {
  it('a code from the handler, sign-in on a phone, a correction, a withdrawn consent, a check-in', async () => {
    const handler = await (await h.context()).newPage();
    const problems = watch(handler);
    await handler.goto(`${h.base}/participants/${w.participant.id}`);
    await handler.getByLabel('API-nyckel', { exact: true }).fill(w.provider.key);
    await handler.getByRole('button', { name: 'Logga in', exact: true }).click();
    await handler.getByRole('heading', { name: 'Deltagarens egen inloggning' }).waitFor();
    await handler.getByLabel('Koden gäller i antal dagar').fill('30');
    await handler.getByRole('button', { name: 'Skapa en kod' }).click();
    await handler.getByRole('heading', { name: 'Deltagarens kod' }).waitFor();
    await handler.getByRole('img', { name: /QR-kod/ }).waitFor();
    await expectAccessible(handler);
    await screenshot(handler, 'access-code');
    const code = (await handler.locator('.code-big').textContent())!.trim();

    const phone = await (await h.context({ phone: true })).newPage();
    problems.push(...watch(phone));
    await phone.goto(`${h.base}/`);
    await phone.getByRole('link', { name: 'Deltagare? Logga in med din kod' }).click();
    await phone.getByRole('heading', { name: 'Logga in med din kod' }).waitFor();
    await expectAccessible(phone);
    await phone.getByLabel('Din kod').fill('0000-0000-0000');
    await phone.getByRole('button', { name: 'Logga in' }).click();
    await phone.getByText('Koden fungerar inte').waitFor();
    await phone.getByLabel('Din kod').fill(code.toLowerCase());
    await phone.getByRole('button', { name: 'Logga in' }).click();
    await phone.getByRole('heading', { name: 'Min sida', exact: true }).waitFor();
    await expectAccessible(phone);
    await expectNoSidewaysScroll(phone);
    await screenshot(phone, 'me');

    // Correcting the profile.
    await phone.getByRole('link', { name: 'Rätta uppgifterna' }).click();
    await phone.getByRole('heading', { name: 'Rätta dina uppgifter' }).waitFor();
    await expectAccessible(phone);
    await expectNoSidewaysScroll(phone);
    await phone.getByLabel('Det du är bra på').fill('noggrann, tycker om ordning, snabb');
    await phone.getByRole('button', { name: 'Spara' }).click();
    await phone.getByText('Det är sparat.').waitFor();

    // Withdrawing the consent: the employer sees nothing from now on.
    const before = await h.t.call('GET', `/v1/placements/${placementId}`, { key: w.employer.key });
    expect(Object.keys(before.body.disclosed)).toEqual(['strengths']);
    await phone.getByRole('button', { name: /Ta tillbaka mitt ja till/ }).click();
    await phone.getByText('Klart. Arbetsgivaren ser inte längre något om dig.').waitFor();
    const after = await h.t.call('GET', `/v1/placements/${placementId}`, { key: w.employer.key });
    expect(after.body.disclosed).toEqual({});

    // The weekly check-in.
    await phone.getByLabel('4 – Bra').check();
    await phone.getByLabel('Något du vill säga? (frivilligt)').fill('Lugn vecka, trivs med rutinerna');
    await phone.getByRole('button', { name: 'Skicka' }).click();
    await phone.getByText('Tack! Din handledare ser svaret.').waitFor();
    await expectAccessible(phone);
    await phone.getByRole('link', { name: /Se timmar och uppföljning/ }).click();
    await phone.getByRole('heading', { name: 'Timmar per vecka' }).waitFor();
    expect(await phone.locator('main').textContent()).toContain('4 – Bra');
    await expectAccessible(phone);
    await expectNoSidewaysScroll(phone);

    // The handler sees what changed and how the week went.
    await handler.goto(`${h.base}/participants/${w.participant.id}`);
    const changes = await handler.locator('section[aria-labelledby=own-changes]').textContent();
    expect(changes).toContain('Ändrade styrkor');
    expect(changes).toContain('snabb');
    expect(await handler.locator('section[aria-labelledby=own-weeks]').textContent()).toContain(
      'Lugn vecka, trivs med rutinerna',
    );
    await expectAccessible(handler);
    expect(problems).toEqual([]);
  }, 120_000);
});
