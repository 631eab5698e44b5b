import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../../../db/schema';

export type Schema = typeof schema;

/**
 * The database port: drizzle over an async SQLite driver with atomic `batch()`. Both libSQL
 * (embedded file, Turso over HTTP) and Cloudflare D1 satisfy it. D1 has no interactive transactions,
 * so the code never uses `db.transaction()`: invariants are kept with conditional single statements,
 * CHECK constraints and atomic batches, which hold on every driver.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, Schema> & {
  batch: LibSQLDatabase<Schema>['batch'];
};

export type BatchItem = Parameters<Db['batch']>[0][number];
