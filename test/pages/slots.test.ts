/**
 * The employer's slot pages without a browser: the form validated by the slots service's schema
 * (each error beside its field, the input kept), the weekly grid, the occupation picked by title,
 * edit, pause and close, and the list with free places and who is placed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSupervisor, orgWithKey } from '../helpers/factories';
import { pageClient } from './client';

let t: TestApp;
let employer: Awaited<ReturnType<typeof orgWithKey>>;
let supervisor: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  employer = await orgWithKey(t, 'employer', 'employer');
  supervisor = await createSupervisor(t, employer.key, { name: 'Kim Handledare', maxParticipants: 2 });
});
afterAll(() => t.close());

const filled = () => ({
  title: 'Lagerarbetare, plock och pack',
  'occupation.label': 'Lagerarbetare',
  'occupation.ssyk': '',
  description: 'Plock och pack med tydliga rutiner.',
  tasks: 'plocka order\r\npacka paket\r\n',
  kind: 'work_training',
  siteId: '',
  'location.municipalityCode': '0180',
  'schedule.mon.0.start': '08:00',
  'schedule.mon.0.end': '12:00',
  'schedule.thu.0.start': '08:00',
  'schedule.thu.0.end': '12:00',
  'hoursPerWeek.min': '4',
  'hoursPerWeek.max': '8',
  capacity: '2',
  startDate: '2027-01-11',
  openEnded: 'on',
  supervisorIds: [supervisor.id],
  'adaptations.quiet_workspace': 'in_place',
  'adaptations.written_instructions': 'can_arrange',
  'environment.socialIntensity': 'low',
  'environment.physicalDemand': 'medium',
  status: 'open',
});

describe('the slot form', () => {
  it('shows each field’s error beside it, keeps what was typed, and stores nothing', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    await browser.get('/slots/new');
    const res = await browser.post('/slots', {
      ...filled(),
      title: '',
      'occupation.label': 'Xyzzyqq',
      'schedule.thu.0.end': '07:00',
      'hoursPerWeek.min': '9',
      capacity: '2x',
      supervisorIds: [],
    });
    expect(res.status).toBe(400);
    const errorOf = (id: string) => new RegExp(`id="${id}-error">([^<]+)<`).exec(res.html)?.[1];
    expect(errorOf('f-title')).toBe('Fyll i fältet.');
    expect(errorOf('f-occupation-label')).toMatch(/Välj ett yrke i listan/);
    expect(errorOf('f-schedule-thu-0')).toMatch(/Sluttiden måste vara efter starttiden/);
    expect(errorOf('f-hoursPerWeek-min')).toBe('Minst kan inte vara mer än högst.');
    expect(errorOf('f-capacity')).toBe('Skriv ett tal.');
    expect(errorOf('f-supervisorIds')).toBe('Välj minst en handledare.');
    // What was typed is still there.
    expect(res.html).toContain('value="Xyzzyqq"');
    expect(res.html).toContain('name="schedule.mon.0.start" value="08:00"');
    expect(res.html).toContain('value="2x"');
    expect(res.html).toMatch(/name="adaptations.quiet_workspace" value="in_place" checked/);
    expect(res.html).toContain('class="error-summary"');
    const rows = await t.client.execute('select count(*) as n from slots');
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it('creates the slot: the grid becomes the schedule, the title its SSYK code, the checklist its adaptations', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    await browser.get('/slots/new');
    const res = await browser.post('/slots', filled());
    expect(res.status).toBe(303);
    const id = /\/slots\/(slt_\w+)/.exec(res.location!)![1]!;
    const slot = await t.call('GET', `/v1/slots/${id}`, { key: employer.key });
    expect(slot.body).toMatchObject({
      title: 'Lagerarbetare, plock och pack',
      occupation: { ssyk: '4322', label: 'Lagerarbetare' },
      tasks: ['plocka order', 'packa paket'],
      schedule: [
        { day: 'mon', start: '08:00', end: '12:00' },
        { day: 'thu', start: '08:00', end: '12:00' },
      ],
      hoursPerWeek: { min: 4, max: 8 },
      capacity: 2,
      openEnded: true,
      supervisorIds: [supervisor.id],
      adaptations: [
        { code: 'quiet_workspace', status: 'in_place' },
        { code: 'written_instructions', status: 'can_arrange' },
      ],
      environment: { socialIntensity: 'low', physicalDemand: 'medium' },
      status: 'open',
    });
    const page = await browser.get(res.location!);
    expect(page.html).toContain('Platsen är sparad.');
    expect(page.html).toContain('2 av 2 lediga');
  });

  it('edits a slot with its stored values filled in, then pauses, closes and reopens it', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    await browser.get('/slots/new');
    const created = await browser.post('/slots', { ...filled(), title: 'Att ändra' });
    const path = created.location!.split('?')[0]!;
    const slotId = path.split('/').pop() ?? '';
    const edit = await browser.get(`${path}/edit`);
    expect(edit.html).toContain('value="Att ändra"');
    expect(edit.html).toContain('name="schedule.thu.0.end" value="12:00"');
    const saved = await browser.post(path, {
      ...filled(),
      title: 'Ändrad',
      capacity: '3',
      'schedule.fri.1.start': '13:00',
      'schedule.fri.1.end': '15:30',
    });
    expect(saved.status).toBe(303);
    const slot = await t.call('GET', `/v1/slots/${slotId}`, { key: employer.key });
    expect(slot.body.title).toBe('Ändrad');
    expect(slot.body.capacity).toBe(3);
    expect(slot.body.schedule).toContainEqual({ day: 'fri', start: '13:00', end: '15:30' });

    for (const status of ['paused', 'closed', 'open']) {
      await browser.get(path);
      const res = await browser.post(`${path}/status`, { status });
      expect(res.status).toBe(303);
      expect((await t.call('GET', `/v1/slots/${slotId}`, { key: employer.key })).body.status).toBe(status);
    }
  });

  it('the qualities the work suits: a checklist from the strengths vocabulary, shown and kept on edit', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    const form = await browser.get('/slots/new');
    expect(form.html).toContain('Passar den som är');
    expect(form.html).toMatch(/<input[^>]*type="checkbox"[^>]*name="suits"[^>]*value="careful"/);
    const res = await browser.post('/slots', {
      ...filled(),
      title: 'Med egenskaper',
      suits: ['patient', 'careful'],
    });
    expect(res.status).toBe(303);
    const path = res.location!.split('?')[0]!;
    const id = path.split('/').pop() ?? '';
    expect((await t.call('GET', `/v1/slots/${id}`, { key: employer.key })).body.suits).toEqual([
      'careful',
      'patient',
    ]);
    expect((await browser.get(path)).html).toContain('noggrann, tålmodig');
    const edit = await browser.get(`${path}/edit`);
    expect(edit.html).toMatch(/<input[^>]*name="suits"[^>]*value="patient"[^>]*checked/);
    expect(edit.html).not.toMatch(/<input[^>]*name="suits"[^>]*value="social"[^>]*checked/);
    // Unticked on edit: gone.
    await browser.post(path, { ...filled(), title: 'Med egenskaper' });
    expect((await t.call('GET', `/v1/slots/${id}`, { key: employer.key })).body.suits).toEqual([]);
  });

  it('suggests occupations for a typed title (the type-ahead’s JSON)', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    const res = await t.app.request('http://localhost/occupations?q=bagare', {
      headers: { cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const list = (await res.json()) as { code: string; label: string }[];
    expect(list).toContainEqual(expect.objectContaining({ code: '7612', label: 'Bagare/Konditor' }));
  });
});

describe('the slot list', () => {
  it('shows free places and who is placed', async () => {
    const provider = await orgWithKey(t, 'provider', 'handler');
    const slot = await t.call('GET', '/v1/slots?limit=1', { key: employer.key });
    const slotId = slot.body.data[0]?.id ?? '';
    const participant = await createParticipant(t, provider.key);
    const proposed = await t.call('POST', '/v1/placements', {
      key: provider.key,
      body: { participantId: participant.id, slotId, disclose: [] },
    });
    await t.call('POST', `/v1/placements/${proposed.body.id}/accept`, { key: employer.key, body: {} });
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    const page = await browser.get('/slots');
    expect(page.status).toBe(200);
    expect(page.html).toContain('1 av 2 lediga');
    expect(page.html).toContain(`href="/placements/${proposed.body.id}"`);
    expect(page.html).toContain('Kim Handledare');
  });
});
