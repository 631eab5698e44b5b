/**
 * Rankings: slots for one participant (the hot path, over a kept index), participants for one slot,
 * and `explain` for a single pair. All three run the same constraint and score code.
 */
import {
  checkAvoid,
  checkBasics,
  checkDistance,
  checkTime,
  createScratch,
  isCertainlyTooFar,
  passesHardConstraints,
  SCORE_SO_FAR,
} from './constraints';
import { describeMatch } from './describe';
import { type PreparedParticipant, prepareParticipant } from './participant';
import {
  addDistance,
  addSlotFit,
  COMPONENT_ORDER,
  completeScore,
  growthBound,
  scoreRow,
  textScore,
} from './score';
import { buildSlotIndex, type SlotIndex } from './slot-index';
import { TopK } from './top-k';
import type {
  Explanation,
  FailureCode,
  Match,
  MatchOptions,
  ParticipantForMatching,
  RankOptions,
  Reason,
  SlotForMatching,
} from './types';
import { SCORE_WEIGHTS } from './weights';

export const DEFAULT_LIMIT = 50;
const GROWTH_INDEX = COMPONENT_ORDER.indexOf('growth');

/** A bound this far under the k-th best score cannot reach it, even after the score is rounded. */
const ROUNDING_MARGIN = 1e-4;

/**
 * The scan behind every ranking. Cheapest test first: grid cells near the participant (nearest
 * first, so good candidates come early), the bounding box, flags and masks, a squared-chord distance
 * pre-test; then, with a top-k, the score is built step by step (see score.ts) and a slot is dropped
 * as soon as full marks on the components still missing could not lift it to the k-th best score,
 * before its exact distance (asin), time overlap (interval merge), avoided words and growth are
 * computed. Without a top-k (`top` null) every eligible slot is passed to `visit`.
 */
function scan(
  ix: SlotIndex,
  pp: PreparedParticipant,
  top: TopK | null,
  visit: ((row: number, score: number) => void) | null,
  fromRow = 0,
) {
  const scratch = createScratch();
  const score = scratch.values;
  const bound = scratch.bound;
  const { minLat, maxLat, minLon, maxLon } = pp.box;
  const { lat, lon } = ix.col;
  const growthWeight = SCORE_WEIGHTS.growth + ROUNDING_MARGIN;
  const distanceAndGrowthWeight = SCORE_WEIGHTS.distance + growthWeight;
  const allButTextWeight = 1 - SCORE_WEIGHTS.text + ROUNDING_MARGIN;
  for (const key of ix.cellsInBox(pp.box, pp.participant.lat, pp.participant.lon)) {
    const rows = ix.rowsOfCell(key);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row < fromRow) continue;
      const la = lat[row]!;
      const lo = lon[row]!;
      if (la < minLat || la > maxLat || lo < minLon || lo > maxLon) continue;
      if (!checkBasics(ix, row, pp, null) || isCertainlyTooFar(ix, row, pp)) continue;
      // A score is clamped at 0 only once complete, so the partial sums below may be negative for a
      // slot that ends at 0: against a k-th score of 0 that slot ties (and goes by id), so nothing
      // is pruned until the k-th score is above 0.
      const kth = top === null ? Number.NEGATIVE_INFINITY : top.threshold();
      const threshold = kth > 0 ? kth : Number.NEGATIVE_INFINITY;
      textScore(ix, row, pp, scratch);
      if (score[SCORE_SO_FAR]! + allButTextWeight < threshold) continue;
      addSlotFit(ix, row, pp, scratch);
      if (score[SCORE_SO_FAR]! + distanceAndGrowthWeight < threshold) continue;
      if (!checkDistance(ix, row, pp, scratch, null)) continue;
      addDistance(pp, scratch);
      if (score[SCORE_SO_FAR]! + growthWeight < threshold) continue;
      if (top !== null) {
        growthBound(ix, row, pp, scratch);
        if (score[SCORE_SO_FAR]! + SCORE_WEIGHTS.growth * bound[GROWTH_INDEX]! + ROUNDING_MARGIN < threshold)
          continue;
      }
      if (!checkAvoid(ix, row, pp, null) || !checkTime(ix, row, pp, scratch, null)) continue;
      completeScore(ix, row, pp, scratch);
      if (top !== null) top.offerFrom(row, score, SCORE_SO_FAR);
      else visit?.(row, score[SCORE_SO_FAR]!);
    }
  }
}

/** Visit every slot in the index the participant may be proposed, with its score (for allocation). */
export function forEachEligibleSlot(
  ix: SlotIndex,
  pp: PreparedParticipant,
  visit: (row: number, score: number) => void,
): void {
  scan(ix, pp, null, visit);
}

