/**
 * On D1, the cron fills in the match terms of slots written before the column, after its drain: a
 * bounded batch a run, a few calls (within even the Free plan's 50 per invocation), reading the
 * slots that need it and not the registry, until every slot has current terms.
 */
import { env } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulkInsertStatements } from '../../bench/lib/bulk-insert';
import { organizations, slotSupervisors, slots, supervisors } from '../../db/schema';
import { openD1 } from '../../src/adapters/db/d1';
import { meteredD1 } from '../../src/adapters/db/d1-usage';
import { FREE_PLAN_CALLS } from '../../src/entry/worker-drain';
import { storedMatchTerms } from '../../src/matching/terms';
import { TERMS_BATCH } from '../../src/services/matching/terms-backfill';
import { scaleRegistry } from '../helpers/scale-registry';
import { runCron } from './helpers';

const NOW = new Date().toISOString();
const ORG = 'org_01J00000000000000000000005';
const db = openD1(env.DB);
// 3,000 slots with current terms and 500 written before the column, around Umeå.
const current = scaleRegistry([{ lat: 63.83, lon: 20.26, spreadKm: 10, count: 3000 }], {
  organizationId: ORG,
  now: NOW,
  firstId: 300_000,
});
const old = scaleRegistry([{ lat: 63.83, lon: 20.26, spreadKm: 10, count: 500 }], {
  organizationId: ORG,
  now: NOW,
  firstId: 310_000,
  seed: 9,
});

beforeAll(async () => {
  const statements = [
    ...bulkInsertStatements(organizations, [
      {
        id: ORG,
        name: 'Umeå Arbetsplatser AB',
        kind: 'employer',
        organizationNumber: '5566778822',
        contactEmail: 'info@example.se',
        municipalityCode: '2480',
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]),
    ...bulkInsertStatements(supervisors, [...current.rows.supervisors, ...old.rows.supervisors]),
    ...bulkInsertStatements(slots, [
      ...current.rows.slots,
      ...old.rows.slots.map((s) => ({ ...s, matchTerms: null })),
    ]),
    ...bulkInsertStatements(slotSupervisors, [...current.rows.links, ...old.rows.links]),
  ];
  await env.DB.batch(
    statements.map((s) => (env.DB.prepare(s.sql) as { bind(v: unknown): unknown }).bind(s.rows)),
  );
}, 60_000);

const missing = async () =>
  (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM slots WHERE match_terms IS NULL`))[0]!.n;

describe('the cron’s match terms backfill on D1', () => {
  it('fills in two batches a run, in a few calls, reading the slots that need it and not the registry', async () => {
    const runs: { calls: number; rowsRead: number; filled: number }[] = [];
    for (let run = 0; run < 5 && (await missing()) > 0; run++) {
      const metered = meteredD1(env.DB);
      const before = await missing();
      await runCron({ ...env, DB: metered.binding });
      runs.push({
        calls: metered.usage.calls,
        rowsRead: metered.usage.rowsRead,
        filled: before - (await missing()),
      });
    }
    console.log('cron runs with the terms backfill', runs);
    expect(await missing()).toBe(0);
    expect(runs.map((r) => r.filled)).toEqual([2 * TERMS_BATCH, 500 - 2 * TERMS_BATCH]);
    for (const r of runs) {
      expect(r.calls).toBeLessThanOrEqual(FREE_PLAN_CALLS);
      // A few rows per slot filled in (its index entry and row read, the update's own reads);
      // reading the registry would be 3,500 rows for every batch.
      expect(r.rowsRead).toBeLessThanOrEqual(8 * r.filled + 50);
    }
    const [sample] = await db.select().from(slots).where(eq(slots.id, old.slots[0]!.id));
    expect(sample!.matchTerms).toBe(storedMatchTerms(old.slots[0]!));
  }, 60_000);
});
