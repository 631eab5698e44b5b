/**
 * Rankings: slots for one participant (the hot path, over a kept index), participants for one slot,
 * and `explain` for a single pair. All three run the same constraint and score code.
 */
import { createScratch, passesHardConstraints } from './constraints';
import { describeMatch } from './describe';
import { type PreparedParticipant, prepareParticipant } from './participant';
import { scoreRow } from './score';
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

export const DEFAULT_LIMIT = 50;

/**
 * Visit every slot in the index the participant may be proposed, with its score. Cheapest test first:
 * grid cells near the participant, then the bounding box, then the constraint chain (flags and masks,
 * distance, time overlap, avoided tasks), and only then the score.
 */
export function forEachEligibleSlot(
  ix: SlotIndex,
  pp: PreparedParticipant,
  visit: (row: number, score: number) => void,
): void {
  const scratch = createScratch();
  const { minLat, maxLat, minLon, maxLon } = pp.box;
  const { lat, lon } = ix;
  for (const rows of ix.cellsInBox(pp.box)) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const la = lat[row]!;
      const lo = lon[row]!;
      if (la < minLat || la > maxLat || lo < minLon || lo > maxLon) continue;
      if (!passesHardConstraints(ix, row, pp, scratch, null)) continue;
      visit(row, scoreRow(ix, row, pp, scratch));
    }
  }
}

/** The best slots for one participant, best first (ties: slot id ascending). */
export function rankParticipant(
  ix: SlotIndex,
  participant: ParticipantForMatching,
  opts: RankOptions,
): Match[] {
  const pp = prepareParticipant(ix, participant, opts.today);
  const top = new TopK(opts.limit ?? DEFAULT_LIMIT, (row) => ix.ids[row]!);
  forEachEligibleSlot(ix, pp, (row, score) => top.offer(row, score));
  const scratch = createScratch();
  return top.sorted().map((row) => {
    passesHardConstraints(ix, row, pp, scratch, null); // refills distance and overlap for this row
    return describeMatch(ix, row, pp, scratch);
  });
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
  return scored.slice(0, opts.limit ?? DEFAULT_LIMIT).map(({ pp }) => {
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

/** Plain code-unit order: stable across locales and runtimes, unlike localeCompare. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
