/**
 * One participant's best slots without reading every candidate whole (the threshold algorithm):
 * SQL returns each candidate's narrow columns and how many of the participant's words its stored
 * terms meet; the engine's score bound (src/matching/bound.ts) orders them; whole slots are read
 * and ranked best bound first, in growing batches, until the k-th best score is above every bound
 * left. A heavy participant (50 km around Stockholm: about 20,000 candidates) then has a few
 * hundred slots read whole instead of all of them (20 MB of JSON).
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
import { boundFieldsOf, candidateBounds, slotsById } from './candidates';
import type { CatalogSlot } from './rows';

/** Whole slots read in the first batch at least; each next batch is twice the last. */
export const FIRST_BATCH = 64;

interface Bounded {
  id: string;
  bound: number;
}

/** The participant's candidates with their bounds, best bound first (ties: id), the hopeless left out. */
async function boundedCandidates(db: Db, participant: ParticipantForMatching, today: string) {
  const bound = scoreBound(participant, today);
  const out: Bounded[] = [];
  for await (const rows of candidateBounds(db, participant))
    for (const row of rows) {
      const b = bound(boundFieldsOf(row, row[11]));
      if (b > Number.NEGATIVE_INFINITY) out.push({ id: row[0], bound: b });
    }
  return out.sort((a, b) => b.bound - a.bound || compareIds(a.id, b.id));
}

/** `batch`: whole slots in the first read (tests make it tiny to exercise the stopping rule). */
export async function rankBounded(
  db: Db,
  participant: ParticipantForMatching,
  opts: RankOptions & { limit: number },
  batch = FIRST_BATCH,
): Promise<{ matches: Match[]; slots: Map<string, CatalogSlot> }> {
  const limit = Number.isNaN(opts.limit) ? 0 : Math.max(0, Math.floor(opts.limit));
  if (limit === 0) return { matches: [], slots: new Map() };
  const candidates = await boundedCandidates(db, participant, opts.today);
  let best: Match[] = [];
  let read = new Map<string, CatalogSlot>();
  let size = Math.max(batch, Math.min(limit * 2, 4 * batch));
  for (let i = 0; i < candidates.length; size *= 2) {
    const kth = best.length >= limit ? best[limit - 1]!.score : Number.NEGATIVE_INFINITY;
    if (candidates[i]!.bound < kth) break;
    const page = await slotsById(
      db,
      candidates.slice(i, i + size).map((c) => c.id),
    );
    i += size;
    const ranked = rankParticipant(buildSlotIndex(page), participant, { ...opts, limit });
    best = mergeRankings([best, ranked], limit, 'slotId');
    const named = new Map<string, CatalogSlot>();
    const onPage = new Map(page.map((s) => [s.id, s]));
    for (const m of best) named.set(m.slotId, read.get(m.slotId) ?? onPage.get(m.slotId)!);
    read = named;
  }
  return { matches: best, slots: read };
}
