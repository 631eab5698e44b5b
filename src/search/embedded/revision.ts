/**
 * The search revision (db/schema/search-revision.ts): moved on by every index write, read before a
 * search by a process that keeps answers (../answer-cache.ts).
 */
import { sql } from 'drizzle-orm';
import { readNow } from '../../adapters/db/fast-rows';
import type { Db } from '../../adapters/db/types';

const READ = 'SELECT revision FROM search_revision WHERE id = 1';

/** The revision moved on, as a statement of an index write's own batch (same transaction). */
export const bumpRevision = (db: Db) =>
  db.run(sql.raw('UPDATE search_revision SET revision = revision + 1 WHERE id = 1'));

/**
 * Reads the revision afresh on each call, synchronously, over a local libSQL file; undefined for any
 * other database (D1, remote libSQL), where a read costs a round trip and answers are not kept.
 */
export function searchRevisionReader(db: Db): (() => number | undefined) | undefined {
  const read = readNow(db, { sql: READ, params: [] });
  if (!read) return undefined;
  return () => {
    const value = read()[0]?.[0];
    return typeof value === 'number' ? value : undefined;
  };
}
