/**
 * One invocation takes on a bounded amount of outbox work (Workers cap calls per invocation): the
 * drain gives each pass what is left of the call budget, and stops when nothing more is due.
 */
import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/adapters/db/d1-usage';
import type { App } from '../../src/app';
import { backfillTermsWithin, drainUntilIdle, TERMS_BATCHES_PER_RUN } from '../../src/entry/worker-drain';
import { type DrainOptions, PASS_CALLS, ROW_RESERVE } from '../../src/outbox/outbox';

/**
 * An app whose outbox has `due` rows, each costing `perRow` calls, that claims what its budget
 * allows as the real drain does; it counts its calls in `usage`.
 */
function appWithBacklog(due: number, perRow = 3) {
  const usage = emptyUsage();
  let left = due;
  const passes: number[] = [];
  const app = {
    drainOutbox: async ({ batchSize = 50, budget }: DrainOptions = {}) => {
      const affordable = budget ? Math.floor((budget.limit - PASS_CALLS) / ROW_RESERVE) : batchSize;
      const claimed = Math.max(0, Math.min(batchSize, affordable, left));
      left -= claimed;
      usage.calls += 1 + (claimed > 0 ? 1 + claimed * perRow : 0);
      passes.push(claimed);
      return { claimed, done: claimed, retried: 0, failed: 0 };
    },
  };
  return { app: app as unknown as App, usage, passes, left: () => left };
}

describe('drainUntilIdle', () => {
  it('stops when the call budget is spent, even when more is due', async () => {
    const { app, usage, left } = appWithBacklog(10_000);
    const result = await drainUntilIdle(app, usage, { calls: 500 });
    expect(usage.calls).toBeLessThanOrEqual(500);
    expect(result.claimed).toBeGreaterThan(0);
    expect(left()).toBe(10_000 - result.claimed);
  });

  it('stops once nothing more is due', async () => {
    const { app, usage, passes } = appWithBacklog(30);
    expect((await drainUntilIdle(app, usage)).claimed).toBe(30);
    expect(passes.at(-1)).toBe(0);
  });

  it('after a write, runs one pass within what the request left', async () => {
    const { app, usage, passes } = appWithBacklog(10_000);
    await drainUntilIdle(app, usage, { calls: 40, passes: 1 });
    expect(passes).toHaveLength(1);
    expect(usage.calls).toBeLessThanOrEqual(40);
  });
});

/** An app with `stale` slots whose terms need filling in, 200 a batch, two calls a batch. */
function appWithStaleTerms(stale: number) {
  const usage = emptyUsage();
  let left = stale;
  const app = {
    backfillMatchTerms: async () => {
      usage.calls += 2;
      const updated = Math.min(200, left);
      left -= updated;
      return { updated, more: updated === 200 };
    },
  };
  return { app: app as unknown as App, usage, left: () => left };
}

describe('backfillTermsWithin', () => {
  it('fills in its batches a run when the budget allows, and none it cannot pay for', async () => {
    const big = appWithStaleTerms(10_000);
    expect(await backfillTermsWithin(big.app, big.usage, { calls: 500 })).toBe(200 * TERMS_BATCHES_PER_RUN);
    expect(big.usage.calls).toBe(2 * TERMS_BATCHES_PER_RUN);
    const poor = appWithStaleTerms(10_000);
    expect(await backfillTermsWithin(poor.app, poor.usage, { calls: 3 })).toBe(200);
    expect(await backfillTermsWithin(poor.app, poor.usage, { calls: 1 })).toBe(0);
    expect(poor.usage.calls).toBe(2);
  });

  it('stops once nothing more needs it', async () => {
    const few = appWithStaleTerms(30);
    expect(await backfillTermsWithin(few.app, few.usage, { calls: 500 })).toBe(30);
    expect(few.usage.calls).toBe(2);
  });
});
