/**
 * Cloudflare Workers entry: the same `createApp` as Node, over D1 or Turso. Only wiring lives here.
 *
 * - `fetch` serves the API; after a successful write it drains the outbox in `waitUntil` (after the
 *   response is sent), so the search index follows within moments.
 * - `scheduled` (the Cron Trigger in wrangler.toml) drains whatever is due: retries, delayed work,
 *   and anything a `waitUntil` drain did not finish. It is the safety net that makes effects
 *   at-least-once. With what is left of its call budget it fills in a batch of slots' match terms
 *   written before the column (worker-drain.ts `backfillTermsWithin`).
 *
 * The module exports only its handler: workerd reads every named export of the entry module as an
 * entrypoint and refuses to start on a constant (test/workers/entry.test.ts keeps it so).
 */
// First, so it notes when the bundle started evaluating (the timing header).
import './worker-clock';
import type { ExecutionContext } from 'hono';
import type { ConfigError } from '../config';
import { describeFault } from '../lib/faults';
import { createLogger } from '../lib/logger';
import { newRequestId, problem, withRequestId } from '../lib/problem';
import { type WorkerEnv, workerApp } from './worker-app';
import { evaluationStarted } from './worker-clock';
import {
  backfillTermsWithin,
  CRON_CALLS,
  drainUntilIdle,
  FREE_PLAN_CALLS,
  SPARE_CALLS,
} from './worker-drain';
import { withUsage } from './worker-usage';

/** How long the bundle took to evaluate (everything imported), and how many requests this isolate served. */
const evaluationMs = Date.now() - evaluationStarted;
let requests = 0;

/** What the runtime passes to `scheduled`; declared here because the project is typed for Node. */
export interface ScheduledEvent {
  cron: string;
  scheduledTime: number;
}

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A problem document naming each bad setting (never its value), for every request until fixed. */
function misconfigured(request: Request, error: ConfigError) {
  const requestId = request.headers.get('x-request-id')?.slice(0, 64) || newRequestId();
  // The configured log level is unknown here; a misconfiguration is worth a warning line anyway.
  createLogger('warn').warn('request', { requestId, status: 503, refused: 'misconfigured' });
  const body = problem(
    503,
    'The service is not configured correctly. An operator must fix the settings listed in `errors` and deploy again.',
    error.issues.map((i) => ({ path: i.setting, message: i.message })),
    'misconfigured',
  );
  return new Response(JSON.stringify(withRequestId(body, requestId)), {
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '300', 'x-request-id': requestId },
  });
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    const started = Date.now();
    const built = workerApp(env);
    if (!built.ok) return misconfigured(request, built.error);
    const { app, usage, logger } = built;
    const before = { ...usage };
    const buildMs = Date.now() - started;
    const served = app.fetch(request, env, ctx);
    const timing = { nth: ++requests, evaluationMs, buildMs, started };
    const response = built.showUsage ? withUsage(served, usage, before, timing) : served;
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
    const before = built.usage.calls;
    const result = await drainUntilIdle(built.app, built.usage);
    if (result.claimed) built.logger.info('outbox cron', { cron: event.cron, ...result });
    // What the drain left of the run's budget, for slots' match terms written before the column.
    const calls = CRON_CALLS - (built.usage.calls - before);
    const terms = await backfillTermsWithin(built.app, built.usage, { calls });
    if (terms) built.logger.info('match terms backfill', { cron: event.cron, slots: terms });
  },
};
