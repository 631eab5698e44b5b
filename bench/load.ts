/**
 * `npm run load`: the service under many connections at once, measured from outside. For each
 * registry size it builds a database (the demo, plus generated slots up to the size), starts the Node
 * server on it as `npm start` would (a child process), and for each number of connections runs
 * `/health` alone and the mixed workload (bench/lib/load-mix.ts), each for a bounded time, in
 * alternating slices (`--slices`, health–mix–mix–health…: this machine kind's speed drifts by a third
 * within minutes, and slices make the ratio compare like with like). Prints
 * per route and overall throughput, p50/p99/max and errors, and the server's event-loop delay during
 * the mix (EVENT_LOOP_REPORT), as Markdown tables to paste into the README. Asserts nothing.
 *
 *   npm run load                                   demo and 100,000 slots; 50 and 200 connections; 10 s
 *   npm run load -- --sizes demo --seconds 5 --connections 50
 *   npm run load -- --json load.json               also writes every figure as JSON
 *   npm run load -- --server-args='--cpu-prof --cpu-prof-dir=prof'   profiles the server
 * Environment variables given to the runner reach the server too (e.g. NODE_PROCESSES=auto for one
 * process per core; the runner's default is 1, as the server's: one process with its background
 * thread uses two cores, and on this machine kind two processes did worse, README "Load").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newPhaseTally, type PhaseFigures, type RouteFigures, runPhase } from './lib/load-client';
import { healthScript, MIX, mixedScript, prepareWorkload, type Workload } from './lib/load-mix';
import { buildLoadRegistry, countSlots, LOAD_ADMIN_KEY, LOAD_EMPLOYER_KEY } from './lib/load-registry';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'demo,100000' },
    connections: { type: 'string', default: '50,200' },
    seconds: { type: 'string', default: '10' },
    /** Each phase's time is run in this many slices, /health and the mix alternating (ABBA order). */
    slices: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '3' },
    port: { type: 'string', default: '18801' },
    /** A database built before (e.g. kept with --keep) to copy instead of building one: one size only. */
    from: { type: 'string' },
    /** Keeps the built database at this path for later runs with --from. */
    keep: { type: 'string' },
    json: { type: 'string' },
    /** Only the mix (e.g. to profile it). */
    'skip-health': { type: 'boolean', default: false },
    /** Extra Node options for the server, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile it. */
    'server-args': { type: 'string', default: '' },
  },
});
const seconds = Number(args.seconds);
const slices = Math.max(1, Math.floor(Number(args.slices)));
const warmupSeconds = Number(args.warmup);
const connectionCounts = args.connections.split(',').map(Number);
const sizes = args.sizes.split(',').map((s) => (s === 'demo' ? 0 : Number(s)));
const today = new Date().toISOString().slice(0, 10);

interface EventLoop {
  pid: number;
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  cpuMs: number;
  /** Time the request thread's event loop was busy (older servers do not report it). */
  busyMs?: number;
  /** CPU time of the request thread alone (Linux only). */
  threadCpuMs?: number;
}

interface Server {
  origin: string;
  /** The event-loop delay of every server process since the last call. */
  eventLoop(): Promise<EventLoop[]>;
  stop(): Promise<void>;
}

