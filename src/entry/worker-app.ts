/**
 * Builds the app for a Workers environment: validates the settings and bindings, opens the database
 * (a D1 binding or Turso over HTTP) and calls the same `createApp` as Node. Built once per isolate
 * and reused by every request and cron run that sees the same `env`.
 *
 * Nothing here, nor anything it imports, may need Node APIs: the Worker is bundled without
 * `nodejs_compat` (see wrangler.toml), so a stray `node:` import fails the build, not a request.
 */
import { type D1DatabaseLike, isD1Database, openD1 } from '../adapters/db/d1';
import { type DbUsage, meteredD1 } from '../adapters/db/d1-usage';
import { openLibsqlWeb } from '../adapters/db/libsql-web';
import type { Db } from '../adapters/db/types';
import { type App, createApp } from '../app';
import { type AppConfig, ConfigError, type ConfigIssue, loadConfig } from '../config';
import { createLogger, type Logger } from '../lib/logger';

/** The name of the D1 binding in wrangler.toml. */
export const D1_BINDING = 'DB';

/** What the runtime passes as `env`: the D1 binding (if any), vars and secrets. */
export interface WorkerEnv {
  /** A D1 binding (checked at start, since a var of the same name would be a string). */
  DB?: unknown;
  [setting: string]: unknown;
}

export type DatabaseDriver = 'd1' | 'turso';

export type WorkerApp =
  | {
      ok: true;
      app: App;
      config: AppConfig;
      driver: DatabaseDriver;
      logger: Logger;
      /** What the database was asked to do so far (calls always; on D1 outside production, rows too). */
      usage: DbUsage;
      /** Outside production: each answer tells what it asked of the database (worker.ts). */
      showUsage: boolean;
    }
  | { ok: false; error: ConfigError };

const built = new WeakMap<object, WorkerApp>();

/**
 * The app for this `env`, built on first use. A misconfiguration is cached too: it cannot heal
 * without a new deployment, which starts new isolates.
 */
export function workerApp(env: WorkerEnv): WorkerApp {
  let entry = built.get(env);
  if (!entry) {
    entry = buildWorkerApp(env);
    built.set(env, entry);
  }
  return entry;
}

const dbHelp =
  `bind a D1 database as "${D1_BINDING}" in wrangler.toml ([[d1_databases]]), or set the secrets ` +
  'TURSO_DATABASE_URL and TURSO_AUTH_TOKEN';

/** Every problem with the settings and bindings at once, so one deploy can fix them all. */
export function buildWorkerApp(env: WorkerEnv): WorkerApp {
  const issues: ConfigIssue[] = [];
  let config: AppConfig | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    issues.push(...err.issues);
  }

  const binding = env[D1_BINDING];
  const tursoUrl = typeof env.TURSO_DATABASE_URL === 'string' && env.TURSO_DATABASE_URL !== '';
  if (binding !== undefined && !isD1Database(binding))
    issues.push({ setting: D1_BINDING, message: 'is not a D1 database binding' });
  if (binding !== undefined && tursoUrl)
    issues.push({
      setting: D1_BINDING,
      message: 'and TURSO_DATABASE_URL are both set; keep one database (remove one of them)',
    });
  if (binding === undefined && !tursoUrl)
    issues.push({ setting: D1_BINDING, message: `is missing: ${dbHelp}` });
  if (config && !config.ADMIN_API_KEY && !issues.some((i) => i.setting === 'ADMIN_API_KEY'))
    issues.push({
      setting: 'ADMIN_API_KEY',
      message: 'is required on Workers: `wrangler secret put ADMIN_API_KEY` (locally: .dev.vars)',
    });

  if (!config || issues.length) {
    const lines = issues.map((i) => `  ${i.setting}: ${i.message}`);
    const error = new ConfigError(`Invalid Worker configuration:\n${lines.join('\n')}`, issues);
    // Once per isolate, names only, never values (the config could not say how loud to be).
    if (env.LOG_LEVEL !== 'silent') console.error(error.message);
    return { ok: false, error };
  }

  const driver: DatabaseDriver = isD1Database(binding) ? 'd1' : 'turso';
  // Calls are counted so the outbox drain stays within the per-invocation limit; outside production
  // D1's rows read and written too, for the answer's usage header (worker.ts).
  const showUsage = config.NODE_ENV !== 'production';
  const opened =
    driver === 'd1'
      ? (() => {
          const metered = meteredD1(binding as D1DatabaseLike, { rows: showUsage });
          return { db: openD1(metered.binding), usage: metered.usage };
        })()
      : openLibsqlWeb(config.TURSO_DATABASE_URL!, config.TURSO_AUTH_TOKEN);
  const db: Db = opened.db;
  const logger = createLogger(config.LOG_LEVEL);
  // Cloudflare sets CF-Connecting-IP to the client's address; a client cannot choose it.
  const app = createApp({ config, db, logger, clientAddress: (c) => c.req.header('cf-connecting-ip') });
  return { ok: true, app, config, driver, logger, usage: opened.usage, showUsage };
}
