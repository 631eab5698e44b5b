/**
 * libSQL over HTTP (Turso, sqld) with the Web-standard client: fetch only, no Node APIs, so it runs in
 * Workers. Unlike ./libsql.ts it cannot open `file:` databases; the config refuses those up front.
 */
import { type Client, createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from '../../../db/schema';
import type { Db } from './types';

export interface LibsqlWebDatabase {
  db: Db;
  client: Client;
  close(): void;
}

/**
 * Creates the client without a round trip, so building the app stays synchronous; the first query
 * opens the connection. Each HTTP request is its own stream, so per-connection PRAGMAs would not stick:
 * invariants rely on CHECK constraints and conditional statements instead, as on D1.
 */
export function openLibsqlWeb(url: string, authToken?: string): LibsqlWebDatabase {
  const client = createClient({ url, authToken });
  const db: Db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}