async function startServer(file: string, port: number): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...args['server-args'].split(' ').filter(Boolean), '--import', 'tsx', 'src/entry/node.ts'],
    {
      env: {
        LOG_LEVEL: 'warn',
        NODE_PROCESSES: '1',
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:${file}`,
        ADMIN_API_KEY: LOAD_ADMIN_KEY,
        SEED_DEMO: 'false',
        EVENT_LOOP_REPORT: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let pending: EventLoop[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('{"eventLoop"'))
        pending.push((JSON.parse(line) as { eventLoop: EventLoop }).eventLoop);
      // Warnings and errors (LOG_LEVEL=warn) and the start line: shown, they do not go into the tables.
      else if (line.trim()) console.error(`  server: ${line}`);
      nl = buffered.indexOf('\n');
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    // At 100,000 slots each server process loads its matching index before it serves: more than a
    // minute with NODE_PROCESSES=auto on a loaded machine.
    if (i > 3000) throw new Error('the server did not answer /health within five minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    async eventLoop() {
      pending = [];
      child.kill('SIGUSR2');
      // Each process answers within moments; give them a little time, then take what came.
      await new Promise((r) => setTimeout(r, 300));
      return pending;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Several slices' event-loop reports as one per process: worst delays, summed times. */
function mergeLoops(slicesOfLoops: EventLoop[][]): EventLoop[] {
  const byPid = new Map<number, EventLoop>();
  for (const l of slicesOfLoops.flat()) {
    const seen = byPid.get(l.pid);
    if (!seen) {
      byPid.set(l.pid, { ...l });
      continue;
    }
    const sum = (a?: number, b?: number) =>
      a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
    byPid.set(l.pid, {
      pid: l.pid,
      maxMs: Math.max(seen.maxMs, l.maxMs),
      p99Ms: Math.max(seen.p99Ms, l.p99Ms),
      meanMs: Math.max(seen.meanMs, l.meanMs),
      cpuMs: seen.cpuMs + l.cpuMs,
      busyMs: sum(seen.busyMs, l.busyMs),
      threadCpuMs: sum(seen.threadCpuMs, l.threadCpuMs),
    });
  }
  return [...byPid.values()];
}

/**
 * `/health` alone and the mix on one server, each for `seconds` in all, in `slices` alternating slices
 * (health, mix, mix, health, …): a drift in the machine's speed weighs on both alike.
 */
async function alternated(server: Server, connections: number, workload: Workload) {
  const tallies = { health: newPhaseTally(), mixed: newPhaseTally() };
  const loops: { health: EventLoop[][]; mixed: EventLoop[][] } = { health: [], mixed: [] };
  const script = { health: healthScript, mixed: mixedScript(workload, connections) };
  let figures: { health?: PhaseFigures; mixed?: PhaseFigures } = {};
  const kinds = ['health', 'mixed'] as const;
  const slice = seconds / slices;
  for (let i = 0; i < slices; i++)
    for (const kind of i % 2 === 0 ? kinds : [...kinds].reverse()) {
      const sliceSeconds = kind === 'health' && args['skip-health'] ? 0 : slice;
      await server.eventLoop();
      figures = {
        ...figures,
        [kind]: await runPhase(server.origin, connections, sliceSeconds, script[kind], tallies[kind]),
      };
      loops[kind].push(await server.eventLoop());
    }
  return {
    health: figures.health!,
    mixed: figures.mixed!,
    loops: { health: mergeLoops(loops.health), mixed: mergeLoops(loops.mixed) },
  };
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const row = (f: RouteFigures, label = f.route) => {
  const errors = f.errors
    ? `${f.errors} (${Object.entries(f.errorStatuses).map(([k, v]) => `${k}×${v}`)})`
    : '0';
  return `| ${pad(label, 38)} | ${pad(f.perSecond, 6)} | ${pad(f.p50, 6)} | ${pad(f.p99, 6)} | ${pad(f.max, 7)} | ${errors} |`;
};

const cpuPerRequest = (phase: PhaseFigures, loops: EventLoop[]) =>
  (loops.reduce((a, l) => a + l.cpuMs, 0) / Math.max(1, phase.overall.requests)).toFixed(2);
const busyPerRequest = (phase: PhaseFigures, loops: EventLoop[]) =>
  (loops.reduce((a, l) => a + (l.busyMs ?? 0), 0) / Math.max(1, phase.overall.requests)).toFixed(2);

const threadCpuPerRequest = (phase: PhaseFigures, loops: EventLoop[]) =>
  (loops.reduce((a, l) => a + (l.threadCpuMs ?? 0), 0) / Math.max(1, phase.overall.requests)).toFixed(2);

function printPhase(
  title: string,
  health: PhaseFigures,
  mixed: PhaseFigures,
  loops: { health: EventLoop[]; mixed: EventLoop[] },
) {
  const worst = loops.mixed.reduce((a, l) => Math.max(a, l.maxMs), 0);
  const ratio = mixed.overall.perSecond / Math.max(1, health.overall.perSecond);
  console.log(`\n#### ${title}\n`);
  console.log(`| ${pad('route', 38)} | req/s  | p50 ms | p99 ms | max ms  | errors |`);
  console.log(`| ${'-'.repeat(38)} | ------ | ------ | ------ | ------- | ------ |`);
  console.log(row(health.overall, 'GET /health (alone, same server)'));
  console.log(row(mixed.overall, '**mixed, all routes**'));
  for (const r of mixed.routes) console.log(row(r));
  console.log(
    `\nMixed/health throughput ${(ratio * 100).toFixed(0)} %; event loop during the mix: max ${worst} ms` +
      ` (per process: ${loops.mixed.map((l) => `max ${l.maxMs} / p99 ${l.p99Ms} ms`).join('; ') || 'no report'}).` +
      `\nServer CPU per request: /health ${cpuPerRequest(health, loops.health)} ms, mixed ${cpuPerRequest(mixed, loops.mixed)} ms` +
      ' (all server processes; unlike latency, CPU time does not grow while a process waits for a core).' +
      `\nRequest threads busy per request: /health ${busyPerRequest(health, loops.health)} ms, mixed ${busyPerRequest(mixed, loops.mixed)} ms` +
      ' (event-loop utilization of the threads that serve requests; the background threads not counted).' +
      `\nThe runner's own CPU per request: /health ${health.runnerCpuMs.toFixed(3)} ms, mixed ${mixed.runnerCpuMs.toFixed(3)} ms` +
      ' (this process, which shares the machine with the server).' +
      (loops.mixed.some((l) => l.threadCpuMs !== undefined)
        ? `\nRequest threads' CPU per request: /health ${threadCpuPerRequest(health, loops.health)} ms, mixed ${threadCpuPerRequest(mixed, loops.mixed)} ms` +
          ' (CPU time of those threads alone: the figure to compare on a busy machine).'
        : ''),
  );
}

async function main() {
  const cpu = cpus();
  console.log(
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}; load average at start ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(
    `Mix per step: ${Object.entries(MIX)
      .map(([k, v]) => `${k} ${v} %`)
      .join(', ')} (a proposal step is a proposal and then a decline or withdrawal). ` +
      `${seconds} s per phase in ${slices} slices alternating with /health, after ${warmupSeconds} s of warm-up; server processes (NODE_PROCESSES): ${process.env.NODE_PROCESSES ?? '1'}; background thread (NODE_BACKGROUND): ${process.env.NODE_BACKGROUND ?? 'true'}.`,
  );
  const results: unknown[] = [];
  for (const [i, size] of sizes.entries()) {
    const dir = mkdtempSync(join(tmpdir(), 'se-load-'));
    try {
      const file = join(dir, 'load.db');
      const built = performance.now();
      if (args.from) copyFileSync(args.from, file);
      const { slots } = args.from ? { slots: countSlots(file) } : await buildLoadRegistry(file, size, today);
      if (args.keep) copyFileSync(file, args.keep);
      console.log(
        `\n### ${size ? `${slots.toLocaleString('en')} slots` : `demo registry (${slots} slots)`}` +
          ` — built in ${((performance.now() - built) / 1000).toFixed(1)} s`,
      );
      const server = await startServer(file, Number(args.port) + i);
      try {
        const workload = await prepareWorkload(server.origin, size ? [LOAD_EMPLOYER_KEY] : []);
        const warm = performance.now();
        // Matching loads its index on the first requests; the warm-up also lets the JIT settle.
        await runPhase(server.origin, 10, warmupSeconds, mixedScript(workload, 10));
        console.log(`(warm-up ${((performance.now() - warm) / 1000).toFixed(1)} s)`);
        for (const connections of connectionCounts) {
          const { health, mixed, loops } = await alternated(server, connections, workload);
          printPhase(`${connections} connections, ${seconds} s each`, health, mixed, loops);
          results.push({ size, slots, connections, health, mixed, eventLoop: loops, load: loadavg() });
        }
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nLoad average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
