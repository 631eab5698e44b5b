/**
 * The participant form holds every field a handler sets: the ramp-up steps (hours now → target over
 * weekly steps) and the preferences (social and physical level, kinds of place) beside the rest.
 * Steps are sent in week order, and an error (the schema's or the service's own check) is shown
 * beside the row it was typed in, with the input kept and nothing stored. Editing round-trips:
 * saving the edit form unchanged stores exactly what was there, even what the form cannot show
 * (a coordinate set through the API, list order, a word with a comma).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, orgWithKey } from '../helpers/factories';
import { formFields, pageClient } from './client';

let t: TestApp;
let provider: Awaited<ReturnType<typeof orgWithKey>>;
let browser: ReturnType<typeof pageClient>;
beforeAll(async () => {
  t = await createTestApp();
  provider = await orgWithKey(t, 'provider', 'handler');
  browser = pageClient(t);
  await browser.signInWithKey(provider.key);
});
afterAll(() => t.close());

const base = {
  reference: 'SE-RAMP-1',
  'availability.mon.0.start': '08:00',
  'availability.mon.0.end': '12:00',
  'hoursPerWeek.now': '4',
  'hoursPerWeek.target': '20',
  'location.municipalityCode': '0180',
  maxTravelKm: '20',
};

const stored = async (id: string) =>
  (await t.call('GET', `/v1/participants/${id}`, { key: provider.key })).body;

describe('the participant form', () => {
  it('offers ramp-up rows and the preferences, Swedish first', async () => {
    const page = await browser.get('/participants/new');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Upptrappning');
    for (const n of [0, 1, 2]) expect(page.html).toContain(`name="rampUp.${n}.afterWeeks"`);
    expect(page.html).not.toContain('name="rampUp.3.afterWeeks"');
    expect(page.html).toContain('name="preferences.socialIntensity" value="high"');
    expect(page.html).toContain('name="preferences.kinds" value="internship"');
  });

  it('stores the steps in week order and the preferences as ticked', async () => {
    const res = await browser.post('/participants', {
      ...base,
      // Typed out of order, with an empty row between.
      'rampUp.0.afterWeeks': '8',
      'rampUp.0.hoursPerWeek': '16',
      'rampUp.2.afterWeeks': '4',
      'rampUp.2.hoursPerWeek': '10,5',
      'preferences.socialIntensity': 'low',
      'preferences.physicalDemand': '',
      'preferences.kinds': ['work_training', 'internship'],
    });
    expect(res.status, res.html.replace(/<[^>]+>/g, ' ').slice(0, 800)).toBe(303);
    const id = /\/participants\/([^?]+)/.exec(res.location!)![1]!;
    const p = await stored(id);
    expect(p.rampUp).toEqual([
      { afterWeeks: 4, hoursPerWeek: 10.5 },
      { afterWeeks: 8, hoursPerWeek: 16 },
    ]);
    expect(p.preferences).toEqual({ socialIntensity: 'low', kinds: ['work_training', 'internship'] });
  });

  it('shows a step’s error beside the row it was typed in, keeps the input and stores nothing', async () => {
    const before = (await t.call('GET', '/v1/participants', { key: provider.key })).body.data.length;
    await browser.get('/participants/new');
    const res = await browser.post('/participants', {
      ...base,
      reference: 'SE-RAMP-2',
      'rampUp.0.afterWeeks': '6',
      'rampUp.0.hoursPerWeek': '30', // over the target: the service's own check
      'rampUp.1.afterWeeks': '2',
      'rampUp.1.hoursPerWeek': '8',
      'preferences.kinds': ['work_trial'],
    });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/id="f-rampUp-0-error">Kan inte vara mer än målet/);
    expect(res.html).not.toContain('id="f-rampUp-1-error"');
    expect(res.html).toContain('name="rampUp.0.hoursPerWeek" value="30"');
    expect(res.html).toContain('name="rampUp.1.afterWeeks" value="2"');
    expect(res.html).toMatch(/name="preferences.kinds" value="work_trial" checked/);

    const schema = await browser.post('/participants', {
      ...base,
      reference: 'SE-RAMP-3',
      'rampUp.1.afterWeeks': '0', // the schema: at least week 1
      'rampUp.1.hoursPerWeek': '6',
      'preferences.socialIntensity': 'loud',
    });
    expect(schema.status).toBe(400);
    expect(schema.html).toMatch(/id="f-rampUp-1-error">/);
    expect(schema.html).toMatch(/id="f-preferences-socialIntensity-error">Välj ett av alternativen/);
    expect((await t.call('GET', '/v1/participants', { key: provider.key })).body.data.length).toBe(before);
  });

  it('edits: an unchanged save keeps exactly what is stored; a changed step or preference is saved', async () => {
    const p = await createParticipant(t, provider.key, {
      reference: 'SE-RAMP-9',
      strengths: ['läsa, skriva', 'noggrann'],
      availability: [
        { day: 'tue', start: '09:00', end: '12:00' },
        { day: 'tue', start: '13:00', end: '15:00' },
      ],
      hoursPerWeek: { now: 5, target: 15.5 },
      rampUp: [
        { afterWeeks: 3, hoursPerWeek: 8 },
        { afterWeeks: 6, hoursPerWeek: 12.5 },
      ],
      adaptationNeeds: [
        { code: 'quiet_workspace', priority: 'nice' },
        { code: 'flexible_start', priority: 'must' },
      ],
      location: { municipalityCode: '1480', lat: 57.75, lon: 12.01 },
      maxTravelKm: 35,
      preferences: { physicalDemand: 'medium', kinds: ['work_trial', 'work_training'] },
    });
    const before = await stored(p.id);

    const edit = await browser.get(`/participants/${p.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('name="rampUp.1.hoursPerWeek" value="12.5"');
    expect(edit.html).toContain('name="rampUp.2.afterWeeks" value=""');
    expect(edit.html).toMatch(/name="preferences.physicalDemand" value="medium" checked/);
    expect(edit.html).toMatch(/name="preferences.kinds" value="work_training" checked/);
    const unchanged = await browser.post(
      `/participants/${p.id}`,
      formFields(edit.html, `/participants/${p.id}`),
    );
    expect(unchanged.status, unchanged.html.replace(/<[^>]+>/g, ' ').slice(0, 800)).toBe(303);
    const after = await stored(p.id);
    const { version: _v1, updatedAt: _u1, ...was } = before;
    const { version: _v2, updatedAt: _u2, ...is } = after;
    expect(is).toEqual(was);

    // A third step and one kind less; the rest stays as it was.
    const fields = formFields(
      (await browser.get(`/participants/${p.id}/edit`)).html,
      `/participants/${p.id}`,
    );
    fields['rampUp.2.afterWeeks'] = ['10'];
    fields['rampUp.2.hoursPerWeek'] = ['15'];
    fields['preferences.kinds'] = ['work_training'];
    expect((await browser.post(`/participants/${p.id}`, fields)).status).toBe(303);
    const changed = await stored(p.id);
    expect(changed.rampUp).toEqual([...before.rampUp, { afterWeeks: 10, hoursPerWeek: 15 }]);
    expect(changed.preferences).toEqual({ physicalDemand: 'medium', kinds: ['work_training'] });
    expect(changed.location).toEqual(before.location);
    expect(changed.strengths).toEqual(before.strengths);
    expect(changed.adaptationNeeds).toEqual(before.adaptationNeeds);

    // Emptying every step removes the plan.
    const cleared = formFields(
      (await browser.get(`/participants/${p.id}/edit`)).html,
      `/participants/${p.id}`,
    );
    for (const n of [0, 1, 2]) {
      cleared[`rampUp.${n}.afterWeeks`] = [''];
      cleared[`rampUp.${n}.hoursPerWeek`] = [''];
    }
    expect((await browser.post(`/participants/${p.id}`, cleared)).status).toBe(303);
    expect((await stored(p.id)).rampUp).toEqual([]);
  });
});
