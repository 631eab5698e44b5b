/**
 * The whole `GET /v1/participants/{id}/matches` request with 10,000 and 100,000 slots in a libSQL
 * file: authentication, the participant read, the change-log check that keeps the in-memory index
 * current, the ranking, and the slot summaries. Also the first request after start (full index load)
 * and a request right after a slot changed (incremental sync). Target: p99 < 25 ms at 100,000 slots.
 * For comparison, the same requests through the candidate query the Worker uses (`queried`: no
 * resident index, SQL selects each participant's candidates), over the same file.
 *   npx tsx bench/matching-http.ts [sizes…]     (default 10000 100000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { organizations, participants, slotChanges, slotSupervisors, slots, supervisors } from '../db/schema';
import { migrateLibsql, openLibsql } from '../src/adapters/db/libsql';
import { createApp } from '../src/app';
import { platformActor } from '../src/auth/actor';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/lib/logger';
import { fromIntervals } from '../src/lib/schedule';
import { nameColumns } from '../src/lib/swedish-order';
import { generateParticipants } from './lib/generate';
import { corpusId, generateSearchCorpus } from './lib/search-corpus';
import { isMain, round3, type Summary, summarize } from './lib/stats';

export interface HttpMatchingRun {
  slots: number;
  loadSeconds: number;
  firstRequestMs: number;
  requestMs: Summary;
  afterChangeMs: Summary;
  meanResults: number;
  /** The same requests without a resident index, through the candidate query. */
  queriedMs: Summary;
}

