/**
 * Queries built once and run many times. Drizzle builds a query's SQL text anew on every call, and a
 * CPU profile of the load mix put a fifth of the request thread's time there; a prepared query
 * (`.prepare()`, values as `sql.placeholder(name)`) is built once and only binds its values per call.
 * The local libSQL client keeps the statement prepared in SQLite too (libsql-local.ts), D1 gets the
 * same statement each time. Built on first use, so an app that never asks pays nothing.
 */
import { sql } from 'drizzle-orm';

/** `build()`'s query, built on the first call and kept. */
export function preparedOnce<T>(build: () => T): () => T {
  let query: T | undefined;
  return () => {
    query ??= build();
    return query;
  };
}

/**
 * One query per shape (which filters are given, how many ids a list holds): `build(shape)` runs once
 * per shape. Shapes past `max` are built per call and not kept, so odd requests cannot grow the cache.
 */
export function preparedByShape<K, T>(build: (shape: K) => T, max = 128): (shape: K) => T {
  const kept = new Map<K, T>();
  return (shape) => {
    const hit = kept.get(shape);
    if (hit) return hit;
    const query = build(shape);
    if (kept.size < max) kept.set(shape, query);
    return query;
  };
}

/** Placeholders `name0 … name{n-1}` for an IN list of `n` values. */
export const listPlaceholders = (name: string, n: number) =>
  Array.from({ length: n }, (_, i) => sql.placeholder(`${name}${i}`));

/** The values of an IN list under the names listPlaceholders gave them. */
export function listValues(name: string, values: readonly unknown[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  values.forEach((v, i) => {
    named[`${name}${i}`] = v;
  });
  return named;
}
