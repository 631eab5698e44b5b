/**
 * Node entry: reads the environment, opens the embedded libSQL file (or Turso), migrates, seeds the
 * demo on first run, and serves the app. Only wiring lives here.
 */

import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { migrateLibsql, openLibsql } from '../adapters/db/libsql';
import { nodeDocsAssets } from '../adapters/docs/node';
import { createNodeServer, nodeClientAddress } from '../adapters/http/node';
import { createApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { demoKeys, isEmpty, seedDemo } from '../demo/seed';
import { randomToken } from '../lib/crypto';
import { reportEventLoopDelay } from '../lib/event-loop';
import { createLogger } from '../lib/logger';
import { startOutboxLoop } from '../outbox/loop';

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  if (config.EVENT_LOOP_REPORT) reportEventLoopDelay();
  if (!config.ADMIN_API_KEY) {
    // Development convenience only: production refuses to start without a key (see config.ts).
    config.ADMIN_API_KEY = `dev-admin-${randomToken(24)}`;
    console.log(`ADMIN_API_KEY is not set; this run uses ${config.ADMIN_API_KEY}`);
  }

  const database = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, {
    synchronous: config.DATABASE_SYNCHRONOUS,
  });
  await migrateLibsql(database);
  // Node keeps every open slot in memory for matching: one long-lived process, whole requests in a
  // few milliseconds at 100,000 slots (README, "Matching at scale").
  const app = createApp({
    config,
    db: database.db,
    logger,
    docsAssets: nodeDocsAssets(),
    matchingSlots: 'resident',
    clientAddress: nodeClientAddress(config.TRUST_PROXY),
  });

  if (config.SEED_DEMO) {
    if (config.NODE_ENV === 'production') throw new ConfigError('SEED_DEMO must be false in production.');
    const keys = (await isEmpty(database.db)) ? await seedDemo(app.services) : await demoKeys(app.services);
    if (keys.length) {
      console.log('\nDemo keys (demo data only; start with SEED_DEMO=false for a clean database):');
      for (const k of keys)
        console.log(`  ${k.role.padEnd(11)} ${k.key.padEnd(28)} ${k.person}, ${k.organization}`);
    }
  }

  // One background loop drains every outbox topic (search index, notifications, mail): every 2 s, and
  // at once after a successful write, so a mail leaves within seconds. Workers use a Cron Trigger.
  const outboxLoop = startOutboxLoop(database.db, app.outboxHandlers, logger);
  const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);
  const fetch = async (request: Request, env: HttpBindings | Http2Bindings) => {
    const response = await app.fetch(request, env);
    if (!readOnly.has(request.method) && response.status < 400) outboxLoop.kick();
    return response;
  };

  // Load the matching index now rather than in the first handler's request (seconds at 100,000 slots).
  const warm = performance.now();
  app.services.matching.catalog
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
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    console.log(
      `\nSE placement registry on http://localhost:${port}  (API docs: /docs, OpenAPI: /openapi.json)`,
    );
  });

  const shutdown = () => {
    server.close(async () => {
      await outboxLoop.stop();
      database.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
