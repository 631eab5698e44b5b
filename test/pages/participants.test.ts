/**
 * The handler's pages without a browser: the caseload (own first), a participant's matches with
 * reasons, proposing with a disclosure, starting the placement and recording hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, issueKey, orgWithKey } from '../helpers/factories';
import { agreed } from '../placements/helpers';
import { pageClient } from './client';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a handler', () => {
  it('sees the caseload, the matches with reasons, proposes with a disclosure, starts and records hours', async () => {
    const employer = await orgWithKey(t, 'employer', 'employer');
    const sup = await createSupervisor(t, employer.key);
    const slot = await createSlot(t, employer.key, [sup.id], { startDate: '2026-01-05' });
    const provider = await orgWithKey(t, 'provider', 'handler');
    const colleague = await issueKey(t, provider.org.id, 'handler');
    const theirs = await createParticipant(t, colleague.key, { reference: 'SE-OTHER-1' });
    const mine = await createParticipant(t, provider.key, { reference: 'SE-MINE-1' });

    const browser = pageClient(t);
    await browser.signInWithKey(provider.key);
    const caseload = await browser.get('/participants');
    expect(caseload.html.indexOf('SE-MINE-1')).toBeLessThan(caseload.html.indexOf('SE-OTHER-1'));
    expect(theirs.id).toBeTruthy();

    const page = await browser.get(`/participants/${mine.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain(`/participants/${mine.id}/propose?slot=${slot.id}`);
    expect(page.html).toMatch(/% passar/);

    await browser.get(`/participants/${mine.id}/propose?slot=${slot.id}`);
    const proposed = await browser.post(`/participants/${mine.id}/propose`, {
      slotId: slot.id,
      disclose: ['strengths', 'hoursPerWeek'],
    });
    expect(proposed.status, proposed.html.replace(/<[^>]+>/g, ' ').slice(0, 2000)).toBe(303);
    const placementPath = proposed.location!.split('?')[0]!;
    const placementId = placementPath.split('/').pop() ?? '';
    const stored = await t.call('GET', `/v1/placements/${placementId}`, { key: employer.key });
    expect(Object.keys(stored.body.disclosed).sort()).toEqual(['hoursPerWeek', 'strengths']);

    await t.call('POST', `/v1${placementPath}/accept`, { key: employer.key, body: {} });
    await agreed(t, { provider: provider.key, employer: employer.key }, placementId);
    await browser.get(placementPath);
    const started = await browser.post(`${placementPath}/start`, { date: '' });
    expect(started.status).toBe(303);
    await browser.get(placementPath);
    const bad = await browser.post(`${placementPath}/hours`, { weekStart: '2026-01-06', hours: '6' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-weekStart-error">Välj en måndag\./);
    expect(bad.html).toContain('value="6"');
  });
});

describe('the participant form', () => {
  it('refuses personal data as the API does, beside each field, then registers the participant', async () => {
    const provider = await orgWithKey(t, 'provider', 'handler');
    const browser = pageClient(t);
    await browser.signInWithKey(provider.key);
    await browser.get('/participants/new');
    const fields = {
      reference: 'Anna Svensson',
      strengths: 'noggrann, ring 070-123 45 67',
      interests: 'bakning',
      avoid: '',
      'availability.mon.0.start': '08:00',
      'availability.mon.0.end': '12:00',
      'hoursPerWeek.now': '4',
      'hoursPerWeek.target': '12',
      'adaptationNeeds.quiet_workspace': 'must',
      'location.municipalityCode': '0126',
      maxTravelKm: '15',
    };
    const count = async () =>
      Number((await t.client.execute('select count(*) as n from participants')).rows[0]!.n);
    const before = await count();
    const bad = await browser.post('/participants', fields);
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-reference-error">Skriv en kod med 3–32 bokstäver/);
    expect(bad.html).toMatch(/id="f-strengths-error">Får inte innehålla ett telefonnummer/);
    expect(bad.html).toContain('value="Anna Svensson"');
    expect(await count()).toBe(before);

    const ok = await browser.post('/participants', {
      ...fields,
      reference: 'SE-2027-014',
      strengths: 'noggrann',
    });
    expect(ok.status).toBe(303);
    const id = /\/participants\/(prt_\w+)/.exec(ok.location!)![1]!;
    const stored = await t.call('GET', `/v1/participants/${id}`, { key: provider.key });
    expect(stored.body).toMatchObject({
      reference: 'SE-2027-014',
      strengths: ['noggrann'],
      availability: [{ day: 'mon', start: '08:00', end: '12:00' }],
      hoursPerWeek: { now: 4, target: 12 },
      adaptationNeeds: [{ code: 'quiet_workspace', priority: 'must' }],
      location: { municipalityCode: '0126' },
      maxTravelKm: 15,
    });
  });
});

describe('the coordinator', () => {
  it('sees an overview of the provider’s caseload and placements on the start page', async () => {
    const provider = await orgWithKey(t, 'provider', 'handler');
    const coordinator = await issueKey(t, provider.org.id, 'coordinator');
    await createParticipant(t, provider.key, { reference: 'SE-COORD-1' });
    await createParticipant(t, provider.key, { reference: 'SE-COORD-2' });
    const browser = pageClient(t);
    await browser.signInWithKey(coordinator.key);
    const home = await browser.get('/');
    expect(home.html).toContain('Översikt');
    expect(home.html).toMatch(/Aktiva deltagare<\/dt><dd><a href="\/participants">2<\/a>/);
  });
});
