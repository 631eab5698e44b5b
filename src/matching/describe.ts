/**
 * Turns a scored slot into a Match with reasons (what fits) and gaps (what is missing) as data.
 * Runs only for the results returned, never for every candidate.
 */
import { adaptationCodes, levels } from '../domain/vocabulary';
import { avoidCodes } from '../domain/work-vocabulary';
import { bitIndices, popcount } from './bits';
import { DISTANCE_KM, OVERLAP_MINUTES, type RowScratch, round1 } from './constraints';
import {
  INTEREST_SHIFT,
  MAX_PHRASES_PER_LIST,
  type PreparedParticipant,
  STRENGTH_SHIFT,
} from './participant';
import {
  componentsOf,
  matchedPhraseBits,
  rampStepFit,
  reachableHours,
  STEP_AFTER_END,
  STEP_DOES_NOT_FIT,
  scoreRow,
  weeksLeft,
} from './score';
import { SHORT_TERM_WEEKS } from './score-rules';
import { FLAG_LEADS_TO_HIRE, FLAG_TRAINED_WITH_ROOM, type SlotIndex } from './slot-index';
import type { FitCode, GapCode, Match, Reason } from './types';

const listMask = (1 << MAX_PHRASES_PER_LIST) - 1;
const codesOf = (mask: number) => bitIndices(mask).map((b) => adaptationCodes[b]!);

export function describeMatch(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  scratch: RowScratch,
): Match {
  const score = scoreRow(ix, row, pp, scratch);
  const reasons: Reason<FitCode>[] = [];
  const gaps: Reason<GapCode>[] = [];
  describeText(ix, row, pp, reasons, gaps);
  describeGrowth(ix, row, pp, scratch.values[OVERLAP_MINUTES]!, reasons, gaps);
  describeAdaptations(ix, row, pp, reasons, gaps);
  describeDuration(ix, row, pp, reasons, gaps);
  reasons.push({ code: 'distance', params: { km: round1(scratch.values[DISTANCE_KM]!) } });
  describeEnvironment(ix, row, pp, reasons, gaps);
  const avoided = pp.avoidCategoryMask & ix.col.avoidCategories[row]!;
  for (const bit of bitIndices(avoided))
    gaps.push({ code: 'avoid_conflict', params: { category: avoidCodes[bit]! } });
  if (ix.col.flags[row]! & FLAG_TRAINED_WITH_ROOM) reasons.push({ code: 'trained_supervisor', params: {} });
  else gaps.push({ code: 'supervisor_not_trained', params: {} });
  return {
    slotId: ix.ids[row]!,
    participantId: pp.participant.id,
    score,
    components: componentsOf(scratch),
    distanceKm: round1(scratch.values[DISTANCE_KM]!),
    overlapHours: round1(scratch.values[OVERLAP_MINUTES]! / 60),
    reasons,
    gaps,
  };
}

type Reasons = Reason<FitCode>[];
type Gaps = Reason<GapCode>[];

function describeText(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  reasons: Reasons,
  gaps: Gaps,
): void {
  if (pp.phraseCount === 0) return;
  const bits = matchedPhraseBits(ix, row, pp);
  const strengths = bitIndices((bits >>> STRENGTH_SHIFT) & listMask).map((i) => pp.strengthPhrases[i]!);
  const interests = bitIndices((bits >>> INTEREST_SHIFT) & listMask).map((i) => pp.interestPhrases[i]!);
  if (interests.length > 0) reasons.push({ code: 'interests_match', params: { terms: interests } });
  if (strengths.length > 0) reasons.push({ code: 'strengths_match', params: { terms: strengths } });
  if (bits === 0) gaps.push({ code: 'no_interest_match', params: {} });
}

function describeGrowth(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  overlapMinutes: number,
  reasons: Reasons,
  gaps: Gaps,
): void {
  const { hoursNow, hoursTarget, rampUp } = pp.participant;
  if (hoursTarget > hoursNow) {
    const reach = round1(reachableHours(ix, row, overlapMinutes));
    if (reach > hoursNow)
      reasons.push({ code: 'can_grow', params: { from: hoursNow, to: Math.min(reach, hoursTarget) } });
    if (reach < hoursTarget)
      gaps.push({ code: 'target_out_of_reach', params: { target: hoursTarget, max: reach } });
  }
  let relevant = 0;
  let missing = 0;
  for (const step of rampUp) {
    const fit = rampStepFit(ix, row, pp, overlapMinutes, step);
    if (fit === STEP_AFTER_END) continue;
    relevant++;
    if (fit === STEP_DOES_NOT_FIT) {
      missing++;
      gaps.push({
        code: 'ramp_up_step_not_possible',
        params: { afterWeeks: step.afterWeeks, hours: step.hoursPerWeek },
      });
    }
  }
  if (relevant > 0 && missing === 0) reasons.push({ code: 'ramp_up_fits', params: { steps: relevant } });
}

function describeAdaptations(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  reasons: Reasons,
  gaps: Gaps,
): void {
  const wanted = pp.mustMask | pp.niceMask;
  if (wanted === 0) return;
  const offered = wanted & ix.col.offered[row]!;
  const params = {
    offered: popcount(offered),
    wanted: popcount(wanted),
    inPlace: popcount(wanted & ix.col.inPlace[row]!),
  };
  const missing = wanted & ~offered;
  if (missing === 0) reasons.push({ code: 'adaptations_offered', params });
  else gaps.push({ code: 'adaptations_missing', params: { ...params, missing: codesOf(missing) } });
}

function describeDuration(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  reasons: Reasons,
  gaps: Gaps,
): void {
  const hire = (ix.col.flags[row]! & FLAG_LEADS_TO_HIRE) !== 0;
  const weeks = weeksLeft(ix, row, pp);
  if (weeks === Number.POSITIVE_INFINITY) {
    reasons.push({ code: hire ? 'open_ended_leads_to_hire' : 'open_ended', params: {} });
    return;
  }
  const whole = Math.floor(weeks);
  if (weeks >= SHORT_TERM_WEEKS) reasons.push({ code: 'long_term', params: { weeks: whole } });
  else gaps.push({ code: 'short_term', params: { weeks: whole } });
  if (hire) reasons.push({ code: 'leads_to_hire', params: {} });
}

function describeEnvironment(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  reasons: Reasons,
  gaps: Gaps,
): void {
  const aspects = [
    { aspect: 'social', preferred: pp.socialPreference, offered: ix.col.social[row]! },
    { aspect: 'physical', preferred: pp.physicalPreference, offered: ix.col.physical[row]! },
  ];
  for (const { aspect, preferred, offered } of aspects) {
    if (preferred < 0) continue;
    if (preferred === offered)
      reasons.push({ code: 'environment_fits', params: { aspect, level: levels[offered]! } });
    else
      gaps.push({
        code: 'environment_mismatch',
        params: { aspect, wanted: levels[preferred]!, offered: levels[offered]! },
      });
  }
}