/** The best slots for one participant, best first (ties: slot id ascending). */
export function rankParticipant(
  ix: SlotIndex,
  participant: ParticipantForMatching,
  opts: RankOptions,
): Match[] {
  const limit = limitOf(opts);
  if (limit === 0) return [];
  const pp = prepareParticipant(ix, participant, opts.today);
  const top = new TopK(limit, (row) => ix.ids[row]!);
  scan(ix, pp, top, null);
  const scratch = createScratch();
  return top.sorted().map((row) => {
    passesHardConstraints(ix, row, pp, scratch, null); // refills distance and overlap for this row
    return describeMatch(ix, row, pp, scratch);
  });
}

/** A slot and its score for one participant, without reasons and gaps. */
export interface ScoredSlot {
  slotId: string;
  score: number;
}

/**
 * `rankParticipant`'s slots and scores, in its order, without describing them: allocation ranks
 * fifty participants over several thousand slots a round only to learn which slots their best
 * lists hold, and reasons and gaps (a score worked out again and a dozen objects a match) are
 * most of a ranking's cost once the scan has pruned. Slots below `floor` may be left out; only rows
 * from `fromRow` on are ranked (slots the caller appended: `SlotIndex.appendNew`).
 */
export function rankScores(
  ix: SlotIndex,
  participant: ParticipantForMatching,
  opts: RankOptions & { floor?: number; fromRow?: number },
): ScoredSlot[] {
  const limit = limitOf(opts);
  if (limit === 0) return [];
  const pp = prepareParticipant(ix, participant, opts.today);
  // A caller merging with a full list of its own passes that list's k-th score: slots that cannot
  // reach it are pruned as they would be once this ranking's own list were full.
  const top = new TopK(limit, (row) => ix.ids[row]!, opts.floor);
  scan(ix, pp, top, null, opts.fromRow);
  return top.sortedEntries().map(({ row, score }) => ({ slotId: ix.ids[row]!, score }));
}

/** Convenience for one-off rankings: builds a throwaway index. */
export function rankSlots(
  slots: readonly SlotForMatching[],
  participant: ParticipantForMatching,
  opts: RankOptions,
): Match[] {
  return rankParticipant(buildSlotIndex(slots), participant, opts);
}

/** The participants for whom one slot is eligible, best first (ties: participant id ascending). */
export function rankCandidates(
  slot: SlotForMatching,
  participants: readonly ParticipantForMatching[],
  opts: RankOptions,
): Match[] {
  const ix = buildSlotIndex([slot]);
  const scratch = createScratch();
  const scored: { pp: PreparedParticipant; score: number }[] = [];
  for (const participant of participants) {
    const pp = prepareParticipant(ix, participant, opts.today);
    if (passesHardConstraints(ix, 0, pp, scratch, null))
      scored.push({ pp, score: scoreRow(ix, 0, pp, scratch) });
  }
  scored.sort((a, b) => b.score - a.score || compareIds(a.pp.participant.id, b.pp.participant.id));
  return scored.slice(0, limitOf(opts)).map(({ pp }) => {
    passesHardConstraints(ix, 0, pp, scratch, null);
    return describeMatch(ix, 0, pp, scratch);
  });
}

/** Why a slot is or is not proposed to a participant: every failing hard constraint, or the match. */
export function explain(
  participant: ParticipantForMatching,
  slot: SlotForMatching,
  opts: MatchOptions,
): Explanation {
  const ix = buildSlotIndex([slot]);
  const pp = prepareParticipant(ix, participant, opts.today);
  const scratch = createScratch();
  const failures: Reason<FailureCode>[] = [];
  if (!passesHardConstraints(ix, 0, pp, scratch, failures)) return { eligible: false, failures };
  return { eligible: true, match: describeMatch(ix, 0, pp, scratch) };
}

/**
 * The best `limit` matches of several rankings over disjoint sets (slots ranked page by page, or
 * participants), in exactly the order one ranking over their union gives: score (already rounded,
 * as the rankings compare it), then id. So a caller can rank a large set in bounded pieces.
 */
export function mergeRankings<
  K extends 'slotId' | 'participantId',
  T extends { score: number } & Record<K, string>,
>(rankings: Iterable<readonly T[]>, limit: number, by: K): T[] {
  const all: T[] = [];
  for (const ranking of rankings) all.push(...ranking);
  all.sort((a, b) => b.score - a.score || compareIds(a[by], b[by]));
  return all.slice(0, limitOf({ limit, today: '' }));
}

/** A usable limit: the default when absent, never negative (Infinity allowed). */
function limitOf(opts: RankOptions): number {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  return Number.isNaN(limit) || limit <= 0 ? 0 : Math.floor(limit);
}

/** Plain code-unit order: stable across locales and runtimes, unlike localeCompare. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
