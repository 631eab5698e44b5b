/**
 * The socio-economic estimate after Payoff. The example under "Nyckeltal" (seeds/003): social
 * assistance 8,000 kr a month → unsubsidized full-time work at 23,000 kr a month gives society about
 * 510,000 kr a year and the municipality about 180,000 kr, 60,000 of it tax; then the programme's key
 * figures over seeded exits, and every assumption stated and adjustable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSUMPTIONS,
  DEFAULT_ASSUMPTIONS,
  personTerms,
  personValue,
} from '../../src/services/reports/payoff/model';
import { monthsInWork, payoffReport } from '../../src/services/reports/payoff/report';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, issueKey, orgWithKey } from '../helpers/factories';
import { fakeClock } from '../mail/support';

const about = (x: number, target: number, tolerance: number) =>
  expect(Math.abs(x - target), `${x} is about ${target}`).toBeLessThanOrEqual(tolerance);

describe('one person (Payoff’s example)', () => {
  it('8,000 kr social assistance → 23,000 kr wage: about 510,000 for society, 180,000 for the municipality, 60,000 of it tax', () => {
    const terms = personTerms(DEFAULT_ASSUMPTIONS);
    const v = personValue(terms);
    about(v.society, 510_000, 5_000);
    about(v.municipality, 180_000, 2_000);
    about(terms.find((t) => t.key === 'municipal_tax')!.yearly, 60_000, 1_000);
    // Term by term: 276,000 + 86,719 + 27,600 + 96,000 + 24,000.
    expect(Object.fromEntries(terms.map((t) => [t.key, t.yearly]))).toMatchObject({
      wage: 276_000,
      employer_contributions: 86_719,
      agreed_costs: 27_600,
      benefit: 96_000,
      handling: 24_000,
    });
  });

  it('without counting the benefit (a transfer), society’s value is the sum of the parties’', () => {
    const v = personValue(personTerms({ ...DEFAULT_ASSUMPTIONS, countBenefitForSociety: false }));
    const parties = (['municipality', 'state', 'person', 'agreement'] as const).map(v.byParty);
    expect(v.society).toBe(parties.reduce((a, b) => a + b, 0));
    expect(v.society).toBe(510_319 - 96_000);
  });

  it('subsidized work is valued at the wage cost less the subsidy', () => {
    const full = personValue(personTerms(DEFAULT_ASSUMPTIONS)).society;
    const sub = personValue(personTerms(DEFAULT_ASSUMPTIONS, true)).society;
    expect(full - sub).toBe(Math.round(390_319.2 * 0.5));
  });

  it('names a source for every assumption', () => {
    for (const info of Object.values(ASSUMPTIONS)) {
      expect(info.source.sv.length).toBeGreaterThan(20);
      expect(info.source.en.length).toBeGreaterThan(20);
    }
  });
});

describe('months in work after an exit', () => {
  it('12 unless a follow-up finds the person out of work; unanswered or not reached keeps the count', () => {
    const exit = (outcome: 'unsubsidized_work' | 'studies', followUps: [number, string | null][]) =>
      monthsInWork({ outcome, followUps: followUps.map(([months, situation]) => ({ months, situation })) });
    expect(exit('unsubsidized_work', [])).toBe(12);
    expect(
      exit('unsubsidized_work', [
        [3, 'unsubsidized_work'],
        [6, null],
        [12, null],
      ]),
    ).toBe(12);
    expect(
      exit('unsubsidized_work', [
        [3, 'not_reached'],
        [6, 'job_seeking'],
      ]),
    ).toBe(3);
    expect(
      exit('unsubsidized_work', [
        [6, 'other'],
        [3, 'subsidized_work'],
      ]),
    ).toBe(3);
    expect(exit('unsubsidized_work', [[3, 'studies']])).toBe(0);
    expect(exit('studies', [[3, 'unsubsidized_work']])).toBe(0);
  });
});

describe('the programme’s key figures', () => {
  it('verkningsgrad, payback and cost per percent from the exits', () => {
    const r = payoffReport({
      scope: { providerId: 'org_x' },
      period: { from: '2025-01-01', to: '2025-12-31' },
      now: '2026-01-01T00:00:00Z',
      exits: [
        ...Array.from({ length: 5 }, () => ({ outcome: 'unsubsidized_work' as const, followUps: [] })),
        { outcome: 'unsubsidized_work', followUps: [{ months: 3, situation: 'job_seeking' }] },
        ...Array.from({ length: 4 }, () => ({ outcome: 'other' as const, followUps: [] })),
      ],
      assumptions: DEFAULT_ASSUMPTIONS,
      programme: { costPerParticipant: 80_000, potentialYearly: 600_000 },
    });
    const figures = Object.fromEntries(
      r.tables.find((t) => t.id === 'key_figures')!.rows.map((x) => [x.key, x.cells.value]),
    );
    // 5 × 510,319 (the sixth left work before 3 months: 0); 10 exits × 600,000 and × 80,000.
    expect(figures.value_society).toBe(5 * 510_319);
    expect(figures.exclusion_cost).toBe(6_000_000);
    expect(figures.programme_cost).toBe(800_000);
    expect(figures.efficiency).toBe(Math.round((2_551_595 / 6_000_000) * 1000) / 1000);
    expect(figures.payback_months).toBe(Math.round((800_000 / (2_551_595 / 12)) * 10) / 10);
    expect(figures.cost_per_percent).toBe(Math.round(80_000 / ((2_551_595 / 6_000_000) * 100)));
    expect(r.population).toBe(10);
  });
});

describe('over HTTP', () => {
  const clock = fakeClock('2025-01-10T09:00:00Z');
  let t: TestApp;
  let handler: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: clock.now });
    const provider = await orgWithKey(t, 'provider', 'handler');
    handler = provider.key;
    coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
    const people = [];
    for (const _ of Array(7)) people.push(await createParticipant(t, handler));
    clock.set('2025-09-01T09:00:00Z');
    for (const [i, p] of people.entries()) {
      const outcome = i < 5 ? 'unsubsidized_work' : 'other';
      const res = await t.call('POST', `/v1/participants/${p.id}/exit`, {
        key: handler,
        body: { date: '2025-06-15', outcome },
      });
      expect(res.status, res.text).toBe(201);
    }
  }, 60_000);
  afterAll(() => t.close());

  it('person: the example term by term, every input stated and adjustable', async () => {
    const res = await t.call('GET', '/v1/reports/payoff/person?benefitMonthly=8000&salaryMonthly=23000', {
      key: coordinator,
    });
    expect(res.status, res.text).toBe(200);
    const totals = res.body.tables.find((x) => x.id === 'totals')!;
    const yearly = Object.fromEntries(totals.rows.map((r) => [r.key, r.cells.yearly]));
    expect(yearly).toMatchObject({ society: 510_319, municipality: 180_002, municipal_tax: 60_002 });
    const inputs = res.body.tables.find((x) => x.id === 'inputs')!;
    expect(inputs.rows.map((r) => r.key)).toEqual(Object.keys(ASSUMPTIONS));
    for (const r of inputs.rows) expect(r.cells.parameter).toBe(r.key);

    const changed = await t.call(
      'GET',
      '/v1/reports/payoff/person?benefitMonthly=0&salaryMonthly=20000&agreementCostRate=0&handlingMonthly=0',
      { key: handler },
    );
    const society = changed.body.tables.find((x) => x.id === 'totals')!.rows.find((r) => r.key === 'society');
    expect(society?.cells.yearly).toBe(Math.round(240_000 * 1.3142));
  });

  it('person: refuses a negative wage or a rate over 1, in the problem shape', async () => {
    const res = await t.call('GET', '/v1/reports/payoff/person?salaryMonthly=-1&municipalTaxRate=1.5', {
      key: coordinator,
    });
    expect(res.status).toBe(400);
    expect(res.problem.errors?.map((e) => e.path).sort()).toEqual([
      'query.municipalTaxRate',
      'query.salaryMonthly',
    ]);
  });

  it('programme: the period’s exits, the key figures and the inputs; CSV with BOM', async () => {
    const res = await t.call(
      'GET',
      '/v1/reports/payoff?from=2025-01-01&to=2025-12-31&costPerParticipant=100000',
      { key: coordinator },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.population).toBe(7);
    const figures = Object.fromEntries(
      res.body.tables.find((x) => x.id === 'key_figures')!.rows.map((r) => [r.key, r.cells.value]),
    );
    expect(figures.value_society).toBe(5 * 510_319);
    expect(figures.programme_cost).toBe(700_000);
    const exits = Object.fromEntries(
      res.body.tables.find((x) => x.id === 'exits')!.rows.map((r) => [r.key, r.cells.count]),
    );
    expect(exits).toMatchObject({ unsubsidized_work: 5, other: '<5', total: 7 });
    const inputs = res.body.tables.find((x) => x.id === 'inputs')!;
    expect(inputs.rows.find((r) => r.key === 'costPerParticipant')?.cells.value).toBe(100_000);

    const csv = await t.app.request('/v1/reports/payoff?from=2025-01-01&to=2025-12-31', {
      headers: { authorization: `Bearer ${coordinator}`, accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('Verkningsgrad;');
  });

  it('programme: fewer than 5 exits says so instead of figures', async () => {
    const res = await t.call('GET', '/v1/reports/payoff?from=2025-07-01&to=2025-12-31', { key: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.withheld).toBe(true);
    expect(res.body.tables).toEqual([]);
  });
});
