/**
 * The Worker in local workerd (`wrangler dev`) over a local D1 with 10,000 and 100,000 slots:
 * `GET /v1/participants/{id}/matches`, `GET /v1/slots/{id}/candidates`, `POST /v1/allocations` for 50
 * participants and slot searches (browsing, one common word and four more), cold (the first request
 * of a freshly started Worker) and warm, with what each request asked of D1 (calls, rows read, time
 * waiting for D1) from the `x-d1-usage` header the Worker adds outside production. The database is
 * filled straight into the D1 SQLite file while wrangler is stopped (bench/lib/local-d1.ts).
 * Targets (issue 11): cold and warm /matches p95 under 300 ms at 100,000 slots; a typical matching
 * request at most 25,000 rows read; any search at most 50,000.
 *   npx tsx bench/worker.ts [sizes…]      e.g. `npx tsx bench/worker.ts 100000` (default 10000 100000)
 *   WORKER_BENCH_COLD=3   fresh Worker starts per kind of request
 *   WORKER_BENCH_KEEP=dir keep each size's database in dir/<size> and reuse it on the next run
 *   WORKER_BENCH_PORT=n   serve on port n (the inspector on n + 1) instead of a free one
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  applyMigrations,
  BENCH_ADMIN_KEY,
  BENCH_HANDLER_KEY,
  BENCH_PARTICIPANTS,
  benchParticipantId,
  fillInMatchTerms,
  type LocalD1,
  prepareLocalD1,
  wranglerEnv,
  wranglerPath,
} from './lib/local-d1';
import { corpusId } from './lib/search-corpus';
import { isMain, round3, type Summary, summarize } from './lib/stats';

const fromArgs = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = fromArgs.length
  ? fromArgs
  : (process.env.WORKER_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const COLD_STARTS = Number(process.env.WORKER_BENCH_COLD ?? 3);
const WARM_MATCHES = Number(process.env.WORKER_BENCH_WARM ?? 150);
const KEEP = process.env.WORKER_BENCH_KEEP;
const repo = resolve(import.meta.dirname, '..');

/** A wrangler.toml of its own in the benchmark's folder: the Worker as deployed, development vars. */
export function writeConfig(dir: string) {
  const path = join(dir, 'wrangler.toml');
  writeFileSync(
    path,
    [
      'name = "se-placement-registry-bench"',
      `main = "${join(repo, 'src/entry/worker.ts')}"`,
      'compatibility_date = "2026-04-20"',
      'send_metrics = false',
      '[[d1_databases]]',
      'binding = "DB"',
      'database_name = "se-registry"',
      'database_id = "00000000-0000-4000-8000-000000000000"',
      `migrations_dir = "${join(repo, 'db/migrations')}"`,
      '[vars]',
      // Development: the answers carry x-d1-usage. No after-write drain, no demo data.
      'NODE_ENV = "development"',
      'LOG_LEVEL = "warn"',
      'SEED_DEMO = "false"',
      'OUTBOX_DRAIN_AFTER_WRITE = "false"',
      `ADMIN_API_KEY = "${BENCH_ADMIN_KEY}"`,
      '',
    ].join('\n'),
  );
  return path;
}

/** WORKER_BENCH_PORT: the port (and the next one, for the inspector) when ports are shared out. */
const FIXED_PORT = Number(process.env.WORKER_BENCH_PORT) || 0;

function freePort(): Promise<number> {
  if (FIXED_PORT) return Promise.resolve(FIXED_PORT);
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error())));
    });
  });
}

export interface Running {
  child: ChildProcess;
  base: string;
}

