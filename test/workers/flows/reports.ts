/**
 * Exits, follow-ups and the follow-up reports on each driver: the report SQL (per-participant
 * subqueries, group_concat) and the exit's batch run on D1 and Turso as on libSQL.
 */
import { describe, expect, it } from 'vitest';
import { createParticipant, issueKey, orgWithKey } from '../../helpers/factories';
import type { Driver } from '../drivers';

export function reportFlows({ name, t }: Driver) {
  describe(`follow-up reports on ${name}`, () => {
    it('exits schedule follow-ups; outcomes and fidelity answer as JSON and CSV', async () => {
      const provider = await orgWithKey(t, 'provider', 'handler');
      const coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
      const outcomes = ['studies', 'studies', 'other', 'other', 'other', 'job_seeking'];
      for (const outcome of outcomes) {
        const p = await createParticipant(t, provider.key);
        const exit = await t.call('POST', `/v1/participants/${p.id}/exit`, {
          key: provider.key,
          body: { outcome },
        });
        expect(exit.status, exit.text).toBe(201);
      }
      const due = await t.call('GET', '/v1/follow-ups?limit=100', { key: provider.key });
      expect(due.body.data).toHaveLength(18);

      const report = await t.call('GET', '/v1/reports/outcomes', { key: coordinator });
      expect(report.status, report.text).toBe(200);
      const exits = report.body.tables.find((x) => x.id === 'exits');
      const count = Object.fromEntries(exits!.rows.map((r) => [r.key, r.cells.count]));
      expect(count).toMatchObject({ other: '<5', studies: '<5', total: 6 });

      const csv = await t.call('GET', '/v1/reports/fidelity?format=csv', { key: coordinator });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.text).toContain('IPS-processmått');
    });

    it('supply, payoff, one person’s calculation and the SUS export answer', async () => {
      const provider = await orgWithKey(t, 'provider', 'handler');
      const coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
      for (let i = 0; i < 5; i++) await createParticipant(t, provider.key);
      const supply = await t.call('GET', '/v1/reports/supply', { key: coordinator });
      expect(supply.status, supply.text).toBe(200);
      expect(supply.body.population).toBe(5);
      const payoff = await t.call('GET', '/v1/reports/payoff', { key: coordinator });
      expect(payoff.status, payoff.text).toBe(200);
      const person = await t.call('GET', '/v1/reports/payoff/person', { key: coordinator });
      const totals = person.body.tables.find((x) => x.id === 'totals')!;
      expect(totals.rows.find((r) => r.key === 'society')?.cells.yearly).toBe(510_319);
      const sus = await t.call('GET', '/v1/reports/sus-export', { key: coordinator });
      expect(sus.status, sus.text).toBe(200);
      expect(sus.body.rows).toHaveLength(5);
    });
  });
}
