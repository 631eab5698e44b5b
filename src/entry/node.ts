/**
 * Node entry: reads the environment, opens the embedded libSQL file (or Turso), migrates, seeds the
 * demo on first run, and serves the app: in this process, or with NODE_PROCESSES > 1 in that many
 * worker processes on one port (src/adapters/http/cluster.ts) after this one prepared the database.
 * Only wiring lives here.
 */

import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { isLocalFile, type LibsqlDatabase, migrateLibsql, openLibsql } from '../adapters/db/libsql';
import { nodeDocsAssets } from '../adapters/docs/node';
import { isClusterWorker, runWorkers } from '../adapters/http/cluster';
import { createNodeServer, nodeClientAddress } from '../adapters/http/node';
import { turnTaker } from '../adapters/http/turns';
import { type BackgroundThread, startBackgroundThread } from '../adapters/threads/background';
import { searchInBackground } from '../adapters/threads/search';
import { startWriterThread, type WriterThread } from '../adapters/threads/writer';
import { type App, createApp } from '../app';
import { type AppConfig, ConfigError, loadConfig } from '../config';
import { demoKeys, isEmpty, seedDemo } from '../demo/seed';
import { randomToken } from '../lib/crypto';
import { reportEventLoopDelay } from '../lib/event-loop';
import { createLogger, type Logger } from '../lib/logger';
import { startOutboxLoop } from '../outbox/loop';
import { createSearchIndex, type SearchIndex } from '../search';
import { withAnswerCache } from '../search/answer-cache';
import { searchRevisionReader } from '../search/embedded/revision';
import { LOOP_TERMS_BATCH } from '../services/matching/terms-backfill';

const announce = (port: number | undefined, processes: number) =>
  console.log(
    `\nSE placement registry on http://localhost:${port}  (API docs: /docs, OpenAPI: /openapi.json)` +
      (processes > 1 ? `, ${processes} server processes` : ''),
  );

/** The background threads of one server process (NODE_BACKGROUND): one for the outbox, NODE_SEARCH_THREADS for searches. */
interface Background {
  outbox: BackgroundThread;
  search: [BackgroundThread, ...BackgroundThread[]];
  writer: WriterThread;
}

function buildApp(config: AppConfig, database: LibsqlDatabase, logger: Logger, background?: Background) {
  // Node keeps every open slot in memory for matching: one long-lived process, whole requests in a
  // few milliseconds at 100,000 slots (README, "Matching at scale").
  const search = createSearchIndex(config, database.db, isLocalFile(config.DATABASE_URL));
  return createApp({
    config,
    db: database.db,
    logger,
    search: embeddedSearchOfNode(search, database, logger, background),
    docsAssets: nodeDocsAssets(),
    matchingSlots: 'resident',
    clientAddress: nodeClientAddress(config.TRUST_PROXY),
  });
}

/**
 * The embedded search's statements run in the background thread (Meilisearch is a network call), and
 * its answers are kept while the search revision stands (search/answer-cache.ts).
 */
function embeddedSearchOfNode(
  search: SearchIndex,
  database: LibsqlDatabase,
  logger: Logger,
  background?: Background,
): SearchIndex {
  if (search.engine !== 'embedded') return search;
  const run = background ? searchInBackground(search, background.search, logger) : search;
  const revision = searchRevisionReader(database.db);
  return revision ? withAnswerCache(run, revision) : run;
}

/** `count` threads that answer searches (at least one). */
function searchThreads(count: number, logger: Logger): Background['search'] {
  const start = () => startBackgroundThread(backgroundEntry, logger, process.env, 'search');
  return [start(), ...Array.from({ length: count - 1 }, start)];
}

/** Migrations and the demo seed: once, before anything serves. */
async function prepare(config: AppConfig, database: LibsqlDatabase, app: App) {
  await migrateLibsql(database);
  if (config.SEED_DEMO) {
    if (config.NODE_ENV === 'production') throw new ConfigError('SEED_DEMO must be false in production.');
    const keys = (await isEmpty(database.db)) ? await seedDemo(app.services) : await demoKeys(app.services);
    if (keys.length) {
      console.log('\nDemo keys (demo data only; start with SEED_DEMO=false for a clean database):');
      for (const k of keys)
        console.log(`  ${k.role.padEnd(11)} ${k.key.padEnd(28)} ${k.person}, ${k.organization}`);
    }
  }
}

/** WAL pages before the request thread checkpoints, with background threads (the outbox thread's
 * connection checkpoints on a timer: src/adapters/db/checkpoints.ts). */
const REQUEST_THREAD_CHECKPOINT_PAGES = 10_000;

