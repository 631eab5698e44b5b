/**
 * libSQL over HTTP (Turso, sqld) with the Web-standard client: fetch only, no Node APIs, so it runs in
 * Workers. Unlike ./libsql.ts it cannot open `file:` databases; the config refuses those up front.
 */
import { type Client, createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from '../../../db/schema';
import { type DbUsage, emptyUsage } from './d1-usage';
import type { Db } from './types';

export interface LibsqlWebDatabase {
  db: Db;
  client: Client;
  /** Calls made so far: each is an HTTP request, which Workers count per invocation (subrequests). */
  usage: DbUsage;
  close(): void;
}

/**
 * Creates the client without a round trip, so building the app stays synchronous; the first query
 * opens the connection. Each HTTP request is its own stream, so per-connection PRAGMAs would not stick:
 * invariants rely on CHECK constraints and conditional statements instead, as on D1.
 */
export function openLibsqlWeb(url: string, authToken?: string): LibsqlWebDatabase {
  const client = createClient({ url, authToken });
  const usage = emptyUsage();
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  client.execute = ((...args: Parameters<Client['execute']>) => {
    usage.calls++;
    usage.statements++;
    return execute(...args);
  }) as Client['execute'];
  client.batch = ((...args: Parameters<Client['batch']>) => {
    usage.calls++;
    usage.statements += Array.isArray(args[0]) ? args[0].length : 1;
    return batch(...args);
  }) as Client['batch'];
  const db: Db = drizzle(client, { schema });
  return { db, client, usage, close: () => client.close() };
}
