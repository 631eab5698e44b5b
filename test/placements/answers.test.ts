/**
 * A move answers with the row its update returned and reads only the records the placement may have
 * had (moves.ts, states.ts recordsAfter): every answer must still be exactly what a read of the
 * placement then shows, to the side that moved it, records and history included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { agreed, moved, placementWorld, proposed, type World } from './helpers';

// Monday 2026-03-02 is the start; weeks and dates up to now are allowed.
const nowMs = Date.parse('2026-03-25T09:00:00Z');
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(nowMs) });
  w = await placementWorld(t, { capacity: 20, maxParticipants: 20, supervisors: 2 });
});
afterAll(() => t.close());

/** The answer of a move equals a read right after it, by the same key. */
async function expectReadEquals(key: string, answer: { id: string }) {
  const read = await t.call('GET', `/v1/placements/${answer.id}`, { key });
  expect(read.status).toBe(200);
  expect(read.body).toEqual(answer);
}

const record = (key: string, id: string, kind: 'hours' | 'check-ins' | 'meetings', body: unknown) =>
  t.call('POST', `/v1/placements/${id}/${kind}`, { key, body }).then((r) => {
    expect(r.status).toBe(201);
  });

describe('the answer of a move', () => {
  it('is what a read shows, at every step from proposal to end, with the records of each step', async () => {
    const p = await proposed(t, w);
    await record(w.provider.key, p.id, 'meetings', {
      date: '2026-02-20',
      kind: 'study_visit',
      note: 'Före.',
    });
    const accepted = await moved(t, w.employer.key, p.id, 'accept', { supervisorId: w.supervisors[1]!.id });
    expect(accepted.supervisorId).toBe(w.supervisors[1]!.id);
    expect(accepted.meetings).toHaveLength(1);
    await expectReadEquals(w.employer.key, accepted);

    await record(w.provider.key, p.id, 'check-ins', {
      date: '2026-02-27',
      with: 'participant',
      note: 'Inför starten.',
    });
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
    const started = await moved(t, w.provider.key, p.id, 'start', { date: '2026-03-02' });
    expect(started.checkIns).toHaveLength(1);
    await expectReadEquals(w.provider.key, started);

    await record(w.employer.key, p.id, 'hours', { weekStart: '2026-03-02', hours: 4 });
    await record(w.provider.key, p.id, 'check-ins', {
      date: '2026-03-05',
      with: 'supervisor',
      note: 'Första veckan.',
    });
    const ended = await moved(t, w.provider.key, p.id, 'end', {
      date: '2026-03-20',
      outcome: 'unsubsidized_work',
      hiredByEmployer: true,
    });
    expect(ended.hours).toHaveLength(1);
    expect(ended.checkIns).toHaveLength(2);
    expect(ended.history.map((h) => h.state)).toEqual(['proposed', 'accepted', 'started', 'ended']);
    await expectReadEquals(w.provider.key, ended);
  });

  it('is what a read shows after a decline (the employer sees the consented fields) and a withdrawal', async () => {
    const declined = await moved(t, w.employer.key, (await proposed(t, w)).id, 'decline', {
      reason: 'no_capacity',
      note: 'Fullt just nu.',
    });
    expect(declined.disclosed.strengths).toBeDefined();
    await expectReadEquals(w.employer.key, declined);

    const p = await proposed(t, w);
    await record(w.employer.key, p.id, 'meetings', { date: '2026-03-10', kind: 'introduction' });
    const withdrawn = await moved(t, w.provider.key, p.id, 'withdraw', { note: 'Annat jobb.' });
    expect(withdrawn.meetings).toHaveLength(1);
    await expectReadEquals(w.provider.key, withdrawn);

    const taken = await proposed(t, w);
    await moved(t, w.employer.key, taken.id, 'accept', {});
    await record(w.provider.key, taken.id, 'check-ins', {
      date: '2026-03-11',
      with: 'employer',
      note: 'Avstämning.',
    });
    const given = await moved(t, w.employer.key, taken.id, 'withdraw', {});
    expect(given.withdrawnByOrganizationId).toBe(w.employer.org.id);
    await expectReadEquals(w.employer.key, given);
    const providerRead = await t.call('GET', `/v1/placements/${taken.id}`, { key: w.provider.key });
    expect(providerRead.body.checkIns).toHaveLength(1);
  });
});
