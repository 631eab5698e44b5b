/**
 * Supervisors (employer) and work-training capacity (social enterprise) through their forms: each
 * validated by its service's schema, errors beside the fields with the input kept, then stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { orgWithKey } from '../helpers/factories';
import { pageClient } from './client';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('supervisors', () => {
  it('are added and changed through the form, with their room shown', async () => {
    const employer = await orgWithKey(t, 'employer', 'employer');
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    await browser.get('/supervisors/new');
    const bad = await browser.post('/supervisors', {
      name: 'Kim Berg',
      email: 'inte-en-adress',
      maxParticipants: '0',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-email-error">Skriv en e-postadress/);
    expect(bad.html).toMatch(/id="f-maxParticipants-error">Minst 1\./);
    expect(bad.html).toContain('value="Kim Berg"');

    const ok = await browser.post('/supervisors', {
      name: 'Kim Berg',
      email: 'kim@example.se',
      maxParticipants: '3',
      trained: 'on',
      languages: 'sv, en',
    });
    expect(ok.status).toBe(303);
    const list = await browser.get('/supervisors?done=created');
    expect(list.html).toContain('Kim Berg');
    expect(list.html).toContain('3 platser kvar');
    const id = /href="\/supervisors\/(sup_\w+)\/edit"/.exec(list.html)![1]!;
    await browser.get(`/supervisors/${id}/edit`);
    const saved = await browser.post(`/supervisors/${id}`, {
      name: 'Kim Berg',
      email: 'kim@example.se',
      maxParticipants: '1',
      languages: 'sv',
    });
    expect(saved.status).toBe(303);
    const stored = await t.call('GET', `/v1/supervisors/${id}`, { key: employer.key });
    expect(stored.body).toMatchObject({ maxParticipants: 1, trained: false, languages: ['sv'], phone: null });
  });
});

describe('work-training capacity', () => {
  it('is listed through the form by a social enterprise', async () => {
    const enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
    const browser = pageClient(t);
    await browser.signInWithKey(enterprise.key);
    expect((await browser.get('/')).html).toContain('href="/capacity"');
    await browser.get('/capacity/new');
    const fields = {
      title: 'Arbetsträning i café',
      description: 'Café och second hand.',
      activityAreas: 'café\r\nsecond hand',
      municipalityCode: '0126',
      places: '8',
      participantsPerSupervisor: '4',
      'hoursPerWeek.min': '4',
      'hoursPerWeek.max': '30',
      programmes: ['rehabilitation', 'stepping_stone'],
      referralSources: [],
      status: 'open',
    };
    const bad = await browser.post('/capacity', fields);
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-referralSources-error">Välj minst en\./);
    expect(bad.html).toMatch(/value="rehabilitation" checked/);
    const ok = await browser.post('/capacity', { ...fields, referralSources: ['arbetsformedlingen'] });
    expect(ok.status).toBe(303);
    const list = await browser.get('/capacity');
    expect(list.html).toContain('8 av 8 lediga');
    const stored = await t.call('GET', '/v1/capacity?limit=5', { key: enterprise.key });
    expect(stored.body.data[0]).toMatchObject({
      activityAreas: ['café', 'second hand'],
      places: 8,
      programmes: ['rehabilitation', 'stepping_stone'],
    });
  });
});
