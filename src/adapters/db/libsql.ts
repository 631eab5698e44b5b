import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from '../../../db/schema';
import { withFastRows } from './fast-rows';
import { createLocalClient, type GroupWriter, type WriteDelegation } from './libsql-local';
import type { Db } from './types';

export const migrationsFolder = new URL('../../../db/migrations', import.meta.url).pathname;

export interface LibsqlDatabase {
  db: Db;
  client: Client;
  /** A local file's client: its writes can be sent to another thread, or committed together (libsql-local.ts). */
  writes?: WriteDelegation & GroupWriter;
  close(): void;
}

export interface LibsqlOptions {
  /**
   * SQLite's `synchronous` for a local file in WAL mode. `normal` (default): a commit is safe when
   * the process dies (every acknowledged write survives a crash or SIGKILL), and only a power cut or
   * an operating-system crash can lose the last moments' commits; the file never corrupts. `full`:
   * every commit waits for the disk (fsync), which on this machine kind held the event loop about
   * 4 ms per write instead of 0.1 ms.
   */
  synchronous?: 'normal' | 'full';
}

/** The file a `file:` URL names (`file:data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`). */
function filePath(url: string): string {
  const rest = url.slice('file:'.length).split('?')[0]!;
  return rest.startsWith('//') ? decodeURIComponent(new URL(url).pathname) : rest;
}

/** Whether `url` names a database file on this machine (not `:memory:`, not a remote server). */
export function isLocalFile(url: string): boolean {
  return url.startsWith('file:') && !filePath(url).startsWith(':memory:') && !url.includes('mode=memory');
}

/**
 * Opens a libSQL database: a local file (`file:data/registry.db`, the embedded default), `:memory:`,
 * or a remote Turso/sqld URL with an auth token. Local files get WAL and a busy timeout so several
 * server processes and a CLI script can share one file, and a client that keeps its prepared
 * statements (libsql-local.ts).
 */
export async function openLibsql(
  url: string,
  authToken?: string,
  options: LibsqlOptions = {},
): Promise<LibsqlDatabase> {
  const path = url.startsWith('file:') ? filePath(url) : undefined;
  let client: Client;
  let writes: (WriteDelegation & GroupWriter) | undefined;
  if (path && path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    const local = createLocalClient(path, [
      'PRAGMA journal_mode = WAL',
      'PRAGMA busy_timeout = 5000',
      `PRAGMA synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`,
      'PRAGMA foreign_keys = ON',
      // 64 MiB of pages instead of SQLite's 2 MiB: at 100,000 slots the search index alone is about
      // 120 MB, and a ranked search that reads its candidates' documents in relevance order (random
      // pages) spent a third of its time copying pages in from the operating system's cache.
      'PRAGMA cache_size = -65536',
    ]);
    client = local;
    writes = local;
  } else {
    client = createClient({ url, authToken });
    if (url.startsWith('file:') || url === ':memory:') {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA busy_timeout = 5000');
    }
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db: Db = drizzle(client, { schema });
  // Reads over the local client map their rows without drizzle's per-row work (fast-rows.ts).
  withFastRows(db);
  return { db, client, writes, close: () => client.close() };
}

/** Applies db/migrations (drizzle's migrator wants its own libSQL database type, so it gets one). */
export async function migrateLibsql(database: Pick<LibsqlDatabase, 'client'>): Promise<void> {
  await migrate(drizzle(database.client), { migrationsFolder });
}