export async function startWorker(config: string, persistDir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      wranglerPath,
      'dev',
      '--config',
      config,
      '--persist-to',
      persistDir,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      ...(FIXED_PORT ? ['--inspector-port', String(port + 1)] : []),
    ],
    {
      env: wranglerEnv,
      stdio: ['ignore', process.env.WORKER_BENCH_STDOUT ? 'inherit' : 'ignore', 'pipe'],
      cwd: persistDir,
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${base}/health`);
      // 503: up, with a degraded part (an outbox row nothing drains here); the Worker answers.
      if (res.status === 200 || res.status === 503) return { child, base };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`wrangler dev did not answer within a minute:\n${stderr}`);
}

/** Every process below pid (wrangler starts node, which starts workerd and esbuild). */
function descendants(pid: number): number[] {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops wrangler and waits until its workerd is gone too: a workerd still closing the D1 file
 * (checkpointing its write-ahead log) made the next Worker's requests wait on the database lock.
 */
export async function stopWorker(w: Running) {
  const below = w.child.pid ? descendants(w.child.pid) : [];
  const exited = new Promise((r) => w.child.once('exit', r));
  w.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (w.child.exitCode === null) w.child.kill('SIGKILL');
  for (let i = 0; i < 300 && below.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  for (const pid of below.filter(alive)) process.kill(pid, 'SIGKILL');
}

export interface Sample {
  ms: number;
  calls: number;
  rowsRead: number;
  waitMs: number;
  /** How long the isolate took to evaluate the bundle before its first request (x-worker-timing). */
  evaluationMs: number;
}

export interface Request {
  path: string;
  body?: unknown;
}

/** wrangler dev answers this (as text) when workerd restarted under a request; it is sent again once. */
const RESTARTED = 'Your worker restarted mid-request';

export async function send(base: string, req: Request, retried = false): Promise<Sample & { body: unknown }> {
  const started = performance.now();
  const res = await fetch(base + req.path, {
    method: req.body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${BENCH_HANDLER_KEY}`,
      ...(req.body ? { 'content-type': 'application/json' } : {}),
    },
    body: req.body ? JSON.stringify(req.body) : undefined,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (text.startsWith(RESTARTED) && !retried) {
    console.error(`${req.path}: ${RESTARTED}; sent again`);
    return send(base, req, true);
  }
  const body: unknown = JSON.parse(text);
  if (res.status !== 200) throw new Error(`${req.path} answered ${res.status}: ${JSON.stringify(body)}`);
  const usage = res.headers.get('x-d1-usage') ?? '';
  const timing = res.headers.get('x-worker-timing') ?? '';
  const field = (name: string, header = usage) =>
    Number(new RegExp(`${name}=(\\d+)`).exec(header)?.[1] ?? Number.NaN);
  return {
    ms,
    calls: field('calls'),
    rowsRead: field('rows-read'),
    waitMs: field('wait-ms'),
    evaluationMs: field('evaluation-ms', timing),
    body,
  };
}

/** What a handler asks, the i-th time: each kind spreads over the bench's participants and slots. */
interface Kind {
  name: string;
  request: (i: number, size: number) => Request;
  warm: number;
  /** What an answer says, printed once per distinct text (allocation: its total and union size). */
  describe?: (body: unknown) => string;
}

const ALL_KINDS: Kind[] = [
  {
    name: 'GET …/matches',
    request: (i) => ({
      path: `/v1/participants/${benchParticipantId(i % BENCH_PARTICIPANTS)}/matches?limit=20`,
    }),
    warm: WARM_MATCHES,
  },
  {
    name: 'GET /v1/slots/{id}/candidates',
    request: (i, size) => ({ path: `/v1/slots/${corpusId('slt', (i * 7919) % size)}/candidates?limit=20` }),
    warm: 40,
  },
  {
    name: 'POST /v1/allocations (50 participants)',
    request: (i) => ({
      path: '/v1/allocations',
      body: {
        participantIds: Array.from({ length: 50 }, (_, k) =>
          benchParticipantId((i * 50 + k) % BENCH_PARTICIPANTS),
        ),
      },
    }),
    warm: 3,
    describe: (body) => {
      const a = body as { totalScore: number; assignments: unknown[]; slotsConsidered: number };
      return `total score ${a.totalScore}, ${a.assignments.length} placed, ${a.slotsConsidered} slots considered`;
    },
  },
  { name: 'search: browse everything', request: () => ({ path: '/v1/slots/search?sort=newest' }), warm: 10 },
  { name: 'search: one common word', request: () => ({ path: '/v1/slots/search?q=st%C3%A4d' }), warm: 10 },
];

