/**
 * The Worker in local workerd (`wrangler dev`) over a local D1 with 10,000 and 100,000 slots:
 * `GET /v1/participants/{id}/matches` and slot searches, cold (the first request of a freshly started
 * Worker) and warm, with what each request asked of D1 (calls, rows read, time waiting for D1) from
 * the `x-d1-usage` header the Worker adds outside production. The database is filled straight into
 * the D1 SQLite file while wrangler is stopped (bench/lib/local-d1.ts).
 * Targets (issue 11): cold and warm /matches p95 under 300 ms at 100,000 slots; a typical matching
 * request at most 25,000 rows read; any search at most 50,000.
 *   npx tsx bench/worker.ts            (WORKER_BENCH_SIZES=10000 for one size; WORKER_BENCH_COLD=10)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  BENCH_ADMIN_KEY,
  BENCH_HANDLER_KEY,
  BENCH_PARTICIPANTS,
  benchParticipantId,
  prepareLocalD1,
  wranglerEnv,
  wranglerPath,
} from './lib/local-d1';
import { isMain, round3, type Summary, summarize } from './lib/stats';

const SIZES = (process.env.WORKER_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const COLD_STARTS = Number(process.env.WORKER_BENCH_COLD ?? 8);
const WARM_MATCHES = Number(process.env.WORKER_BENCH_WARM ?? 150);
const repo = resolve(import.meta.dirname, '..');

/** A wrangler.toml of its own in the benchmark's folder: the Worker as deployed, development vars. */
function writeConfig(dir: string) {
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

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error())));
    });
  });
}

interface Running {
  child: ChildProcess;
  base: string;
}

async function startWorker(config: string, persistDir: string): Promise<Running> {
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
    ],
    { env: wranglerEnv, stdio: ['ignore', 'ignore', 'pipe'], cwd: persistDir },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200) return { child, base };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`wrangler dev did not answer within a minute:\n${stderr}`);
}

async function stopWorker(w: Running) {
  const exited = new Promise((r) => w.child.once('exit', r));
  w.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (w.child.exitCode === null) w.child.kill('SIGKILL');
}

interface Sample {
  ms: number;
  calls: number;
  rowsRead: number;
  waitMs: number;
}

async function get(base: string, path: string): Promise<Sample & { body: unknown }> {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${BENCH_HANDLER_KEY}` } });
  const body = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
  const usage = res.headers.get('x-d1-usage') ?? '';
  const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(usage)?.[1] ?? Number.NaN);
  return { ms, calls: field('calls'), rowsRead: field('rows-read'), waitMs: field('wait-ms'), body };
}

const matchesPath = (i: number) =>
  `/v1/participants/${benchParticipantId(i % BENCH_PARTICIPANTS)}/matches?limit=20`;

/** Searches handlers make: words with filters and a radius, one word, browsing, one municipality. */
const SEARCHES: [string, string][] = [
  [
    'words + kind + adaptation + radius 20 km',
    '/v1/slots/search?q=lager&kind=work_training&adaptations=quiet_workspace&near=59.33,18.07&radiusKm=20',
  ],
  ['one common word', '/v1/slots/search?q=st%C3%A4d'],
  ['two letters typed', '/v1/slots/search?q=st'],
  ['browse everything', '/v1/slots/search?sort=newest'],
  ['one municipality (Stockholm)', '/v1/slots/search?municipalityCode=0180&sort=newest'],
  ['within 50 km of Stockholm', '/v1/slots/search?near=59.33,18.07&radiusKm=50&sort=distance'],
];

interface Figures {
  ms: Summary;
  calls: Summary;
  rowsRead: Summary;
  /** Client time less time waiting for D1: what the Worker computed (plus local HTTP). */
  computeMs: Summary;
}
const figures = (samples: Sample[]): Figures => ({
  ms: summarize(samples.map((s) => s.ms)),
  calls: summarize(samples.map((s) => s.calls)),
  rowsRead: summarize(samples.map((s) => s.rowsRead)),
  computeMs: summarize(samples.map((s) => Math.max(0, s.ms - s.waitMs))),
});

export interface WorkerBenchRun {
  slots: number;
  openSlots: number;
  loadSeconds: number;
  indexSeconds: number;
  coldMatches: Figures;
  warmMatches: Figures;
  coldSearch: Figures;
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

async function runOne(size: number): Promise<WorkerBenchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'se-bench-worker-'));
  try {
    const config = writeConfig(dir);
    const persistDir = join(dir, 'state');
    const prepared = await prepareLocalD1(persistDir, size, config);

    // Cold: the first request of a freshly started Worker (no isolate, nothing compiled or cached).
    const coldMatches: Sample[] = [];
    const coldSearch: Sample[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      const w = await startWorker(config, persistDir);
      try {
        if (i % 2 === 0) coldMatches.push(await get(w.base, matchesPath(i * 37)));
        else coldSearch.push(await get(w.base, SEARCHES[0]![1]));
      } finally {
        await stopWorker(w);
      }
    }

    const w = await startWorker(config, persistDir);
    try {
      for (let i = 0; i < 20; i++) await get(w.base, matchesPath(i)); // compile and warm up
      const warm: Sample[] = [];
      for (let i = 0; i < WARM_MATCHES; i++) warm.push(await get(w.base, matchesPath(i)));
      const searches: WorkerBenchRun['searches'] = [];
      for (const [name, path] of SEARCHES) {
        const samples: Sample[] = [];
        let last: { total: number; totalExact: boolean } = { total: 0, totalExact: true };
        for (let i = 0; i < 12; i++) {
          const r = await get(w.base, path);
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
        coldMatches: figures(coldMatches),
        warmMatches: figures(warm),
        coldSearch: figures(coldSearch),
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
  console.log('The Worker in local workerd (wrangler dev) over a local D1');
  for (const r of runs) {
    console.log(
      `\n${r.slots} slots (${r.openSlots} open), load ${r.loadSeconds} s, search index ${r.indexSeconds} s, workerd RSS ${r.workerdRssMb} MB`,
    );
    console.log(line('GET …/matches, cold (first request)', r.coldMatches));
    console.log(line('GET …/matches, warm', r.warmMatches));
    console.log(line('search (words + filters + radius), cold', r.coldSearch));
    for (const s of r.searches)
      console.log(
        `${line(`search: ${s.name}`, s.figures)}; total ${s.total}${s.totalExact ? '' : ' (more)'}`,
      );
  }
}
