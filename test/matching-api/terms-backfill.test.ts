/**
 * Slots written before `slots.match_terms` (or under an older key function) get current terms from
 * the backfill the Workers cron and the Node outbox loop run: a bounded batch a run, found by a
 * seek of their version index (never a read of the registry), and a slot written meanwhile keeps
 * the terms its write stored.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryRows } from '../../bench/lib/registry-rows';
import { slotSupervisors, slots, supervisors } from '../../db/schema';
import { createLogger } from '../../src/lib/logger';
import { matchTermsVersion, storedMatchTerms } from '../../src/matching/terms';
import { startOutboxLoop } from '../../src/outbox/loop';
import { type StaleRow, staleStatement, storeTerms } from '../../src/services/matching/terms-backfill';
import type { TestApp } from '../helpers/app';
import { slot } from '../matching/fixtures';
import { REGISTRY_NOW, registryTestApp } from './registry-owner';

const NOW = REGISTRY_NOW;
let t: TestApp;

const registry = Array.from({ length: 40 }, (_, i) =>
  slot({
    id: `slt_${String(i).padStart(26, '0')}`,
    title: i % 2 ? 'Bageribiträde' : 'Lagerarbetare',
    tasks: i % 3 ? ['Baka bröd', 'Diska'] : ['Plocka order'],
    occupationLabel: i % 2 ? 'Bagare' : 'Lagerarbetare',
  }),
);
/** Missing, of an older key function (sorting before and after the current one), or current. */
const storedAs = (i: number) =>
  [null, 'v0 lag ', 'vzzzzzzzzz bak ', storedMatchTerms(registry[i]!)][i % 4] ?? null;

beforeAll(async () => {
  t = await registryTestApp();
  const rows = registryRows(registry, 'org', NOW);
  await t.db.batch([
    t.db.insert(supervisors).values(rows.supervisors),
    t.db.insert(slots).values(rows.slots.map((s, i) => ({ ...s, matchTerms: storedAs(i) }))),
    t.db.insert(slotSupervisors).values(rows.links),
  ]);
});
afterAll(() => t.close());

const termsById = async () =>
  new Map(
    (await t.db.select({ id: slots.id, terms: slots.matchTerms }).from(slots)).map((r) => [r.id, r.terms]),
  );

describe('the match terms backfill', () => {
  it('finds the slots that need it by seeking their version index, not by reading every slot', async () => {
    const steps = await t.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${staleStatement(10)}`);
    const reads = steps.map((s) => s.detail).filter((d) => /slots/.test(d));
    expect(reads).toHaveLength(2);
    for (const d of reads)
      expect(d).toMatch(/^SEARCH slots USING INDEX slots_terms_version_idx \(<expr>[<>]\?\)$/);
  });

  it('keeps the terms a write stored after the backfill read the slot', async () => {
    const stale = await t.db.all<StaleRow>(staleStatement(40));
    const written = stale.find((r) => r.match_terms === null)!;
    // A slot write between the read and the update stores its own (current) terms.
    await t.db
      .update(slots)
      .set({ title: 'Kafébiträde', matchTerms: 'v1 written ' })
      .where(eq(slots.id, written.id));
    const updated = await storeTerms(t.db, stale);
    expect(updated).not.toContain(written.id);
    expect(updated).toHaveLength(stale.length - 1);
    expect((await termsById()).get(written.id)).toBe('v1 written ');
    // Put it back as it was for the next test.
    await t.db
      .update(slots)
      .set({ title: registry.find((s) => s.id === written.id)!.title, matchTerms: null })
      .where(eq(slots.id, written.id));
    await t.db.update(slots).set({ matchTerms: null });
  });

  it('fills in a bounded batch a run until every slot has current terms; then a run reads nothing', async () => {
    const app = t.app;
    const runs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const run = await app.backfillMatchTerms({ limit: 7 });
      runs.push(run.updated);
      expect(run.updated).toBeLessThanOrEqual(7);
      if (!run.more) break;
    }
    expect(runs.reduce((a, b) => a + b, 0)).toBe(40);
    const terms = await termsById();
    for (const s of registry) expect(terms.get(s.id)).toBe(storedMatchTerms(s));
    expect(await t.db.all(staleStatement(10))).toEqual([]);
    expect(await app.backfillMatchTerms()).toEqual({ updated: 0, more: false });
    expect(matchTermsVersion()).toMatch(/^v[0-9a-z]+\.[0-9a-z]+$/);
  });

  it('runs after each pass of the Node outbox loop', async () => {
    await t.db.update(slots).set({ matchTerms: 'v0 ' });
    let ran!: () => void;
    const chored = new Promise<void>((resolve) => {
      ran = resolve;
    });
    const loop = startOutboxLoop(t.db, t.app.outboxHandlers, createLogger('error'), {
      intervalMs: 60_000,
      chore: async () => {
        await t.app.backfillMatchTerms({ limit: 100 });
        ran();
      },
    });
    await chored;
    await loop.stop();
    const terms = await termsById();
    for (const s of registry) expect(terms.get(s.id)).toBe(storedMatchTerms(s));
  });
});
