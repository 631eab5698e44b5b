/**
 * Requests into the Worker under test, from inside workerd. `SELF` is the Worker built from
 * src/entry/worker.ts with the bindings of vitest.workers.config.ts (D1 + migrations).
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-app';
import { type Api, type Call, typedCall } from '../helpers/call';

/** Set as a binding in vitest.workers.config.ts. */
export const ADMIN_KEY = env.ADMIN_API_KEY as string;
const origin = 'https://registry.test';

type Fetch = (request: Request) => Promise<Response>;

/** One JSON request with an API key (the admin key unless `key` says otherwise), typed like test/helpers/app. */
export function caller(fetch: Fetch) {
  return typedCall((path, init) => fetch(new Request(origin + path, init)), ADMIN_KEY);
}

/**
 * The Worker's own fetch handler with a given env, run to completion: `waitUntil` work (the
 * after-write drain) is awaited too, so tests see its effects without timing.
 */
export function fetchWith(testEnv: WorkerEnv): Fetch {
  return async (request) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(request, testEnv, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

/** Runs the Worker's cron handler once, as a Cron Trigger would. */
export async function runCron(testEnv: WorkerEnv = env) {
  const ctx = createExecutionContext();
  await worker.scheduled({ cron: '* * * * *', scheduledTime: Date.now() }, testEnv, ctx);
  await waitOnExecutionContext(ctx);
}

/** Through the runtime's service binding, exactly as production traffic arrives. */
export const call = caller((request) => SELF.fetch(request));

/**
 * The Node suite's factories (test/helpers/factories.ts) only use `call`, so the Workers suite
 * builds its fixtures with the same code, over HTTP into the Worker.
 */
export const asTestApp = (c: Call): Api => ({ call: c });
