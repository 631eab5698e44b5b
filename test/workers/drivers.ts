/**
 * The two databases the Worker runs on, as the suite sees them: D1 (the binding from wrangler.toml,
 * reached through `SELF`, exactly as production traffic arrives) and Turso (libSQL over HTTP to the
 * stand-in server from ./global-setup.ts, through the Worker's own fetch handler). Each flow file
 * runs against both.
 */
import { env } from 'cloudflare:test';
import { inject } from 'vitest';
import { openD1 } from '../../src/adapters/db/d1';
import { openLibsqlWeb } from '../../src/adapters/db/libsql-web';
import type { Db } from '../../src/adapters/db/types';
import type { WorkerEnv } from '../../src/entry/worker-app';
import type { Api } from '../helpers/call';
import { asTestApp, caller, fetchWith, call as selfCall } from './helpers';

export interface Driver {
  name: 'D1' | 'Turso';
  /** The env the Worker sees. */
  env: WorkerEnv;
  call: ReturnType<typeof caller>;
  /** For the Node suite's factories (they only use `call`). */
  t: Api;
  /** The same database, opened directly, to look at what the API wrote. */
  db: Db;
}

export function d1(): Driver {
  return { name: 'D1', env, call: selfCall, t: asTestApp(selfCall), db: openD1(env.DB) };
}

export function turso(): Driver {
  const { DB: _d1, ...settings } = env;
  const url = inject('tursoUrl');
  const token = inject('tursoToken');
  const tursoEnv: WorkerEnv = { ...settings, TURSO_DATABASE_URL: url, TURSO_AUTH_TOKEN: token };
  const call = caller(fetchWith(tursoEnv));
  return { name: 'Turso', env: tursoEnv, call, t: asTestApp(call), db: openLibsqlWeb(url, token).db };
}
