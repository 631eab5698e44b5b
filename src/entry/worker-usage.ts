/** Outside production, each answer of the Worker tells what it asked of the database (used by worker.ts). */
import { type DbUsage, usageSince } from '../adapters/db/d1-usage';

/** The header that tells, outside production, what one request asked of the database. */
export const D1_USAGE_HEADER = 'x-d1-usage';
/** The header that tells, outside production, where a request's time went in the isolate. */
export const WORKER_TIMING_HEADER = 'x-worker-timing';

/** Where the time went: the isolate's nth request, its bundle's evaluation, the app's build (first request). */
export interface WorkerTiming {
  nth: number;
  evaluationMs: number;
  buildMs: number;
  /** When the request reached the handler (Date.now()). */
  started: number;
}

/**
 * Adds what the request cost in D1 (calls, statements, rows read and written) to its answer. The
 * meter is per isolate, so requests running at the same moment share the figures; benchmarks and
 * tests send one request at a time.
 */
export async function withUsage(
  response: Response | Promise<Response>,
  usage: DbUsage,
  before: DbUsage,
  timing?: WorkerTiming,
): Promise<Response> {
  const res = await response;
  const d = usageSince(before, usage);
  const headers = new Headers(res.headers);
  headers.set(
    D1_USAGE_HEADER,
    `calls=${d.calls}; statements=${d.statements}; rows-read=${d.rowsRead}; rows-written=${d.rowsWritten}; wait-ms=${d.waitMs}`,
  );
  if (timing)
    headers.set(
      WORKER_TIMING_HEADER,
      `nth=${timing.nth}; evaluation-ms=${timing.evaluationMs}; build-ms=${timing.buildMs}; handler-ms=${Date.now() - timing.started}`,
    );
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
