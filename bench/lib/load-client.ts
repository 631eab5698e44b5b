/**
 * A small closed-loop load generator over undici: `connections` virtual users, each on its own kept-alive
 * connection, send one request after another until the time is up; every answer is timed and counted
 * under its route (the pattern, not the path) with non-2xx answers and network failures as errors.
 * A phase may run in several slices into one tally (bench/load.ts alternates `/health` and the mix in
 * slices, so that a machine whose speed drifts weighs on both alike).
 */
import { Pool } from 'undici';
import { percentile } from './stats';

export interface LoadRequest {
  /** Route pattern to count the request under, e.g. `GET /v1/slots/{id}`. */
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  key?: string;
  body?: unknown;
}

export interface LoadAnswer {
  status: number;
  body: string;
}

/** Sends one request and returns its answer; a user's script may chain requests (propose, then decline). */
export type Send = (request: LoadRequest) => Promise<LoadAnswer>;
/** One step of a virtual user: what it sends next (`user` numbers the users from 0). */
export type Script = (send: Send, user: number, step: number) => Promise<void>;

interface RouteTally {
  latencies: number[];
  errors: number;
  statuses: Map<number | string, number>;
}

export interface RouteFigures {
  route: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** Error answers by status (or network error name), e.g. `{ 409: 3 }`. */
  errorStatuses: Record<string, number>;
}

export interface PhaseFigures {
  seconds: number;
  connections: number;
  /** The runner's own CPU time per request: it shares the machine's cores with the server. */
  runnerCpuMs: number;
  overall: RouteFigures;
  routes: RouteFigures[];
}

function figures(route: string, tally: RouteTally, seconds: number): RouteFigures {
  const sorted = tally.latencies.sort((a, b) => a - b);
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : 0);
  return {
    route,
    requests: sorted.length,
    perSecond: Math.round(sorted.length / seconds),
    p50: round(percentile(sorted, 0.5)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    errors: tally.errors,
    errorStatuses: Object.fromEntries([...tally.statuses].map(([k, v]) => [String(k), v])),
  };
}

/** What the slices of one phase counted so far; users go on from the step they reached. */
export interface PhaseTally {
  routes: Map<string, RouteTally>;
  seconds: number;
  /** CPU time of this process (the runner) while the slices ran. */
  cpuMs: number;
  steps: number[];
}

export const newPhaseTally = (): PhaseTally => ({ routes: new Map(), seconds: 0, cpuMs: 0, steps: [] });

/**
 * Runs `script` with `connections` users for `seconds` against `origin`, counted into `into` (a fresh
 * tally unless given); the figures are those of every slice run into it so far.
 */
export async function runPhase(
  origin: string,
  connections: number,
  seconds: number,
  script: Script,
  into: PhaseTally = newPhaseTally(),
): Promise<PhaseFigures> {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const tallies = into.routes;
  const tally = (route: string) => {
    const found = tallies.get(route);
    if (found) return found;
    const t: RouteTally = { latencies: [], errors: 0, statuses: new Map() };
    tallies.set(route, t);
    return t;
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + seconds * 1000;
  const send: Send = async (r) => {
    const t = tally(r.route);
    const sentAt = performance.now();
    try {
      const res = await pool.request({
        origin,
        path: r.path,
        method: r.method,
        headers: {
          ...(r.key ? { authorization: `Bearer ${r.key}` } : {}),
          ...(r.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
      const body = await res.body.text();
      t.latencies.push(performance.now() - sentAt);
      if (res.statusCode >= 400) {
        t.errors++;
        t.statuses.set(res.statusCode, (t.statuses.get(res.statusCode) ?? 0) + 1);
      }
      return { status: res.statusCode, body };
    } catch (err) {
      t.latencies.push(performance.now() - sentAt);
      t.errors++;
      const name = err instanceof Error ? (err.name ?? 'Error') : 'Error';
      t.statuses.set(name, (t.statuses.get(name) ?? 0) + 1);
      return { status: 0, body: '' };
    }
  };
  const user = async (u: number) => {
    let step = into.steps[u] ?? 0;
    for (; performance.now() < deadline; step++) await script(send, u, step);
    into.steps[u] = step;
  };
  await Promise.all(Array.from({ length: connections }, (_x, u) => user(u)));
  into.seconds += (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  into.cpuMs += (cpu.user + cpu.system) / 1000;
  await pool.close();
  return figuresOf(into, connections);
}

function figuresOf(into: PhaseTally, connections: number): PhaseFigures {
  const tallies = into.routes;
  const elapsed = into.seconds;

  const all: RouteTally = { latencies: [], errors: 0, statuses: new Map() };
  for (const t of tallies.values()) {
    for (const l of t.latencies) all.latencies.push(l);
    all.errors += t.errors;
    for (const [k, v] of t.statuses) all.statuses.set(k, (all.statuses.get(k) ?? 0) + v);
  }
  return {
    seconds: Math.round(elapsed * 10) / 10,
    connections,
    runnerCpuMs: into.cpuMs / Math.max(1, all.latencies.length),
    overall: figures('all', all, elapsed),
    routes: [...tallies]
      .map(([route, t]) => figures(route, t, elapsed))
      .sort((a, b) => a.route.localeCompare(b.route)),
  };
}
