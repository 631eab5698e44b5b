/**
 * The search revisions (db/schema/search-revision.ts), read before a search by a process that keeps
 * answers (../answer-cache.ts). Row 1, `live`, is moved on by triggers on what a search reads live
 * beside the index (a slot's or listing's availability, deletion, an organization's name); row 2,
 * `index`, by the index's own writes, in their batches.
 */
import { sql } from 'drizzle-orm';
import { readNow } from '../../adapters/db/fast-rows';
import type { Db } from '../../adapters/db/types';
import type { SearchRevision } from '../answer-cache';

const LIVE_ROW = 1;
const INDEX_ROW = 2;

const READ = `SELECT (SELECT revision FROM search_revision WHERE id = ${LIVE_ROW}),
  coalesce((SELECT revision FROM search_revision WHERE id = ${INDEX_ROW}), 0)`;

/**
 * The index revision moved on, as a statement of an index write's own batch (same transaction). Its
 * row is made by the first write (databases migrated before it had only the live row).
 */
export const bumpRevision = (db: Db) =>
  db.run(
    sql.raw(`INSERT INTO search_revision (id, revision) VALUES (${INDEX_ROW}, 1)
      ON CONFLICT (id) DO UPDATE SET revision = revision + 1`),
  );

/**
 * Reads the revisions afresh on each call, synchronously, over a local libSQL file; undefined for any
 * other database (D1, remote libSQL), where a read costs a round trip and answers are not kept.
 */
export function searchRevisionReader(db: Db): (() => SearchRevision | undefined) | undefined {
  const read = readNow(db, { sql: READ, params: [] });
  if (!read) return undefined;
  return () => {
    const [live, index] = read()[0] ?? [];
    return typeof live === 'number' && typeof index === 'number' ? { live, index } : undefined;
  };
}