/** WORKER_BENCH_ONLY=matches: only the kinds whose name contains it (and no other searches). */
const ONLY = process.env.WORKER_BENCH_ONLY;
const KINDS = ONLY ? ALL_KINDS.filter((k) => k.name.includes(ONLY)) : ALL_KINDS;

/** More searches handlers make, warm: words with filters and a radius, a prefix, a municipality, a radius. */
const SEARCHES: [string, string][] = [
  [
    'words + kind + adaptation + radius 20 km',
    '/v1/slots/search?q=lager&kind=work_training&adaptations=quiet_workspace&near=59.33,18.07&radiusKm=20',
  ],
  ['two letters typed', '/v1/slots/search?q=st'],
  ['one municipality (Stockholm)', '/v1/slots/search?municipalityCode=0180&sort=newest'],
  ['within 50 km of Stockholm', '/v1/slots/search?near=59.33,18.07&radiusKm=50&sort=distance'],
];

interface Figures {
  ms: Summary;
  calls: Summary;
  rowsRead: Summary;
  /** Client time less time waiting for D1: what the Worker computed (plus local HTTP). */
  computeMs: Summary;
  /** The bundle's evaluation in the isolate that answered (before its first request). */
  evaluationMs: Summary;
}
const figures = (samples: Sample[]): Figures => ({
  ms: summarize(samples.map((s) => s.ms)),
  calls: summarize(samples.map((s) => s.calls)),
  rowsRead: summarize(samples.map((s) => s.rowsRead)),
  computeMs: summarize(samples.map((s) => Math.max(0, s.ms - s.waitMs))),
  evaluationMs: summarize(samples.map((s) => s.evaluationMs)),
});

export interface WorkerBenchRun {
  slots: number;
  openSlots: number;
  loadSeconds: number;
  indexSeconds: number;
  kinds: { name: string; cold: Figures; warm: Figures; answers: string[] }[];
  searches: { name: string; figures: Figures; totalExact: boolean; total: number }[];
  workerdRssMb: number | null;
}

/** Resident memory of the workerd process serving the Worker (isolates, D1 and its page cache). */
function rssMb(w: Running): number | null {
  const child = spawnSync('pgrep', ['-P', String(w.child.pid)], { encoding: 'utf8' }).stdout.trim();
  const pids = [w.child.pid, ...child.split('\n').filter(Boolean)];
  let kb = 0;
  for (const pid of pids) {
    const grandchildren = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim();
    for (const p of [String(pid), ...grandchildren.split('\n').filter(Boolean)]) {
      const out = spawnSync('ps', ['-o', 'rss=,comm=', '-p', p], { encoding: 'utf8' }).stdout.trim();
      if (out.includes('workerd')) kb = Math.max(kb, Number(out.split(/\s+/)[0]));
    }
  }
  return kb ? round3(kb / 1024) : null;
}

/** The size's database: prepared afresh, or kept in WORKER_BENCH_KEEP and reused. */
async function database(size: number, scratch: string, config: string): Promise<LocalD1> {
  if (!KEEP) return prepareLocalD1(join(scratch, 'state'), size, config);
  const persistDir = join(resolve(KEEP), String(size));
  const marker = join(persistDir, 'prepared.json');
  if (existsSync(marker)) {
    applyMigrations(persistDir, config); // migrations added since it was filled
    const filled = await fillInMatchTerms(persistDir); // terms of an older version
    if (filled > 0) console.error(`${size}: match terms of ${filled} slots filled in`);
    // Where it is now (a kept folder may have been copied from elsewhere), not where it was filled.
    return { ...(JSON.parse(readFileSync(marker, 'utf8')) as LocalD1), persistDir };
  }
  rmSync(persistDir, { recursive: true, force: true });
  mkdirSync(persistDir, { recursive: true });
  const prepared = await prepareLocalD1(persistDir, size, config);
  writeFileSync(marker, JSON.stringify(prepared));
  return prepared;
}

