/**
 * Cloudflare D1 through drizzle. Imports nothing from Node, so the Worker can bundle it.
 * D1 runs each statement and each `batch()` atomically but has no interactive transactions, which is
 * why the services keep every invariant with conditional statements and batches (see ./types.ts).
 */
import { drizzle } from 'drizzle-orm/d1';
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
  // drizzle types the binding with @cloudflare/workers-types' global D1Database, which this project
  // does not load into its Node-typed program; the runtime check above stands in for it.
  return drizzle(binding as never, { schema }) as unknown as Db;
}
