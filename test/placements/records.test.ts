/** Follow-along records on a placement: hours over time, check-ins, meetings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { issueKey } from '../helpers/factories';
import { agreed, moved, placementIn, placementWorld, proposed, type World } from './helpers';

// Monday 2026-03-02; the placement starts that day.
const nowMs = Date.parse('2026-03-25T09:00:00Z');
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(nowMs) });
  w = await placementWorld(t, { capacity: 20, maxParticipants: 20 });
});
afterAll(() => t.close());

async function started() {
  const p = await proposed(t, w);
  await moved(t, w.employer.key, p.id, 'accept');
  await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
  return moved(t, w.provider.key, p.id, 'start', { date: '2026-03-02' });
}

const hours = (key: string, id: string, body: unknown) =>
  t.call('POST', `/v1/placements/${id}/hours`, { key, body });

describe('hours actually worked', () => {
  it('records the real ramp-up week by week, from either side, and corrects a week when recorded again', async () => {
    const p = await started();
    expect((await hours(w.provider.key, p.id, { weekStart: '2026-03-02', hours: 4 })).status).toBe(201);
    expect((await hours(w.employer.key, p.id, { weekStart: '2026-03-09', hours: 6 })).status).toBe(201);
    const corrected = await hours(w.employer.key, p.id, { weekStart: '2026-03-02', hours: 4.5 });
    expect(corrected.status).toBe(201);
    expect(corrected.body.hours.map((h) => [h.weekStart, h.hours])).toEqual([
      ['2026-03-02', 4.5],
      ['2026-03-09', 6],
    ]);
    const provider = await t.call('GET', `/v1/placements/${p.id}`, { key: w.provider.key });
    expect(provider.body.hours.map((h) => h.hours)).toEqual([4.5, 6]);
  });

  it('refuses a week that is not a Monday, out of range hours, future weeks and weeks before the start', async () => {
    const p = await started();
    const tuesday = await hours(w.provider.key, p.id, { weekStart: '2026-03-03', hours: 4 });
    expect(tuesday.status).toBe(400);
    expect(tuesday.problem.errors![0]).toEqual({ path: 'weekStart', message: 'must be a Monday' });
    expect((await hours(w.provider.key, p.id, { weekStart: '2026-03-02', hours: 61 })).status).toBe(400);
    expect((await hours(w.provider.key, p.id, { weekStart: '2026-03-02', hours: -1 })).status).toBe(400);
    expect((await hours(w.provider.key, p.id, { weekStart: '2026-04-06', hours: 4 })).status).toBe(422);
    expect((await hours(w.provider.key, p.id, { weekStart: '2026-02-23', hours: 4 })).status).toBe(422);
  });

  it('is recorded only for started or ended placements', async () => {
    for (const state of ['proposed', 'accepted', 'declined', 'withdrawn'] as const) {
      const p = await placementIn(t, w, state);
      const res = await hours(w.provider.key, p.id, { weekStart: '2026-03-16', hours: 4 });
      expect(res.status).toBe(409);
    }
  });
});

describe('follow-along check-ins', () => {
  const checkIn = (key: string, id: string, body: unknown) =>
    t.call('POST', `/v1/placements/${id}/check-ins`, { key, body });

  it('records date, with whom and a short note, shown to the provider only', async () => {
    const p = await started();
    const res = await checkIn(w.provider.key, p.id, {
      date: '2026-03-05',
      with: 'supervisor',
      note: 'Bra första vecka, vill prova plock på eftermiddagen.',
    });
    expect(res.status).toBe(201);
    expect(res.body.checkIn).toMatchObject({ date: '2026-03-05', with: 'supervisor' });
    expect(res.body.placement.checkIns).toHaveLength(1);
    const employerView = await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key });
    expect(employerView.body.checkIns).toBeUndefined();
    expect(employerView.text).not.toContain('eftermiddagen');
  });

  it('refuses health data, identity numbers and long notes, and the employer side', async () => {
    const p = await started();
    for (const note of [
      'Har fått diagnos och mår sämre',
      'Depression har blivit värre',
      'Ring 070-123 45 67',
      'Personnummer 19811218-9876',
      'x'.repeat(501),
    ]) {
      const res = await checkIn(w.provider.key, p.id, { date: '2026-03-05', with: 'participant', note });
      expect(res.status).toBe(400);
      expect(res.problem.errors![0]!.path).toBe('note');
    }
    const byEmployer = await checkIn(w.employer.key, p.id, {
      date: '2026-03-05',
      with: 'participant',
      note: 'Ok',
    });
    expect(byEmployer.status).toBe(403);
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    expect(
      (await checkIn(coordinator.key, p.id, { date: '2026-03-05', with: 'participant', note: 'Ok' })).status,
    ).toBe(403);
    const future = await checkIn(w.provider.key, p.id, {
      date: '2026-04-30',
      with: 'participant',
      note: 'Ok',
    });
    expect(future.status).toBe(422);
    const proposal = await proposed(t, w);
    expect(
      (await checkIn(w.provider.key, proposal.id, { date: '2026-03-05', with: 'participant', note: 'Ok' }))
        .status,
    ).toBe(409);
  });
});

describe('meetings', () => {
  it('records a study visit before acceptance; each side sees only its own notes', async () => {
    const p = await proposed(t, w);
    const visit = await t.call('POST', `/v1/placements/${p.id}/meetings`, {
      key: w.provider.key,
      body: { date: '2026-03-10', kind: 'study_visit', note: 'Deltagaren vill se lagret först.' },
    });
    expect(visit.status).toBe(201);
    const intro = await t.call('POST', `/v1/placements/${p.id}/meetings`, {
      key: w.employer.key,
      body: { date: '2026-03-12', kind: 'introduction', note: 'Handledaren visar rutinerna.' },
    });
    expect(intro.status).toBe(201);
    const employerView = await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key });
    expect(employerView.body.meetings.map((m) => [m.kind, m.note])).toEqual([
      ['study_visit', null],
      ['introduction', 'Handledaren visar rutinerna.'],
    ]);
    const providerView = await t.call('GET', `/v1/placements/${p.id}`, { key: w.provider.key });
    expect(providerView.body.meetings.map((m) => m.note)).toEqual(['Deltagaren vill se lagret först.', null]);
    const bad = await t.call('POST', `/v1/placements/${p.id}/meetings`, {
      key: w.provider.key,
      body: { date: '2026-03-12', kind: 'lunch' },
    });
    expect(bad.status).toBe(400);
    await moved(t, w.employer.key, p.id, 'decline', { reason: 'timing' });
    const afterDecline = await t.call('POST', `/v1/placements/${p.id}/meetings`, {
      key: w.provider.key,
      body: { date: '2026-03-13', kind: 'other' },
    });
    expect(afterDecline.status).toBe(409);
  });
});