async function runOne(size: number): Promise<WorkerBenchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'se-bench-worker-'));
  try {
    const config = writeConfig(dir);
    const prepared = await database(size, dir, config);
    const { persistDir } = prepared;

    // Cold: the first request of a freshly started Worker (no isolate, nothing compiled or cached).
    const cold = KINDS.map((): Sample[] => []);
    const answers = KINDS.map(() => new Set<string>());
    const noted = (k: number, r: Sample & { body: unknown }) => {
      const describe = KINDS[k]!.describe;
      if (describe) answers[k]!.add(describe(r.body));
      return r;
    };
    for (let i = 0; i < COLD_STARTS; i++)
      for (const [k, kind] of KINDS.entries()) {
        const w = await startWorker(config, persistDir);
        try {
          cold[k]!.push(noted(k, await send(w.base, kind.request(i * 37 + k, size))));
        } finally {
          await stopWorker(w);
        }
      }

    const w = await startWorker(config, persistDir);
    try {
      for (let i = 0; i < 20; i++) await send(w.base, ALL_KINDS[0]!.request(i, size)); // compile and warm up
      const kinds: WorkerBenchRun['kinds'] = [];
      for (const [k, kind] of KINDS.entries()) {
        const warm: Sample[] = [];
        for (let i = 0; i < kind.warm; i++) warm.push(noted(k, await send(w.base, kind.request(i, size))));
        kinds.push({
          name: kind.name,
          cold: figures(cold[k]!),
          warm: figures(warm),
          answers: [...answers[k]!],
        });
      }
      const searches: WorkerBenchRun['searches'] = [];
      for (const [name, path] of ONLY ? [] : SEARCHES) {
        const samples: Sample[] = [];
        let last: { total: number; totalExact: boolean } = { total: 0, totalExact: true };
        for (let i = 0; i < 12; i++) {
          const r = await send(w.base, { path });
          if (i >= 2) samples.push(r);
          last = r.body as typeof last;
        }
        searches.push({ name, figures: figures(samples), total: last.total, totalExact: last.totalExact });
      }
      return {
        slots: size,
        openSlots: prepared.openSlots,
        loadSeconds: round3(prepared.loadSeconds),
        indexSeconds: round3(prepared.indexSeconds),
        kinds,
        searches,
        workerdRssMb: rssMb(w),
      };
    } finally {
      await stopWorker(w);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run() {
  const runs: WorkerBenchRun[] = [];
  for (const size of SIZES) runs.push(await runOne(size));
  return { runs };
}

const line = (label: string, f: Figures) =>
  `  ${label.padEnd(44)} p50 ${f.ms.p50} ms, p95 ${f.ms.p95} ms, max ${f.ms.max} ms; ` +
  `D1 calls ${f.calls.p50} (max ${f.calls.max}); rows read p50 ${f.rowsRead.p50}, p95 ${f.rowsRead.p95}, max ${f.rowsRead.max}; ` +
  `compute p50 ${f.computeMs.p50} / p95 ${f.computeMs.p95} ms (n=${f.ms.count})`;

if (isMain(import.meta.url)) {
  const { runs } = await run();
  console.log(
    `The Worker in local workerd (wrangler dev) over a local D1; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end`,
  );
  for (const r of runs) {
    console.log(
      `\n${r.slots} slots (${r.openSlots} open), load ${r.loadSeconds} s, search index ${r.indexSeconds} s, workerd RSS ${r.workerdRssMb} MB`,
    );
    for (const k of r.kinds) {
      console.log(
        `${line(`${k.name}, cold`, k.cold)}; bundle evaluated before it p50 ${k.cold.evaluationMs.p50} / max ${k.cold.evaluationMs.max} ms`,
      );
      console.log(line(`${k.name}, warm`, k.warm));
      for (const a of k.answers) console.log(`    answer: ${a}`);
    }
    for (const s of r.searches)
      console.log(
        `${line(`search: ${s.name}, warm`, s.figures)}; total ${s.total}${s.totalExact ? '' : ' (more)'}`,
      );
  }
}
