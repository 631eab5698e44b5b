/**
 * How the Worker drains the outbox within the per-invocation call limits (used by worker.ts).
 */
import type { DbUsage } from '../adapters/db/d1-usage';
import type { App } from '../app';
import type { DrainResult } from '../outbox/outbox';

/**
 * How much outbox work one invocation takes on. Every query is a D1 query or (Turso) a subrequest,
 * and Workers allow 50 of those per invocation on the Free plan and 1,000 on Paid. The drain counts
 * the calls made (the database binding is counted, see worker-app.ts) and claims only the rows its
 * budget can finish: after a write, what the request left of 50; a cron run, half of 1,000. What is
 * left waits for the next run, every minute. Passes of up to 100 rows: one claim, one batch of
 * outcomes, and the handlers' own calls (the search index takes a pass's rows in one read and one
 * write).
 */
export const FREE_PLAN_CALLS = 50;
export const CRON_CALLS = 500;
/** Calls kept back for whatever else the invocation does. */
export const SPARE_CALLS = 3;
const PASS_SIZE = 100;
/** Stop starting new passes after this long, well inside a Cron invocation's limits. */
const CRON_BUDGET_MS = 20_000;

/**
 * Drains pass after pass until nothing more is due, the call budget is spent (a pass then claims
 * nothing) or time is up.
 */
export async function drainUntilIdle(
  app: App,
  usage: DbUsage,
  { calls = CRON_CALLS, passes = Number.POSITIVE_INFINITY, budgetMs = CRON_BUDGET_MS } = {},
): Promise<DrainResult> {
  const started = Date.now();
  const startCalls = usage.calls;
  const total: DrainResult = { claimed: 0, done: 0, retried: 0, failed: 0 };
  for (let i = 0; i < passes; i++) {
    // This pass may spend what the earlier ones left.
    const budget = { used: () => usage.calls, limit: calls - (usage.calls - startCalls) };
    const pass = await app.drainOutbox({ batchSize: PASS_SIZE, budget });
    total.claimed += pass.claimed;
    total.done += pass.done;
    total.retried += pass.retried;
    total.failed += pass.failed;
    if (pass.claimed === 0 || Date.now() - started > budgetMs) break;
  }
  return total;
}

/**
 * Batches of slots' match terms a cron run fills in (src/services/matching/terms-backfill.ts), two
 * calls each, after the drain and only within what it left of the budget: 400 slots a minute fill
 * in a registry of 100,000 written before the column in about four hours, at 4 calls a run (within
 * even the Free plan's 50).
 */
export const TERMS_BATCHES_PER_RUN = 2;
const TERMS_BATCH_CALLS = 2;

export async function backfillTermsWithin(
  app: App,
  usage: DbUsage,
  { calls, batches = TERMS_BATCHES_PER_RUN }: { calls: number; batches?: number },
): Promise<number> {
  const startCalls = usage.calls;
  let updated = 0;
  for (let i = 0; i < batches && usage.calls - startCalls + TERMS_BATCH_CALLS <= calls; i++) {
    const run = await app.backfillMatchTerms();
    updated += run.updated;
    if (!run.more) break;
  }
  return updated;
}
