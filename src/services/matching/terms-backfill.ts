/**
 * Fills in the stored match terms (`slots.match_terms`) of slots written before the column existed
 * or under an older key function (src/matching/terms.ts), a bounded batch per run: the Workers cron
 * and the Node outbox loop call it. Every slot write stores current terms itself; until a slot's
 * are filled in, matching gives it the loosest text bound (reads it whole sooner; never wrong).
 *
 * Two calls a run: one read of at most `limit` slots found by a seek of `slots_terms_version_idx`
 * (only the slots that need it are read, never the registry), one update of those rows. A row is
 * updated only if its terms are still what was read, so a slot written meanwhile keeps the terms
 * its write stored. Only the terms change: no slot change is logged, no index task queued (neither
 * reads them).
 */
import { sql } from 'drizzle-orm';
import { termsVersionOf } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { matchTermsVersion, storedMatchTerms } from '../../matching/terms';

/** Slots filled in per run on Workers: one update statement's JSON stays around 100 KB. */
export const TERMS_BATCH = 200;
/**
 * Per pass of the Node loop (every 2 s): 100,000 slots in about seven minutes, each update short
 * enough not to hold up the request thread's writes for long.
 */
export const LOOP_TERMS_BATCH = 500;

export interface TermsBackfill {
  /** Slots whose terms were filled in this run. */
  updated: number;
  /** Whether more slots may need it (the batch was full). */
  more: boolean;
}

export interface StaleRow {
  id: string;
  title: string;
  tasks: string;
  occupation_label: string;
  ssyk: string | null;
  /** JSON array of strength codes (slots.suits): their terms are the slot's too. */
  suits: string;
  match_terms: string | null;
}

/** The slots whose terms are missing ('' sorts first) or of another version, by index seeks. */
export function staleStatement(limit: number) {
  const version = `${matchTermsVersion()} `;
  const prefix = termsVersionOf(sql.identifier('match_terms'));
  const columns = sql`id, title, tasks, occupation_label, ssyk, suits, match_terms`;
  return sql`
    SELECT * FROM (SELECT ${columns} FROM slots WHERE ${prefix} < ${version} LIMIT ${limit})
    UNION ALL
    SELECT * FROM (SELECT ${columns} FROM slots WHERE ${prefix} > ${version} LIMIT ${limit})
    LIMIT ${limit}`;
}

/**
 * Stores current terms for these rows as read, in one statement; a row whose terms changed since
 * (a write stored its own) is left alone. The ids of the rows updated.
 */
export async function storeTerms(db: Db, rows: readonly StaleRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const changes = rows.map((r) => [
    r.id,
    storedMatchTerms({
      title: r.title,
      tasks: JSON.parse(r.tasks) as string[],
      occupationLabel: r.occupation_label,
      ssyk: r.ssyk,
      suits: JSON.parse(r.suits) as string[],
    }),
    r.match_terms,
  ]);
  const updated = await db.all<{ id: string }>(sql`
    UPDATE slots SET match_terms = json_extract(c.value, '$[1]')
    FROM json_each(${JSON.stringify(changes)}) c
    WHERE slots.id = json_extract(c.value, '$[0]') AND slots.match_terms IS json_extract(c.value, '$[2]')
    RETURNING id`);
  return updated.map((u) => u.id);
}

export async function backfillMatchTerms(db: Db, { limit = TERMS_BATCH } = {}): Promise<TermsBackfill> {
  const rows = await db.all<StaleRow>(staleStatement(limit));
  const updated = await storeTerms(db, rows);
  return { updated: updated.length, more: rows.length === limit };
}
