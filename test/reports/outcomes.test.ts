/**
 * Outcomes rebuilt from seeded events: Balder 2015 (DOMAIN.md: 54 exits, unsubsidised work 5,
 * subsidised work 10, studies 12, active job-seeking 4, other 23 → 57 % to work, studies or
 * job-seeking), first as the raw table the facts give, then as the protected answer everyone sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeCategories } from '../../db/schema';
import { milestoneFacts, participantFacts, placementFacts } from '../../src/services/reports/facts';
import { outcomesReport } from '../../src/services/reports/outcomes';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, issueKey, orgWithKey } from '../helpers/factories';
import { fakeClock } from '../mail/support';

const clock = fakeClock('2015-01-12T09:00:00Z');
let t: TestApp;
let provider: Awaited<ReturnType<typeof orgWithKey>>;
let coordinator: string;
const balder = { unsubsidized_work: 5, subsidized_work: 10, studies: 12, job_seeking: 4, other: 23 };
const period = { from: '2015-01-01', to: '2015-12-31' };

beforeAll(async () => {
  t = await createTestApp({ clock: clock.now });
  provider = await orgWithKey(t, 'provider', 'handler');
  coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
  const people = [];
  for (const _ of Array(54)) people.push(await createParticipant(t, provider.key));
  clock.set('2016-01-10T09:00:00Z');
  let i = 0;
  for (const category of outcomeCategories)
    for (let n = 0; n < balder[category]; n++, i++) {
      const res = await t.call('POST', `/v1/participants/${people[i]!.id}/exit`, {
        key: provider.key,
        body: { date: `2015-${String(2 + (i % 10)).padStart(2, '0')}-15`, outcome: category },
      });
      expect(res.status, res.text).toBe(201);
    }
}, 120_000);
afterAll(() => t.close());

describe('Balder 2015', () => {
  it('the facts rebuild the exits table: 5, 10, 12, 4, 23 of 54, 57 % to work, studies or job-seeking', async () => {
    const scope = { providerId: provider.org.id };
    const report = outcomesReport({
      scope,
      period,
      now: clock.now().toISOString(),
      today: '2016-01-10',
      participants: await participantFacts(t.db, scope, period.to),
      placements: await placementFacts(t.db, scope, period),
      milestones: await milestoneFacts(t.db, scope, period),
    });
    const exits = report.tables.find((x) => x.id === 'exits')!;
    const count = Object.fromEntries(exits.rows.map((r) => [r.key, r.cells.count]));
    expect(count).toMatchObject({
      ...balder,
      total: 54,
      work_or_studies: 27,
      work_studies_or_job_seeking: 31,
    });
    expect(Math.round((31 / 54) * 100)).toBe(57);
    expect(report.population).toBe(54);
  });

  it('the answer shows 4 as "<5", withholds what would reveal it, keeps 57 %', async () => {
    const res = await t.call('GET', `/v1/reports/outcomes?from=${period.from}&to=${period.to}`, {
      key: coordinator,
    });
    expect(res.status, res.text).toBe(200);
    const exits = res.body.tables.find((x) => x.id === 'exits');
    const cells = Object.fromEntries(exits!.rows.map((r) => [r.key, r.cells]));
    expect(cells.job_seeking).toEqual({ count: '<5', share: null });
    // With the total shown, 4 = 54 − the others: the smallest other part is withheld with it …
    expect(cells.unsubsidized_work).toEqual({ count: null, share: null });
    // … and "to work or studies" (27) would give 5 back, so it is withheld too.
    expect(cells.work_or_studies).toEqual({ count: null, share: null });
    expect(cells.subsidized_work).toEqual({ count: 10, share: 0.185 });
    expect(cells.studies).toEqual({ count: 12, share: 0.222 });
    expect(cells.other).toEqual({ count: 23, share: 0.426 });
    expect(cells.total).toEqual({ count: 54, share: 1 });
    expect(cells.work_studies_or_job_seeking).toEqual({ count: 31, share: 0.574 });
  });
});
