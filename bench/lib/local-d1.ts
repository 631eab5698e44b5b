/**
 * A local D1 database for the Worker benchmark, filled fast: wrangler applies db/migrations to a
 * fresh persistence folder, then (wrangler stopped) the benchmark writes straight into the D1
 * SQLite file with libSQL (thousands of slots per second, against about 140 a second through
 * `wrangler d1 execute`), issues a handler key, and builds the embedded search index. `wrangler dev
 * --persist-to` then serves exactly that database.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema';
import { organizations, participants, slotSupervisors, slots, supervisors } from '../../db/schema';
import type { Db } from '../../src/adapters/db/types';
import { createApp } from '../../src/app';
import { platformActor } from '../../src/auth/actor';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/lib/logger';
import { fromIntervals } from '../../src/lib/schedule';
import { nameColumns } from '../../src/lib/swedish-order';
import { embeddedSearch } from '../../src/search/embedded';
import { reindexAll } from '../../src/search/sync';
import { backfillMatchTerms } from '../../src/services/matching/terms-backfill';
import { bulkInsertStatements } from './bulk-insert';
import { generateParticipants } from './generate';
import { corpusId, generateSearchCorpus } from './search-corpus';

const wranglerBin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
/** No request.cf lookup (it needs the internet) and no usage metrics. */
export const wranglerEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
};
export const wranglerPath = wranglerBin;

export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
/** A fixed handler key for the benchmark's provider (`presetKey`); the database is thrown away. */
export const BENCH_HANDLER_KEY = 'sek_benchHandlerKey0123456789abcdefghij';
export const BENCH_PARTICIPANTS = 300;
export const benchParticipantId = (i: number) => corpusId('prt', i);

export interface LocalD1 {
  persistDir: string;
  slots: number;
  openSlots: number;
  loadSeconds: number;
  indexSeconds: number;
}

/** The D1 SQLite file wrangler keeps for the `DB` binding under a persistence folder. */
function d1File(persistDir: string): string {
  const dir = join(persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return join(dir, file);
}

/** Applies db/migrations to the local D1 under persistDir (those not applied yet). */
export function applyMigrations(persistDir: string, config?: string) {
  const migrate = spawnSync(
    process.execPath,
    [
      wranglerBin,
      'd1',
      'migrations',
      'apply',
      'DB',
      '--local',
      '--persist-to',
      persistDir,
      ...(config ? ['--config', config] : []),
    ],
    { env: wranglerEnv, encoding: 'utf8' },
  );
  if (migrate.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${migrate.stderr}`);
}

/**
 * Fills in current match terms for the slots of a kept database whose terms are of an older
 * version, as the backfill of the cron would over a few hours (terms-backfill.ts), so a benchmark
 * measures the current terms. Two index seeks when there are none.
 */
export async function fillInMatchTerms(persistDir: string): Promise<number> {
  const client = createClient({ url: `file:${d1File(persistDir)}` });
  const db = drizzle(client, { schema }) as unknown as Db;
  try {
    let filled = 0;
    for (let more = true; more; ) {
      const run = await backfillMatchTerms(db, { limit: 2000 });
      filled += run.updated;
      more = run.more;
    }
    return filled;
  } finally {
    client.close();
  }
}

/** `config`: the wrangler.toml whose D1 binding to fill (the project's by default). */
export async function prepareLocalD1(
  persistDir: string,
  slotCount: number,
  config?: string,
): Promise<LocalD1> {
  applyMigrations(persistDir, config);

  const client = createClient({ url: `file:${d1File(persistDir)}` });
  const db = drizzle(client, { schema }) as unknown as Db;
  try {
    let started = performance.now();
    const now = '2025-03-01T08:00:00.000Z';
    const corpus = generateSearchCorpus(slotCount, { seed: 11 });
    const run = (text: string, rows: string) => client.execute({ sql: text, args: [rows] });
    const fill = async (table: Parameters<typeof bulkInsertStatements>[0], rows: object[]) => {
      for (const s of bulkInsertStatements(table, rows as never[], 1000)) await run(s.sql, s.rows);
    };
    await fill(
      organizations,
      corpus.organizations.map((o, i) => ({
        id: o.id,
        name: o.name,
        ...nameColumns(o.name),
        kind: 'employer',
        organizationNumber: `bench-${i}`,
        contactEmail: 'bench@example.se',
        municipalityCode: '0180',
        createdAt: now,
        updatedAt: now,
      })),
    );
    // One supervisor per slot, as in bench/matching-http.ts: two places, one in three trained.
    await fill(
      supervisors,
      corpus.slots.map((s, i) => ({
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
      })),
    );
    await fill(slots, corpus.slots);
    await fill(
      slotSupervisors,
      corpus.slots.map((s, i) => ({ slotId: s.id, supervisorId: corpusId('sup', i) })),
    );

    const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: BENCH_ADMIN_KEY, LOG_LEVEL: 'silent' });
    const app = createApp({ config, db, logger: silentLogger });
    const provider = await app.services.organizations.create(platformActor, {
      name: 'Bench SE',
      kind: 'provider',
      organizationNumber: '2120000142',
      contactEmail: 'se@example.se',
      municipalityCode: '0180',
    });
    const handler = await app.services.apiKeys.issue(
      platformActor,
      provider.id,
      { name: 'Bench Handler', email: 'handler@example.se', role: 'handler' },
      BENCH_HANDLER_KEY,
    );
    await fill(
      participants,
      generateParticipants(BENCH_PARTICIPANTS, { seed: 2 }).map((p, i) => ({
        id: benchParticipantId(i),
        organizationId: provider.id,
        handlerId: handler.user.id,
        reference: `B-${i}`,
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
    );
    const loadSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await reindexAll(db, embeddedSearch(db));
    const indexSeconds = (performance.now() - started) / 1000;
    return {
      persistDir,
      slots: slotCount,
      openSlots: corpus.slots.filter((s) => s.status === 'open').length,
      loadSeconds,
      indexSeconds,
    };
  } finally {
    client.close();
  }
}
