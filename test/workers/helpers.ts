/**
 * Requests into the Worker under test, from inside workerd. `SELF` is the Worker built from
 * src/entry/worker.ts with the bindings of vitest.workers.config.ts (D1 + migrations).
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-app';
import type { TestApp } from '../helpers/app';

/** Set as a binding in vitest.workers.config.ts. */
export const ADMIN_KEY = env.ADMIN_API_KEY as string;
const origin = 'https://registry.test';

type Fetch = (request: Request) => Promise<Response>;

interface CallOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string;
}

/** One JSON request with an API key (the admin key unless `key` says otherwise), like test/helpers/app. */
export function caller(fetch: Fetch) {
  return async function call<T = any>(method: string, path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? ADMIN_KEY : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    // Redirects are answers to look at (the pages' sign-in), not to follow.
    const res = await fetch(new Request(origin + path, { method, headers, body, redirect: 'manual' }));
    const text = await res.text();
    let json: T | undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json as T, text, headers: res.headers };
  };
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
export const asTestApp = (c: ReturnType<typeof caller>) => ({ call: c }) as unknown as TestApp;