const BENCH_NOW = new Date('2025-03-03T09:00:00Z');

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function runOne(slotCount: number, requests: number): Promise<HttpMatchingRun> {
  const dir = mkdtempSync(join(tmpdir(), 'se-bench-http-'));
  const database = await openLibsql(`file:${join(dir, 'bench.db')}`);
  try {
    await migrateLibsql(database);
    const { db } = database;
    const config = loadConfig({
      NODE_ENV: 'test',
      ADMIN_API_KEY: 'bench-admin-key-0123456789abcdef',
      LOG_LEVEL: 'silent',
    });
    // As on Node: every open slot in a resident index (the Worker's per-request path is bench/worker.ts).
    const app = createApp({
      config,
      db,
      logger: silentLogger,
      clock: () => BENCH_NOW,
      matchingSlots: 'resident',
    });

    const started = performance.now();
    const corpus = generateSearchCorpus(slotCount, { seed: 11 });
    const now = BENCH_NOW.toISOString();
    await insertChunked(corpus.organizations, 500, (chunk) =>
      db.insert(organizations).values(
        chunk.map((o, i) => ({
          id: o.id,
          name: o.name,
          ...nameColumns(o.name),
          kind: 'employer' as const,
          organizationNumber: `bench-${o.id}-${i}`,
          contactEmail: 'bench@example.se',
          municipalityCode: '0180',
          createdAt: now,
          updatedAt: now,
        })),
      ),
    );
    // Every slot open in this run, with one or two supervisors that have room.
    const rows = corpus.slots.map((s) => ({ ...s, status: 'open' as const }));
    await insertChunked(rows, 500, (chunk) => db.insert(slots).values(chunk));
    const sups = rows.map((s, i) => ({
      id: corpusId('sup', i),
      organizationId: s.organizationId,
      name: 'Handledare',
      email: 'handledare@example.se',
      trained: i % 3 === 0,
      maxParticipants: 2,
      languages: ['sv'],
      activePlacements: 0,
      createdAt: now,
      updatedAt: now,
    }));
    await insertChunked(sups, 500, (chunk) => db.insert(supervisors).values(chunk));
    await insertChunked(
      rows.map((s, i) => ({ slotId: s.id, supervisorId: corpusId('sup', i) })),
      2000,
      (chunk) => db.insert(slotSupervisors).values(chunk),
    );

    const provider = await app.services.organizations.create(platformActor, {
      name: 'Bench SE',
      kind: 'provider',
      organizationNumber: '2120000142',
      contactEmail: 'se@example.se',
      municipalityCode: '0180',
    });
    const handler = await app.services.apiKeys.issue(platformActor, provider.id, {
      name: 'Bench Handler',
      email: 'handler@example.se',
      role: 'handler',
    });
    const people = generateParticipants(300, { seed: 2 });
    await insertChunked(people, 200, (chunk) =>
      db.insert(participants).values(
        chunk.map((p, i) => ({
          id: corpusId('prt', i + people.indexOf(chunk[0]!)),
          organizationId: provider.id,
          handlerId: handler.user.id,
          reference: `B-${i + people.indexOf(chunk[0]!)}`,
          strengths: p.strengths,
          interests: p.interests,
          avoid: p.avoid,
          availability: fromIntervals(p.availability),
          hoursNow: p.hoursNow,
          hoursTarget: p.hoursTarget,
          rampUp: p.rampUp,
          adaptationNeeds: p.adaptationNeeds,
          municipalityCode: '0180',
          lat: p.lat,
          lon: p.lon,
          maxTravelKm: p.maxTravelKm,
          preferences: p.preferences,
          createdAt: now,
          updatedAt: now,
        })),
      ),
    );
    const loadSeconds = (performance.now() - started) / 1000;
    const headers = { authorization: `Bearer ${handler.key}` };
    const get = async (i: number, through = app) => {
      const t0 = performance.now();
      const res = await through.request(
        `/v1/participants/${corpusId('prt', i % people.length)}/matches?limit=20`,
        { headers },
      );
      const body = (await res.json()) as { data: unknown[] };
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      return { ms: performance.now() - t0, n: body.data.length };
    };

    const first = await get(0); // loads the whole index
    for (let i = 0; i < 100; i++) await get(i); // warm up the JIT
    const samples: number[] = [];
    let results = 0;
    for (let i = 0; i < requests; i++) {
      const r = await get(i);
      samples.push(r.ms);
      results += r.n;
    }
    // Requests right after a slot changed: each pays for reading the log and reloading one slot.
    const afterChange: number[] = [];
    for (let i = 0; i < 200; i++) {
      const slotId = rows[(i * 7919) % rows.length]!.id;
      await db.batch([
        db.update(slots).set({ updatedAt: now }).where(eq(slots.id, slotId)),
        db.insert(slotChanges).values({ slotId, changedAt: now }),
      ]);
      afterChange.push((await get(i)).ms);
    }
    // Without a resident index: each request queries its candidates (as the Worker does).
    const queriedApp = createApp({
      config,
      db,
      logger: silentLogger,
      clock: () => BENCH_NOW,
      matchingSlots: 'queried',
    });
    for (let i = 0; i < 20; i++) await get(i, queriedApp);
    const queried: number[] = [];
    for (let i = 0; i < Math.min(requests, 2 * people.length); i++)
      queried.push((await get(i, queriedApp)).ms);
    return {
      slots: slotCount,
      loadSeconds: round3(loadSeconds),
      firstRequestMs: round3(first.ms),
      requestMs: summarize(samples),
      afterChangeMs: summarize(afterChange),
      meanResults: round3(results / requests),
      queriedMs: summarize(queried),
    };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: { sizes?: number[]; requests?: number } = {}) {
  const runs: HttpMatchingRun[] = [];
  for (const size of opts.sizes ?? [10_000, 100_000]) runs.push(await runOne(size, opts.requests ?? 1000));
  return { runs };
}

if (isMain(import.meta.url)) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const figures = await run(sizes.length ? { sizes } : {});
  console.log('GET /v1/participants/{id}/matches (whole request through the app, libSQL file)');
  for (const r of figures.runs)
    console.log(
      `  ${String(r.slots).padStart(7)} slots: p50 ${r.requestMs.p50} ms, p99 ${r.requestMs.p99} ms, max ${r.requestMs.max} ms; ` +
        `after a change p50 ${r.afterChangeMs.p50} / p99 ${r.afterChangeMs.p99} ms; first request (index load) ${r.firstRequestMs} ms; ` +
        `${r.meanResults} results/request; setup ${r.loadSeconds} s\n` +
        `           without the resident index (candidate query per request): p50 ${r.queriedMs.p50} ms, p95 ${r.queriedMs.p95} ms, p99 ${r.queriedMs.p99} ms, max ${r.queriedMs.max} ms (n=${r.queriedMs.count})`,
    );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
