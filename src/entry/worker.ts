/**
 * Cloudflare Workers entry: the same `createApp` as Node, over D1 or Turso. Only wiring lives here.
 *
 * - `fetch` serves the API; after a successful write it drains the outbox in `waitUntil` (after the
 *   response is sent), so the search index follows within moments.
 * - `scheduled` (the Cron Trigger in wrangler.toml) drains whatever is due: retries, delayed work,
 *   and anything a `waitUntil` drain did not finish. It is the safety net that makes effects
 *   at-least-once.
 */
import type { ExecutionContext } from 'hono';
import { type DbUsage, usageSince } from '../adapters/db/d1-usage';
import type { App } from '../app';
import type { ConfigError } from '../config';
import { describeFault } from '../lib/faults';
import { problem } from '../lib/problem';
import type { DrainResult } from '../outbox/outbox';
import { type WorkerEnv, workerApp } from './worker-app';

/** What the runtime passes to `scheduled`; declared here because the project is typed for Node. */
export interface ScheduledEvent {
  cron: string;
  scheduledTime: number;
}

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

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
const SPARE_CALLS = 3;
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

/** A problem document naming each bad setting (never its value), for every request until fixed. */
function misconfigured(error: ConfigError) {
  const body = problem(
    503,
    'The service is not configured correctly. An operator must fix the settings listed in `errors` and deploy again.',
    error.issues.map((i) => ({ path: i.setting, message: i.message })),
    'misconfigured',
  );
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '300' },
  });
}

/** The header that tells, outside production, what one request asked of the database. */
export const D1_USAGE_HEADER = 'x-d1-usage';

/**
 * Adds what the request cost in D1 (calls, statements, rows read and written) to its answer. The
 * meter is per isolate, so requests running at the same moment share the figures; benchmarks and
 * tests send one request at a time.
 */
async function withUsage(
  response: Response | Promise<Response>,
  usage: DbUsage,
  before: DbUsage,
): Promise<Response> {
  const res = await response;
  const d = usageSince(before, usage);
  const headers = new Headers(res.headers);
  headers.set(
    D1_USAGE_HEADER,
    `calls=${d.calls}; statements=${d.statements}; rows-read=${d.rowsRead}; rows-written=${d.rowsWritten}; wait-ms=${d.waitMs}`,
  );
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    const built = workerApp(env);
    if (!built.ok) return misconfigured(built.error);
    const { app, usage, logger } = built;
    const before = { ...usage };
    const served = app.fetch(request, env, ctx);
    const response = built.showUsage ? withUsage(served, usage, before) : served;
    if (built.config.OUTBOX_DRAIN_AFTER_WRITE && !readOnly.has(request.method)) {
      ctx.waitUntil(
        Promise.resolve(response).then(async (res) => {
          if (res.status >= 400) return; // a refused write wrote nothing
          // What the request left of the Free plan's calls for this invocation.
          const calls = FREE_PLAN_CALLS - SPARE_CALLS - (usage.calls - before.calls);
          try {
            await drainUntilIdle(app, usage, { calls, passes: 1 });
          } catch (err) {
            // The cron retries whatever is left; the response has gone out already.
            logger.warn('outbox drain after write failed', describeFault(err));
          }
        }),
      );
    }
    return response;
  },

  async scheduled(event: ScheduledEvent, env: WorkerEnv, _ctx: ExecutionContext): Promise<void> {
    const built = workerApp(env);
    if (!built.ok) throw built.error; // shows as a failed cron run, with every bad setting named
    const result = await drainUntilIdle(built.app, built.usage);
    if (result.claimed) built.logger.info('outbox cron', { cron: event.cron, ...result });
  },
};