/** The background threads' code: this file's siblings, as TypeScript (tsx) or built JavaScript. */
const backgroundEntry = new URL(
  `./node-background${extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);
const writerEntry = new URL(`./node-writer${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

async function serve(
  config: AppConfig,
  database: LibsqlDatabase,
  app: App,
  logger: Logger,
  background: Background | undefined,
) {
  // One background loop drains every outbox topic (search index, notifications, mail): every 2 s, and
  // at once after a successful write, so a mail leaves within seconds. Workers use a Cron Trigger.
  // With several processes each runs one; a row is claimed by one of them at a time. With a
  // background thread the loop runs there, off the event loop that serves requests. After each pass
  // it fills in a batch of slots' match terms written before the column (terms-backfill.ts).
  const outboxLoop =
    background?.outbox ??
    startOutboxLoop(database.db, app.outboxHandlers, logger, {
      chore: () => app.backfillMatchTerms({ limit: LOOP_TERMS_BATCH }),
    });
  // Requests are taken once the threads run, so searches do not fall back to this thread meanwhile.
  await Promise.all([
    background?.outbox.started,
    background?.writer.started,
    ...(background?.search ?? []).map((t) => t.started),
  ]);
  const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);
  const turn = turnTaker();
  const fetch = async (request: Request, env: HttpBindings | Http2Bindings) => {
    await turn();
    const response = await app.fetch(request, env);
    if (!readOnly.has(request.method) && response.status < 400) outboxLoop.kick();
    return response;
  };

  // Load the matching index before listening, not in the first handler's request: at 100,000 slots
  // it is one synchronous stretch of seconds, which would hold every request that came meanwhile
  // (#17: no request may wait on the event loop longer than 50 ms). The server answers once it is in.
  const warm = performance.now();
  await app.services.matching.catalog
    ?.current()
    .then((index) =>
      logger.info('matching index loaded', { slots: index.size, ms: Math.round(performance.now() - warm) }),
    )
    .catch((err) => logger.error('matching index load failed', { error: String(err) }));

  const server = createNodeServer(fetch, {
    maxHeaderBytes: config.MAX_HEADER_BYTES,
    logger,
    hsts: config.NODE_ENV !== 'development',
  });
  server.listen(config.PORT, () => {
    const address = server.address();
    if (!isClusterWorker()) announce(typeof address === 'object' && address ? address.port : config.PORT, 1);
  });

  const shutdown = () => {
    server.close(async () => {
      await Promise.all([outboxLoop.stop(), ...(background?.search ?? []).map((t) => t.stop())]);
      // Last: the outbox loop's final pass may write through this thread's client.
      await background?.writer.stop();
      database.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const processes = config.NODE_PROCESSES === 'auto' ? availableParallelism() : config.NODE_PROCESSES;
  const primary = processes > 1 && !isClusterWorker();
  if (config.EVENT_LOOP_REPORT && !primary) reportEventLoopDelay();
  if (!config.ADMIN_API_KEY) {
    // Development convenience only: production refuses to start without a key (see config.ts).
    config.ADMIN_API_KEY = `dev-admin-${randomToken(24)}`;
    // Worker processes inherit the environment, so they accept the same key.
    process.env.ADMIN_API_KEY = config.ADMIN_API_KEY;
    console.log(`ADMIN_API_KEY is not set; this run uses ${config.ADMIN_API_KEY}`);
  }

  const database = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, {
    synchronous: config.DATABASE_SYNCHRONOUS,
  });
  if (!isClusterWorker()) await prepare(config, database, buildApp(config, database, logger));
  if (primary) {
    database.close();
    runWorkers(processes, logger, (port) => announce(port, processes));
    return;
  }
  // Started once the database is migrated; not for `:memory:` (a thread's connection would open
  // another, empty database) nor a remote database (its statements are network calls already).
  const background =
    config.NODE_BACKGROUND && isLocalFile(config.DATABASE_URL)
      ? {
          outbox: startBackgroundThread(backgroundEntry, logger, process.env, 'outbox'),
          search: searchThreads(config.NODE_SEARCH_THREADS, logger),
          writer: startWriterThread(writerEntry, logger),
        }
      : undefined;
  // The request thread's writes run in the writer thread from now on (threads/writer.ts).
  if (background) database.writes?.sendWritesTo(background.writer);
  // Checkpoints (copying the WAL back into the file, with an fsync) run in the connection whose commit
  // crosses the threshold: on the request thread, every request waited behind one (several ms, a few
  // times a second under the load mix). With the outbox thread committing too, leave them to it; the
  // request thread checkpoints only if the WAL grows far past SQLite's default of 1,000 pages.
  if (background)
    await database.client.execute(`PRAGMA wal_autocheckpoint = ${REQUEST_THREAD_CHECKPOINT_PAGES}`);
  await serve(config, database, buildApp(config, database, logger, background), logger, background);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
