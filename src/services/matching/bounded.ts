/**
 * One participant's best slots without reading every candidate whole (the threshold algorithm):
 * SQL bounds each candidate from its narrow columns and how many of the participant's words its
 * stored terms meet (bound-sql.ts) and returns them a page at a time, best bound first; the
 * engine's own bound (src/matching/bound.ts) orders each page's rows; whole slots are read and
 * ranked best bound first, in growing batches, until the k-th best score is above every bound left:
 * the bounds of the rows returned and not read, and the last SQL bound returned (no row left in
 * SQL has a higher one). A heavy participant (50 km around Stockholm: about 20,000 candidates) then
 * has one page of 1,024 narrow rows returned and a few hundred slots read whole.
 *
 * Exact: a slot left unread has a bound below the k-th best score, so it cannot enter the top k
 * (ties go by slot id, hence "below", not "at most"). The property test compares it with the full
 * index on random registries (test/matching-api/candidates.property.test.ts).
 */
import type { Db } from '../../adapters/db/types';
import {
  buildSlotIndex,
  compareIds,
  type Match,
  mergeRankings,
  type ParticipantForMatching,
  type RankOptions,
  rankParticipant,
  scoreBound,
} from '../../matching';
import { boundConstants } from '../../matching/bound';
import { type BoundCursor, boundFieldsOf, candidateBoundPages, slotsById } from './candidates';
import type { CatalogSlot } from './rows';

/** Whole slots read in the first batch at least; each next batch is twice the last. */
export const FIRST_BATCH = 64;
/**
 * Narrow rows in SQL's first page; each next page twice the last. The heaviest participants of the
 * Worker benchmark need 300–760 (their candidates whose SQL bound reaches the 20th best score).
 */
export const FIRST_PAGE = 1024;

interface Bounded {
  id: string;
  bound: number;
}

const byBound = (a: Bounded, b: Bounded) => b.bound - a.bound || compareIds(a.id, b.id);

/** `batch`: whole slots in the first read, `page`: narrow rows (tests make them tiny). */
export async function rankBounded(
  db: Db,
  participant: ParticipantForMatching,
  opts: RankOptions & { limit: number },
  batch = FIRST_BATCH,
  page = FIRST_PAGE,
): Promise<{ matches: Match[]; slots: Map<string, CatalogSlot> }> {
  const limit = Number.isNaN(opts.limit) ? 0 : Math.max(0, Math.floor(opts.limit));
  if (limit === 0) return { matches: [], slots: new Map() };
  const bound = scoreBound(participant, opts.today);
  const nextPage = candidateBoundPages(participant, boundConstants(participant, opts.today));
  let pending: Bounded[] = [];
  let i = 0;
  /** Where SQL's last page ended (undefined: nothing asked yet; null: nothing left there). */
  let after: BoundCursor | null | undefined;
  let best: Match[] = [];
  let read = new Map<string, CatalogSlot>();
  let size = Math.max(batch, Math.min(limit * 2, 4 * batch));
  for (;;) {
    const kth = best.length >= limit ? best[limit - 1]!.score : Number.NEGATIVE_INFINITY;
    const next = i < pending.length ? pending[i]!.bound : Number.NEGATIVE_INFINITY;
    const inSql =
      after === undefined
        ? Number.POSITIVE_INFINITY
        : after === null
          ? Number.NEGATIVE_INFINITY
          : after.bound;
    if (next < kth && inSql < kth) break;
    if (next < inSql) {
      // A row still in SQL may be better than any returned: the next page.
      const answer = await nextPage(db, page, after ?? null);
      page *= 2;
      after = answer.end;
      const more: Bounded[] = [];
      for (const row of answer.rows) {
        const b = bound(boundFieldsOf(row, row[13]));
        if (b > Number.NEGATIVE_INFINITY) more.push({ id: row[0], bound: b });
      }
      pending = [...pending.slice(i), ...more].sort(byBound);
      i = 0;
      continue;
    }
    if (i >= pending.length) break; // nothing left anywhere
    const slotsPage = await slotsById(
      db,
      pending.slice(i, i + size).map((c) => c.id),
    );
    i += size;
    size *= 2;
    const ranked = rankParticipant(buildSlotIndex(slotsPage), participant, { ...opts, limit });
    best = mergeRankings([best, ranked], limit, 'slotId');
    const named = new Map<string, CatalogSlot>();
    const onPage = new Map(slotsPage.map((s) => [s.id, s]));
    for (const m of best) named.set(m.slotId, read.get(m.slotId) ?? onPage.get(m.slotId)!);
    read = named;
  }
  return { matches: best, slots: read };
}
