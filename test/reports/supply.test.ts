/**
 * Supply and demand rebuilt from a seeded registry: who has no slot that fits and why (the matching
 * engine's own constraints, so it agrees with the participant's matches), which needs no place
 * offers, hours, free places by kind and occupation, gaps per municipality, and suppression.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, issueKey, orgWithKey } from '../helpers/factories';

let t: TestApp;
let handler: string;
let coordinator: string;
const fit: string[] = [];
const unfit: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const employer = await orgWithKey(t, 'employer', 'employer');
  const supervisor = await createSupervisor(t, employer.key, { maxParticipants: 10 });
  await createSlot(t, employer.key, [supervisor.id], { capacity: 3 });
  await createSlot(t, employer.key, [supervisor.id], {
    kind: 'competitive_job',
    title: 'Diskare',
    tasks: ['diska'],
    occupation: { ssyk: '9412', label: 'Restaurang- och köksbiträden' },
    capacity: 2,
    hoursPerWeek: { min: 20, max: 40 },
    schedule: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '08:00', end: '16:00' })),
    adaptations: [],
  });
  const provider = await orgWithKey(t, 'provider', 'handler');
  handler = provider.key;
  coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
  for (let i = 0; i < 5; i++) fit.push((await createParticipant(t, handler)).id);
  for (let i = 0; i < 6; i++)
    unfit.push(
      (
        await createParticipant(t, handler, {
          adaptationNeeds: [{ code: 'accessible_toilet', priority: 'must' }],
        })
      ).id,
    );
  for (let i = 0; i < 5; i++)
    unfit.push((await createParticipant(t, handler, { location: { municipalityCode: '2584' } })).id);
}, 60_000);
afterAll(() => t.close());

const cellsOf = (table: { rows: { key: string; cells: Record<string, unknown> }[] } | undefined) =>
  Object.fromEntries((table?.rows ?? []).map((r) => [r.key, r.cells]));

describe('supply and demand', () => {
  it('agrees with matching: exactly those with no match are counted without a slot that fits', async () => {
    for (const id of [...fit, ...unfit]) {
      const res = await t.call('GET', `/v1/participants/${id}/matches`, { key: handler });
      expect(res.status).toBe(200);
      expect(res.body.data.length > 0, id).toBe(fit.includes(id));
    }
    const res = await t.call('GET', '/v1/reports/supply', { key: coordinator });
    expect(res.status, res.text).toBe(200);
    const summary = cellsOf(res.body.tables.find((x) => x.id === 'summary'));
    expect(summary.looking).toEqual({ count: 16, share: 1 });
    expect(summary.with_eligible).toEqual({ count: 5, share: 0.313 });
    expect(summary.without_eligible).toEqual({ count: 11, share: 0.688 });
  });

  it('names what excludes each person most: a must-have adaptation, or no place within reach', async () => {
    const res = await t.call('GET', '/v1/reports/supply', { key: coordinator });
    const by = cellsOf(res.body.tables.find((x) => x.id === 'excluded_by'));
    expect(by.must_adaptation_missing).toEqual({ count: 6, share: 0.545 });
    expect(by.none_in_reach).toEqual({ count: 5, share: 0.455 });
    expect(by.total).toMatchObject({ count: 11 });
    // Every other constraint is 0 people: shown as "<5", never as a figure.
    expect(by.too_few_overlapping_hours).toEqual({ count: '<5', share: null });
  });

  it('lists needs no place within reach offers, most first; hours; free places by kind and occupation', async () => {
    const res = await t.call('GET', '/v1/reports/supply', { key: coordinator });
    const needs = res.body.tables.find((x) => x.id === 'adaptations')!;
    expect(needs.rows.map((r) => r.key)).toEqual(['accessible_toilet', 'quiet_workspace']);
    expect(needs.rows[0]!.cells).toMatchObject({ needing: 6, must: 6, unmet: 6, unmetShare: 1, places: 0 });
    expect(needs.rows[1]!.cells).toMatchObject({
      needing: 10,
      must: 10,
      unmet: 5,
      unmetShare: 0.5,
      places: 3,
    });
    const kinds = cellsOf(res.body.tables.find((x) => x.id === 'free_places_kind'));
    expect(kinds.work_training).toEqual({ slots: 1, free: 3 });
    expect(kinds.competitive_job).toEqual({ slots: 1, free: 2 });
    const occupations = cellsOf(res.body.tables.find((x) => x.id === 'free_places_occupation'));
    expect(occupations['4322']).toEqual({ slots: 1, free: 3 });
    const totals = cellsOf(res.body.tables.find((x) => x.id === 'supply_totals'));
    // Wanted now 16 × 6 hours; offered at most 3 × 8 + 2 × 40.
    expect(totals.hours_now).toEqual({ value: 96 });
    expect(totals.hours_offered).toEqual({ value: 104 });
    const hours = cellsOf(res.body.tables.find((x) => x.id === 'hours'));
    expect(hours.h0_9).toEqual({ now: 16, target: '<5', places: 3 });
    expect(hours.h10_19).toEqual({ now: '<5', target: 16, places: 0 });
  });

  it('shows the gaps per municipality, and a municipality of 5 but not of 0', async () => {
    const res = await t.call('GET', '/v1/reports/supply', { key: coordinator });
    const m = cellsOf(res.body.tables.find((x) => x.id === 'by_municipality'));
    expect(m['0180']).toEqual({ looking: 11, without: 6, share: 0.545, free: 5 });
    expect(m['2584']).toEqual({ looking: 5, without: 5, share: 1, free: 0 });

    const kiruna = await t.call('GET', '/v1/reports/supply?municipalityCode=2584', { key: coordinator });
    expect(kiruna.body.population).toBe(5);
    const none = await t.call('GET', '/v1/reports/supply?municipalityCode=1480', { key: coordinator });
    expect(none.body).toMatchObject({ population: '<5', withheld: true, tables: [] });
  });

  it('answers CSV, and refuses an employer', async () => {
    const csv = await t.call('GET', '/v1/reports/supply?format=csv&lang=en', { key: coordinator });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('A must-have adaptation is missing,6,54.5');
    const employer = await orgWithKey(t, 'employer', 'employer');
    expect((await t.call('GET', '/v1/reports/supply', { key: employer.key })).status).toBe(403);
  });
});
