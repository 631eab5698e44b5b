import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from '../../../db/schema';
import type { Db } from './types';

export const migrationsFolder = new URL('../../../db/migrations', import.meta.url).pathname;

export interface LibsqlDatabase {
  db: Db;
  client: Client;
  close(): void;
}

/**
 * Opens a libSQL database: a local file (`file:data/registry.db`, the embedded default), `:memory:`,
 * or a remote Turso/sqld URL with an auth token. Local files get WAL and a busy timeout so the server
 * and a CLI script can share one file.
 */
export async function openLibsql(url: string, authToken?: string): Promise<LibsqlDatabase> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0]!;
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({ url, authToken });
  if (url.startsWith('file:') || url === ':memory:') {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db: Db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}

/** Applies db/migrations (drizzle's migrator wants its own libSQL database type, so it gets one). */
export async function migrateLibsql(database: Pick<LibsqlDatabase, 'client'>): Promise<void> {
  await migrate(drizzle(database.client), { migrationsFolder });
}
