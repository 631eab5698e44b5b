/**
 * Cloudflare D1 through drizzle. Imports nothing from Node, so the Worker can bundle it.
 * D1 runs each statement and each `batch()` atomically but has no interactive transactions, which is
 * why the services keep every invariant with conditional statements and batches (see ./types.ts).
 */
import { is } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
import { SQLiteRaw } from 'drizzle-orm/sqlite-core/query-builders/raw';
import * as schema from '../../../db/schema';
import type { Db } from './types';

/** The part of a D1 binding this adapter relies on; enough to tell a D1 binding from a mistake. */
export interface D1DatabaseLike {
  prepare(query: string): unknown;
  batch(statements: unknown[]): Promise<unknown>;
  exec(query: string): Promise<unknown>;
}

export function isD1Database(value: unknown): value is D1DatabaseLike {
  const v = value as Partial<D1DatabaseLike> | null | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.prepare === 'function' &&
    typeof v.batch === 'function' &&
    typeof v.exec === 'function'
  );
}

export function openD1(binding: D1DatabaseLike): Db {
  const db = drizzle(binding, { schema });
  const batch = db.batch.bind(db);
  // drizzle-orm's D1 batch binds every item through `_prepare().stmt`, which a raw `db.run(sql…)`
  // item with parameters lacks ("Cannot read properties of undefined (reading 'bind')",
  // drizzle-orm#2277, open in 0.45). Give such items a statement prepared from their own SQL, so raw
  // SQL (the FTS5 search tables) batches on D1 as on libSQL; results map as before.
  db.batch = <U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(items: T) => {
    for (const item of items)
      if (is(item, SQLiteRaw)) {
        const raw: SQLiteRaw<unknown> & { stmt?: unknown } = item;
        raw.stmt ??= binding.prepare(raw.getQuery().sql);
      }
    return batch(items);
  };
  return db;
}
