/**
 * IPS process figures over a hand-computed caseload, seeded through the API on the dates of a story
 * (period 2026-01-01 – 2026-06-30, read on 2026-07-01). Every expected figure is worked out in the
 * comments from the events below; the raw report is compared first, then the protected answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milestoneFacts, participantFacts, placementFacts } from '../../src/services/reports/facts';
import { fidelityReport } from '../../src/services/reports/fidelity';
import { caseloads, contactsPerUser, followAlongFacts } from '../../src/services/reports/fidelity-facts';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, issueKey, orgWithKey } from '../helpers/factories';
import { fakeClock } from '../mail/support';
import { agreed } from '../placements/helpers';

const clock = fakeClock('2026-01-05T09:00:00Z');
const period = { from: '2026-01-01', to: '2026-06-30' };
let t: TestApp;
let provider: Awaited<ReturnType<typeof orgWithKey>>;
let handlerB: Awaited<ReturnType<typeof issueKey>>;
let coordinator: string;
const P: Awaited<ReturnType<typeof createParticipant>>[] = [];
const at = (date: string) => clock.set(`${date}T09:00:00Z`);

async function ok<T>(res: { status: number; text: string; body: T }, status = 200) {
  expect(res.status, res.text).toBe(status);
  return res.body;
}

beforeAll(async () => {
  t = await createTestApp({ clock: clock.now });
  provider = await orgWithKey(t, 'provider', 'handler');
  handlerB = await issueKey(t, provider.org.id, 'handler');
  coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
  // Four employers: S1 competitive (4322), S2 work training (5120), S3 work trial (9412), S4 subsidised (4322).
  const slots: {
    slot: Awaited<ReturnType<typeof createSlot>>;
    employer: Awaited<ReturnType<typeof orgWithKey>>;
  }[] = [];
  for (const [kind, ssyk] of [
    ['competitive_job', '4322'],
    ['work_training', '5120'],
    ['work_trial', '9412'],
    ['subsidized_job', '4322'],
  ]) {
    const employer = await orgWithKey(t, 'employer', 'employer');
    const sup = await createSupervisor(t, employer.key, { maxParticipants: 5 });
    const slot = await createSlot(t, employer.key, [sup.id], {
      kind,
      occupation: { ssyk, label: 'Yrke' },
      capacity: 5,
      startDate: '2026-01-01',
    });
    slots.push({ slot, employer });
  }
  // 2026-01-05: handler A registers P1–P6, handler B P7–P10.
  for (let i = 0; i < 10; i++) P.push(await createParticipant(t, i < 6 ? provider.key : handlerB.key));

  const contact = (key: string, date: string, participantId?: string) =>
    t
      .call('POST', '/v1/employer-contacts', {
        key,
        body: {
          employerOrganizationId: slots[0]!.employer.org.id,
          date,
          channel: 'visit',
          outcome: 'Bra möte.',
          participantId,
        },
      })
      .then((r) => ok(r, 201));
  // First employer contacts: logged for P1 (day 5), P2 (day 10), P3 (day 20) …
  at('2026-01-30');
  await contact(provider.key, '2026-01-10', P[0]!.id);
  await contact(provider.key, '2026-01-15', P[1]!.id);
  await contact(provider.key, '2026-01-25', P[2]!.id);
  // … and 7 more by A, 8 by B: 18 contacts in the period.
  for (let i = 0; i < 7; i++) await contact(provider.key, '2026-01-20');
  for (let i = 0; i < 8; i++) await contact(handlerB.key, '2026-01-21');

  const propose = async (p: { id: string } | undefined, s: number) => {
    const res = await t.call('POST', '/v1/placements', {
      key: provider.key,
      body: { participantId: p!.id, slotId: slots[s]!.slot.id, disclose: [] },
    });
    const placement = await ok(res, 201);
    await ok(
      await t.call('POST', `/v1/placements/${placement.id}/accept`, {
        key: slots[s]!.employer.key,
        body: {},
      }),
    );
    await agreed(t, { provider: provider.key, employer: slots[s]!.employer.key }, placement.id);
    return placement.id as string;
  };
  // … proposals for P4 (day 30), P5 (day 50), P6 (day 60); P1–P3 later, after their contacts.
  at('2026-01-30');
  const ids = [await propose(P[0], 0), await propose(P[1], 1), await propose(P[2], 2)];
  at('2026-02-04');
  ids.push(await propose(P[3], 3));
  at('2026-02-24');
  ids.push(await propose(P[4], 0));
  at('2026-03-06');
  ids.push(await propose(P[5], 1));

  at('2026-07-01');
  const starts = ['2026-02-02', '2026-02-02', '2026-03-02', '2026-03-02', '2026-04-01', '2026-04-01'];
  for (const [i, id] of ids.entries())
    await ok(
      await t.call('POST', `/v1/placements/${id}/start`, { key: provider.key, body: { date: starts[i] } }),
    );
  const checkIns: string[][] = [
    [
      '2026-02-04',
      '2026-02-10',
      '2026-02-17',
      '2026-02-24',
      '2026-03-20',
      '2026-04-20',
      '2026-05-20',
      '2026-06-20',
    ],
    ['2026-02-07', '2026-02-14'],
    ['2026-03-03', '2026-03-09', '2026-03-16', '2026-03-23'],
    ['2026-03-05', '2026-03-11'],
    [],
    ['2026-04-01', '2026-04-08', '2026-04-15', '2026-04-22', '2026-05-20', '2026-06-20'],
  ];
  for (const [i, id] of ids.entries())
    for (const date of checkIns[i]!)
      await ok(
        await t.call('POST', `/v1/placements/${id}/check-ins`, {
          key: provider.key,
          body: { date, with: 'participant', note: 'Avstämning.' },
        }),
        201,
      );
  // P2's work training ends in a hire to unsubsidised work; P3's trial ends in job-seeking.
  await ok(
    await t.call('POST', `/v1/placements/${ids[1]}/end`, {
      key: provider.key,
      body: { date: '2026-05-29', outcome: 'unsubsidized_work', hiredByEmployer: true },
    }),
  );
  await ok(
    await t.call('POST', `/v1/placements/${ids[2]}/end`, {
      key: provider.key,
      body: { date: '2026-05-01', outcome: 'job_seeking', hiredByEmployer: false },
    }),
  );
  await t.app.drainOutbox();
}, 180_000);
afterAll(() => t.close());

describe('IPS process figures over a hand-computed caseload', () => {
  it('the raw figures are the hand-computed ones', async () => {
    const scope = { providerId: provider.org.id };
    const today = '2026-07-01';
    const report = fidelityReport({
      scope,
      period,
      now: clock.now().toISOString(),
      today,
      participants: await participantFacts(t.db, scope, period.to),
      placements: await placementFacts(t.db, scope, period),
      caseloads: await caseloads(t.db, scope),
      contacts: await contactsPerUser(t.db, scope, period),
      followAlong: await followAlongFacts(t.db, scope, period, today),
      milestones: await milestoneFacts(t.db, scope, period),
    });
    const items = Object.fromEntries(
      report.tables[0]!.rows.map((r) => [r.key, { figure: r.cells.figure, n: r.cells.n }]),
    );
    expect(Object.keys(items).length).toBeGreaterThanOrEqual(9);
    expect(items).toEqual({
      caseload: { figure: 5, n: 10 }, // (6 + 4) / 2 handlers
      days_to_first_employer_contact: { figure: 25, n: 6 }, // median of 5, 10, 20, 30, 50, 60
      employer_contacts_per_week: { figure: 0.3, n: 10 }, // 18 / 2 handlers / (181 days / 7)
      zero_exclusion: { figure: 0.6, n: 10 }, // 6 of 10 had an employer contact
      days_to_first_competitive_job: { figure: 86, n: 3 }, // P1 28 (start), P5 86 (start), P2 144 (hire)
      employer_diversity: { figure: 4 / 6, n: 6 }, // 4 employers over 6 starts
      occupation_diversity: { figure: 0.5, n: 6 }, // 3 SSYK groups over 6 starts
      competitive_jobs: { figure: 0.75, n: 4 }, // P1, P5, P2's hire of P1, P4, P5 + P2's hire
      contact_within_3_days: { figure: 4 / 6, n: 6 }, // P1, P3, P4, P6
      weekly_first_month: { figure: 0.5, n: 6 }, // P1, P3, P6
      monthly_after_first_month: { figure: 0.4, n: 5 }, // of P1, P2, P4, P5, P6 (P3 ran 60 days): P1, P6
      support_after_hire: { figure: null, n: 0 }, // P2's 3-month follow-up falls due 2026-08-29
      trials_lead_on: { figure: 87, n: 1 }, // trial first: 144 (P2); job first: 28, 86 → 57
    });
    const met = Object.fromEntries(report.tables[0]!.rows.map((r) => [r.key, r.cells.meets]));
    expect(met.caseload).toEqual({ sv: 'Ja', en: 'Yes' });
    expect(met.days_to_first_employer_contact).toEqual({ sv: 'Ja', en: 'Yes' });
    expect(met.employer_contacts_per_week).toEqual({ sv: 'Nej', en: 'No' });
    expect(met.trials_lead_on).toEqual({ sv: 'Nej', en: 'No' });
    const caseload = Object.fromEntries(report.tables[1]!.rows.map((r) => [r.label.sv, r.cells.active]));
    expect(Object.values(caseload).sort()).toEqual([4, 6]);
  });

  it('the answer withholds figures over fewer than 5 and shows the rest', async () => {
    const res = await t.call('GET', `/v1/reports/fidelity?from=${period.from}&to=${period.to}`, {
      key: coordinator,
    });
    expect(res.status, res.text).toBe(200);
    const rows = Object.fromEntries(res.body.tables[0]!.rows.map((r) => [r.key, r.cells]));
    expect(rows.days_to_first_employer_contact).toMatchObject({ figure: 25, threshold: 30, n: 6 });
    expect(rows.zero_exclusion).toMatchObject({ figure: 0.6, n: 10, meets: { sv: 'Nej', en: 'No' } });
    expect(rows.competitive_jobs).toMatchObject({ figure: null, meets: null, n: '<5' });
    expect(rows.trials_lead_on).toMatchObject({ figure: null, n: '<5' });
    const caseload = res.body.tables[1]!.rows.map((r) => r.cells.active).sort();
    expect(caseload).toEqual([6, '<5']);
  });

  it('a handler sees their own caseload only', async () => {
    const res = await t.call('GET', `/v1/reports/fidelity?from=${period.from}&to=${period.to}`, {
      key: handlerB.key,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ withheld: true, population: '<5', tables: [] });
    const other = await t.call('GET', `/v1/reports/fidelity?handlerId=${provider.userId}`, {
      key: handlerB.key,
    });
    expect(other.status).toBe(403);
  });
});
