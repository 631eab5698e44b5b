/**
 * The handler's working pages without a browser: the slot search (facets, distance, paging, errors
 * beside fields), candidates for a slot, allocation explained, editing a participant (personal data
 * refused as the API does), a placement's timeline with its check-in and meeting forms, and the
 * employer page with the shared contact log and the due next steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createWorld, issueKey } from '../helpers/factories';
import { agreed } from '../placements/helpers';
import { pageClient } from './client';

let t: TestApp;
let w: Awaited<ReturnType<typeof createWorld>>;
let mine: Awaited<ReturnType<typeof createParticipant>>;
let browser: ReturnType<typeof pageClient>;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  await createSlot(t, w.employer.key, [w.supervisor.id], {
    title: 'Trädgårdsarbete i parken',
    kind: 'work_trial',
    occupation: { ssyk: '6113', label: 'Trädgårdsodlare' },
    location: { municipalityCode: '1480', lat: 57.7, lon: 11.97 },
  });
  mine = await createParticipant(t, w.provider.key, { reference: 'SE-EDIT-1' });
  await t.app.drainOutbox();
  browser = pageClient(t);
  await browser.signInWithKey(w.provider.key);
});
afterAll(() => t.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the slot search page', () => {
  it('lists open slots with facet counts, filters by kind and text, and measures distance from a participant', async () => {
    const all = await browser.get('/search');
    expect(all.status).toBe(200);
    expect(text(all.html)).toContain('2 platser');
    expect(text(all.html)).toMatch(/Arbetsprövning \(1\)/);
    expect(text(all.html)).toMatch(/Göteborg \(1\)/);

    const trial = await browser.get('/search?kind=work_trial');
    expect(trial.html).toContain('Trädgårdsarbete i parken');
    expect(trial.html).not.toContain('Lagerarbetare, plock och pack');

    const words = await browser.get(`/search?q=lager&from=${mine.id}&radiusKm=50`);
    expect(text(words.html)).toContain('1 plats');
    expect(words.html).toContain('<mark>Lager</mark>arbetare, plock och pack');
    expect(words.html).toMatch(/\d+(\.\d)? km bort/);
    expect(words.html).toContain(`/participants/${mine.id}/propose?slot=${w.slot.id}`);
  });

  it('shows a wrong value beside its field, keeps what was typed, and searches nothing', async () => {
    const bad = await browser.get('/search?q=lager&hours=abc&from=municipality');
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-hours-error"/);
    expect(bad.html).toMatch(/id="f-from-error">Välj en deltagare eller en kommun/);
    expect(bad.html).toContain('value="lager"');
    expect(bad.html).not.toContain('id="results"');
  });

  it('pages through results with the cursor', async () => {
    for (let i = 0; i < 21; i++)
      await createSlot(t, w.employer.key, [w.supervisor.id], { title: `Extra ${i}` });
    await t.app.drainOutbox();
    const first = await browser.get('/search');
    const next = /href="(\/search\?cursor=[^"]+)"/.exec(first.html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeTruthy();
    const second = await browser.get(next!);
    expect(second.status).toBe(200);
    expect(second.html).toContain('Första sidan');
  });
});

describe('candidates and allocation', () => {
  it('ranks the organization’s participants for a slot, with reasons and a proposal link', async () => {
    const page = await browser.get(`/slots/${w.slot.id}/candidates`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('SE-EDIT-1');
    expect(page.html).toMatch(/% passar/);
    expect(page.html).toContain(`/participants/${mine.id}/propose?slot=${w.slot.id}`);
  });

  it('refuses an empty group beside the field, then shares out places and explains who got none', async () => {
    const other = await createParticipant(t, w.provider.key, {
      reference: 'SE-FAR-9',
      location: { municipalityCode: '2584' },
      maxTravelKm: 5,
    });
    await browser.get('/allocate');
    const none = await browser.post('/allocate', {});
    expect(none.status).toBe(400);
    expect(none.html).toMatch(/id="f-participantIds-error">Kryssa i minst en deltagare/);
    const done = await browser.post('/allocate', { participantIds: [mine.id, other.id] });
    expect(done.status).toBe(200);
    expect(text(done.html)).toContain('1 deltagare fick en plats');
    expect(done.html).toContain(`/participants/${mine.id}/propose?slot=`);
    expect(text(done.html)).toMatch(/Utan plats SE-FAR-9 ?: \S+/);
    expect(done.html).toMatch(new RegExp(`value="${other.id}" checked`));
  });
});

describe('editing a participant', () => {
  it('uses the same form, refuses personal data beside the field with the input kept, then saves', async () => {
    const form = await browser.get(`/participants/${mine.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="SE-EDIT-1"');
    // "noggrann" is a word of the strengths vocabulary: shown ticked in the checklist.
    expect(form.html).toMatch(/name="strengths.picked" value="careful" checked/);
    const fields = {
      reference: 'SE-EDIT-1',
      strengths: 'noggrann, mejla anna@example.se',
      interests: 'lager',
      'availability.mon.0.start': '08:00',
      'availability.mon.0.end': '16:00',
      'hoursPerWeek.now': '8',
      'hoursPerWeek.target': '16',
      'location.municipalityCode': '0180',
      maxTravelKm: '20',
    };
    const bad = await browser.post(`/participants/${mine.id}`, fields);
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-strengths-error">Får inte innehålla en e-postadress/);
    expect(bad.html).toContain('mejla anna@example.se');
    const stored = await t.call('GET', `/v1/participants/${mine.id}`, { key: w.provider.key });
    expect(stored.body.hoursPerWeek.now).toBe(6);

    const ok = await browser.post(`/participants/${mine.id}`, { ...fields, strengths: 'noggrann, lugn' });
    expect(ok.status).toBe(303);
    const after = await t.call('GET', `/v1/participants/${mine.id}`, { key: w.provider.key });
    expect(after.body.strengths).toEqual(['noggrann', 'lugn']);
    expect(after.body.hoursPerWeek.now).toBe(8);
  });
});

describe('a placement’s timeline', () => {
  it('shows states with dates, the answer, an hours chart, and records check-ins and meetings', async () => {
    const p = await createParticipant(t, w.provider.key);
    const proposed = await t.call('POST', '/v1/placements', {
      key: w.provider.key,
      body: { participantId: p.id, slotId: w.slot.id, disclose: ['strengths'] },
    });
    const id = proposed.body.id;
    await t.call('POST', `/v1/placements/${id}/accept`, { key: w.employer.key, body: {} });
    // A placement starts once all three approved its agreement.
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, id);
    const started = await t.call('POST', `/v1/placements/${id}/start`, { key: w.provider.key, body: {} });
    expect(started.status).toBe(200);
    const monday = new Date();
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    await t.call('POST', `/v1/placements/${id}/hours`, {
      key: w.provider.key,
      body: { weekStart: monday.toISOString().slice(0, 10), hours: 6 },
    });

    const page = await browser.get(`/placements/${id}`);
    expect(text(page.html)).toMatch(/Föreslagen \d{4}-\d\d-\d\d Accepterad \d{4}-\d\d-\d\d Pågår/);
    expect(text(page.html)).toMatch(/Arbetsgivarens svar Ja, \d{4}/);
    expect(page.html).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(page.html).not.toMatch(/ style="/);

    const bad = await browser.post(`/placements/${id}/check-ins`, {
      'checkIn.date': today,
      'checkIn.note': 'Gick bra första veckan',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-checkIn-with-error">Välj ett av alternativen/);
    expect(bad.html).toContain('Gick bra första veckan');
    const ok = await browser.post(`/placements/${id}/check-ins`, {
      'checkIn.date': today,
      'checkIn.with': 'participant',
      'checkIn.note': 'Gick bra första veckan',
    });
    expect(ok.status).toBe(303);
    const meeting = await browser.post(`/placements/${id}/meetings`, {
      'meeting.date': today,
      'meeting.kind': 'three_party',
    });
    expect(meeting.status).toBe(303);
    const after = await browser.get(`/placements/${id}`);
    expect(text(after.html)).toContain('Deltagaren: Gick bra första veckan');
    expect(text(after.html)).toContain('Trepartssamtal');
  });
});

describe('the employer page', () => {
  it('logs a contact in the shared log (personal data refused), and lists the next step when due', async () => {
    const page = await browser.get(`/employers/${w.employer.org.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Lagerarbetare, plock och pack');
    const bad = await browser.post(`/employers/${w.employer.org.id}/contacts`, {
      date: today,
      channel: 'phone',
      outcome: 'Ring 070-123 45 67',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-outcome-error">Får inte innehålla ett telefonnummer/);
    const ok = await browser.post(`/employers/${w.employer.org.id}/contacts`, {
      date: today,
      channel: 'visit',
      outcome: 'Intresserad av fler platser i vår',
      nextStep: 'Skicka förslag på två deltagare',
      nextStepDate: today,
    });
    expect(ok.status).toBe(303);
    // A colleague sees the same log and the due step.
    const colleague = await issueKey(t, w.provider.org.id, 'handler');
    const other = pageClient(t);
    await other.signInWithKey(colleague.key);
    const log = await other.get(`/employers/${w.employer.org.id}`);
    expect(text(log.html)).toContain('Intresserad av fler platser i vår');
    const list = await other.get('/employers');
    expect(text(list.html)).toMatch(/Nästa steg som är dags .*Skicka förslag på två deltagare/);
  });
});

describe('account', () => {
  it('lists the signed-in person’s own keys by prefix, marked by id', async () => {
    const page = await browser.get('/account');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`id="key-${w.provider.id}"`);
    expect(page.html).not.toContain(w.provider.key);
  });
});
