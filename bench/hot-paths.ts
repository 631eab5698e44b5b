/**
 * `npx tsx bench/hot-paths.ts`: the CPU time of each route of the load mix (bench/lib/load-mix.ts)
 * in process, one request at a time, on the demo registry, and of the outbox passes its writes cause.
 * CPU time (process.cpuUsage) does not grow while the process waits for a core, so the figures hold
 * on a busy machine. Asserts nothing.
 *
 *   npx tsx bench/hot-paths.ts [--rounds 300] [--only 'GET slots'] [--profile dir]
 *
 * `--profile dir` writes a CPU profile of each route's timed rounds alone (no set-up, no warm-up) to
 * `dir/<route>.cpuprofile`, for Chrome DevTools or any .cpuprofile reader.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLibsql } from '../src/adapters/db/libsql';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/lib/logger';
import type { ManyControl } from '../src/outbox/outbox';
import { LOAD_SEARCHES } from './lib/load-mix';
import { buildLoadRegistry, LOAD_ADMIN_KEY } from './lib/load-registry';
import { cpuMs } from './lib/stats';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '300' },
    only: { type: 'string' },
    profile: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const HANDLER = 'sek_demo_handler_anna';
const EMPLOYERS = ['sek_demo_employer_maria', 'sek_demo_employer_ali', 'sek_demo_employer_sara'];

/** Profiles what runs between start() and stop(name) when --profile is given; else does nothing. */
async function profiler(dir: string | undefined) {
  if (!dir) return { start: async () => {}, stop: async (_name: string) => {} };
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  return {
    start: async () => {
      await session.post('Profiler.start');
    },
    stop: async (name: string) => {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${name.replace(/[^\w.-]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'se-hot-'));
  try {
    const file = join(dir, 'hot.db');
    await buildLoadRegistry(file, 0, new Date().toISOString().slice(0, 10));
    const database = await openLibsql(`file:${file}`);
    // As the load runner's server (bench/load.ts, src/entry/node.ts), searches and outbox in this thread.
    const config = loadConfig({
      ...process.env,
      ADMIN_API_KEY: LOAD_ADMIN_KEY,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `file:${file}`,
    });
    const app = createApp({ config, db: database.db, logger: silentLogger, matchingSlots: 'resident' });
    const call = async (method: string, path: string, key: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return { status: res.status, body: text };
    };
    const participants = (
      JSON.parse((await call('GET', '/v1/participants?limit=100', HANDLER)).body) as {
        data: { id: string }[];
      }
    ).data.map((p) => p.id);
    const owned: { slotId: string; key: string }[] = [];
    for (const key of EMPLOYERS) {
      const page = JSON.parse((await call('GET', '/v1/slots?status=open&limit=100', key)).body) as {
        data: { id: string }[];
      };
      for (const s of page.data) owned.push({ slotId: s.id, key });
    }
    const drain = async () => {
      let n = 0;
      for (;;) {
        const r = await app.drainOutbox();
        n += r.claimed;
        if (r.claimed === 0) return n;
      }
    };
    await drain();
    // CPU per row of each topic, the handler alone (the pass's claim and bookkeeping not counted).
    const perTopic: Record<string, { rows: number; ms: number }> = {};
    for (const [topic, handler] of Object.entries(app.outboxHandlers)) {
      const t = { rows: 0, ms: 0 };
      perTopic[topic] = t;
      const timed = Object.assign(
        async (row: Parameters<typeof handler>[0]) => {
          const c = cpuMs();
          try {
            await handler(row);
          } finally {
            t.rows++;
            t.ms += cpuMs() - c;
          }
        },
        handler.many
          ? {
              many: async (rows: Parameters<typeof handler>[0][], control: ManyControl) => {
                const c = cpuMs();
                try {
                  return await handler.many!(rows, control);
                } finally {
                  t.rows += rows.length;
                  t.ms += cpuMs() - c;
                }
              },
            }
          : {},
      );
      app.outboxHandlers[topic] = timed;
    }
    const routes: [string, (i: number) => Promise<unknown>][] = [
      ['GET /health', async () => (await app.request('/health')).text()],
      [
        'GET matches',
        (i) =>
          call('GET', `/v1/participants/${participants[i % participants.length]}/matches?limit=10`, HANDLER),
      ],
      ['GET slot', (i) => call('GET', `/v1/slots/${owned[i % owned.length]!.slotId}`, HANDLER)],
      ['GET slots', () => call('GET', '/v1/slots?limit=20', HANDLER)],
      [
        'GET search',
        (i) => call('GET', `/v1/slots/search${LOAD_SEARCHES[i % LOAD_SEARCHES.length]}`, HANDLER),
      ],
      [
        'PATCH slot',
        (i) => {
          const o = owned[i % owned.length]!;
          return call('PATCH', `/v1/slots/${o.slotId}`, o.key, {
            description: `Handledare finns på plats. Uppdaterad ${i}.`,
          });
        },
      ],
    ];
    const results: Record<string, number> = {};
    const prof = await profiler(args.profile);
    for (const [name, run] of routes.filter(([n]) => !args.only || n.includes(args.only))) {
      for (let i = 0; i < 30; i++) await run(i); // warm
      await drain();
      await prof.start();
      const t = cpuMs();
      for (let i = 0; i < rounds; i++) await run(i);
      results[name] = (cpuMs() - t) / rounds;
      await prof.stop(name);
      if (name === 'PATCH slot') {
        const d = cpuMs();
        const rows = await drain();
        results['outbox after PATCH (per write)'] = (cpuMs() - d) / rounds;
        results['outbox rows per PATCH'] = rows / rounds;
      }
    }
    if (args.only && args.only !== 'pairs') {
      for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(56)} ${v.toFixed(3)}`);
      return;
    }
    // Proposals, each followed by a withdrawal or a decline, as in the mix.
    let pair = 0;
    const propose = async (i: number) => {
      const p = participants[pair % participants.length]!;
      const o = owned[Math.floor(pair / participants.length) % owned.length]!;
      pair++;
      const t0 = cpuMs();
      const { body } = await call('POST', '/v1/placements', HANDLER, {
        participantId: p,
        slotId: o.slotId,
        disclose: ['strengths'],
      });
      const t1 = cpuMs();
      const { id } = JSON.parse(body) as { id: string };
      if (i % 2) await call('POST', `/v1/placements/${id}/decline`, o.key, { reason: 'no_capacity' });
      else await call('POST', `/v1/placements/${id}/withdraw`, HANDLER, {});
      return [t1 - t0, cpuMs() - t1];
    };
    for (let i = 0; i < 20; i++) await propose(i);
    await drain();
    let pr = 0;
    let tr = 0;
    const n = rounds;
    for (let i = 0; i < n; i++) {
      const [a, b] = await propose(i);
      pr += a!;
      tr += b!;
    }
    results['POST placements'] = pr / n;
    results['POST decline/withdraw'] = tr / n;
    const d = cpuMs();
    const rows = await drain();
    results['outbox after proposal+transition (per pair, batched)'] = (cpuMs() - d) / n;
    results['outbox rows per pair'] = rows / n;
    // One pair, then its passes (as when writes come one at a time).
    let one = 0;
    for (let i = 0; i < 40; i++) {
      await propose(i);
      const t = cpuMs();
      await drain();
      one += cpuMs() - t;
    }
    results['outbox after proposal+transition (one pair per drain)'] = one / 40;
    for (const [k, v] of Object.entries(results))
      console.log(`${k.padEnd(56)} ${v.toFixed(3)}${k.includes('rows') ? '' : ' ms'}`);
    for (const [topic, t] of Object.entries(perTopic))
      if (t.rows)
        console.log(`handler ${topic.padEnd(48)} ${(t.ms / t.rows).toFixed(3)} ms per row (${t.rows} rows)`);
    const topics = await database.client.execute(
      'SELECT topic, status, count(*) AS n FROM outbox GROUP BY topic, status',
    );
    console.log(
      `outbox rows by topic: ${topics.rows.map((r) => `${r.topic} ${r.status} ${r.n}`).join(', ')}`,
    );
    database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
