/**
 * A real app over a real libSQL database file, fresh for each test file. Requests go through the
 * whole Hono stack (middleware, validation, services, SQL) with `app.request`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateLibsql, openLibsql } from '../../src/adapters/db/libsql';
import type { Db } from '../../src/adapters/db/types';
import { type AppDeps, createApp } from '../../src/app';
import { type AppConfig, loadConfig } from '../../src/config';
import { silentLogger } from '../../src/lib/logger';
import type { SearchIndex } from '../../src/search';
import { typedCall } from './call';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: () => Date;
  deps?: Partial<AppDeps>;
  /** The app's search, made over the test's database (when it needs the database, e.g. to wrap the default). */
  search?: (db: Db, config: AppConfig) => SearchIndex;
}

export async function createTestApp(opts: TestAppOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'se-registry-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const database = await openLibsql(url);
  await migrateLibsql(database);
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', ...opts.env });
  const search = opts.search?.(database.db, config);
  const app = createApp({
    config,
    db: database.db,
    logger: silentLogger,
    clock: opts.clock,
    ...(search ? { search } : {}),
    ...opts.deps,
  });

  /** One JSON request with an API key (the admin key unless `key` says otherwise), typed by route. */
  const call = typedCall((path, init) => Promise.resolve(app.request(path, init)), ADMIN_KEY);

  return {
    app,
    db: database.db,
    client: database.client,
    url,
    call,
    async close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The acting person of an API key, as the service layer sees it (for calling services directly). */
export async function actorOfKey(t: TestApp, key: string) {
  const actor = await t.app.services.apiKeys.authenticate(key);
  if (!actor) throw new Error('unknown key');
  return actor;
}
