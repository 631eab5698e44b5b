/**
 * The score: seven components in 0..1, weighted by SCORE_WEIGHTS. Works on the compiled index so the
 * hot path allocates nothing; `describe.ts` turns the same numbers into reasons and gaps.
 */
import { popcount } from './bits';
import { DISTANCE_KM, OVERLAP_MINUTES, type RowScratch, SCORE_SO_FAR } from './constraints';
import { PHRASE_BITS_MASK, type PreparedParticipant } from './participant';
import { CAN_ARRANGE_CREDIT, clamp01, FIXED_LENGTH_CAP, HIRE_SHARE, LONG_TERM_WEEKS } from './score-rules';
import { FLAG_LEADS_TO_HIRE, FLAG_OPEN_ENDED, FLAG_TRAINED_WITH_ROOM, type SlotIndex } from './slot-index';
import type { ScoreComponents } from './types';
import { SCORE_WEIGHTS } from './weights';

/** Order of the components in `RowScratch.components`. */
export const COMPONENT_ORDER = [
  'text',
  'growth',
  'adaptations',
  'duration',
  'distance',
  'environment',
  'supervisor',
] as const satisfies readonly (keyof ScoreComponents)[];

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const [TEXT, GROWTH, ADAPTATIONS, DURATION, DISTANCE, ENVIRONMENT, SUPERVISOR] = [
  0, 1, 2, 3, 4, 5, 6,
] as const;

/** Bits of the strengths/interests that occur in the slot's title, tasks or occupation. */
export function matchedPhraseBits(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  const terms = ix.terms.data;
  const flags = pp.termFlags;
  const end = ix.col.termEnd[row]!;
  let bits = 0;
  for (let i = ix.col.termStart[row]!; i < end; i++) bits |= flags[terms[i]!]!;
  return bits & PHRASE_BITS_MASK;
}

// Component functions write into `out` (scratch.components) instead of returning a number: see
// RowScratch in constraints.ts for why the hot path avoids floating-point return values.

/** textFromMatches, looked up in the participant's table. */
function textComponent(ix: SlotIndex, row: number, pp: PreparedParticipant, out: Float64Array): void {
  out[TEXT] = pp.textByMatches[popcount(matchedPhraseBits(ix, row, pp))]!;
}

/** Day the placement would start: today, or the slot's start date if later. */
export const placementStartDay = (ix: SlotIndex, row: number, pp: PreparedParticipant) =>
  Math.max(pp.todayDay, ix.col.startDay[row]!);

/** Hours per week the slot can grow to for this participant: its maximum, within the shared windows. */
export const reachableHours = (ix: SlotIndex, row: number, overlapMinutes: number) =>
  Math.min(ix.col.hoursMax[row]!, overlapMinutes / 60);

export type StepFit = 'after_end' | 'fits' | 'does_not_fit';

/** Can the slot follow one ramp-up step? Steps after a fixed-length slot ends do not count. */
export function rampStepFit(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  overlapMinutes: number,
  step: { afterWeeks: number; hoursPerWeek: number },
): StepFit {
  const c = ix.col;
  if (placementStartDay(ix, row, pp) + step.afterWeeks * 7 >= c.endDay[row]!) return 'after_end';
  const h = step.hoursPerWeek;
  return c.hoursMin[row]! <= h && h <= c.hoursMax[row]! && overlapMinutes >= h * 60 ? 'fits' : 'does_not_fit';
}

/** Reaching the target hours (partial credit), and following each ramp-up step inside the slot's time. */
function growthComponent(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  overlapMinutes: number,
  out: Float64Array,
): void {
  const { hoursNow, hoursTarget, rampUp } = pp.participant;
  const reachable = Math.min(ix.col.hoursMax[row]!, overlapMinutes / 60);
  const reach = hoursTarget <= hoursNow ? 1 : clamp01((reachable - hoursNow) / (hoursTarget - hoursNow));
  let relevant = 0;
  let fitting = 0;
  for (const step of rampUp) {
    const fit = rampStepFit(ix, row, pp, overlapMinutes, step);
    if (fit === 'after_end') continue;
    relevant++;
    if (fit === 'fits') fitting++;
  }
  out[GROWTH] = relevant === 0 ? reach : 0.5 * reach + 0.5 * (fitting / relevant);
}

/** Nice-to-have adaptations offered, in place counting more than can-arrange; none wanted = 1. */
function adaptationsComponent(ix: SlotIndex, row: number, pp: PreparedParticipant, out: Float64Array): void {
  if (pp.niceCount === 0) {
    out[ADAPTATIONS] = 1;
    return;
  }
  const inPlace = popcount(pp.niceMask & ix.col.inPlace[row]!);
  const arrangeable = popcount(pp.niceMask & ix.col.offered[row]! & ~ix.col.inPlace[row]!);
  out[ADAPTATIONS] = (inPlace + CAN_ARRANGE_CREDIT * arrangeable) / pp.niceCount;
}

/** Weeks from the placement's start to the slot's end; Infinity when open-ended (for reasons). */
export function weeksLeft(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  if (ix.col.flags[row]! & FLAG_OPEN_ENDED) return Number.POSITIVE_INFINITY;
  return Math.max(0, (ix.col.endDay[row]! - placementStartDay(ix, row, pp)) / 7);
}

/** Open-ended is best, then long fixed-length; plus a share for "can lead to a hire". */
function durationComponent(ix: SlotIndex, row: number, pp: PreparedParticipant, out: Float64Array): void {
  const flags = ix.col.flags[row]!;
  let length = 1;
  if (!(flags & FLAG_OPEN_ENDED)) {
    const weeks = Math.max(0, (ix.col.endDay[row]! - Math.max(pp.todayDay, ix.col.startDay[row]!)) / 7);
    length = FIXED_LENGTH_CAP * Math.min(1, weeks / LONG_TERM_WEEKS);
  }
  out[DURATION] = (1 - HIRE_SHARE) * length + HIRE_SHARE * (flags & FLAG_LEADS_TO_HIRE ? 1 : 0);
}

/** environmentFit, looked up in the participant's table. */
function environmentComponent(ix: SlotIndex, row: number, pp: PreparedParticipant, out: Float64Array): void {
  out[ENVIRONMENT] = pp.environmentByLevels[3 * ix.col.social[row]! + ix.col.physical[row]!]!;
}

/**
 * The score is built in three steps so the ranking can stop early: `baseScore` needs only the
 * compiled slot (text, adaptations, duration, environment, supervisor), `addDistance` needs the
 * distance, `completeScore` needs the time overlap (growth). After each step the ranking compares
 * "score so far + the largest weight still to come" with the k-th best score and skips slots that
 * cannot enter the top k, so the asin and the interval merge run for few slots. Every path (ranking,
 * allocation, explain) goes through these same steps in the same order, so the floating-point result
 * is identical everywhere. The running total lives in scratch.values[SCORE_SO_FAR] (see RowScratch).
 */
export function baseScore(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): void {
  const c = scratch.components;
  textComponent(ix, row, pp, c);
  adaptationsComponent(ix, row, pp, c);
  durationComponent(ix, row, pp, c);
  environmentComponent(ix, row, pp, c);
  c[SUPERVISOR] = ix.col.flags[row]! & FLAG_TRAINED_WITH_ROOM ? 1 : 0;
  scratch.values[SCORE_SO_FAR] =
    SCORE_WEIGHTS.text * c[TEXT]! +
    SCORE_WEIGHTS.adaptations * c[ADAPTATIONS]! +
    SCORE_WEIGHTS.duration * c[DURATION]! +
    SCORE_WEIGHTS.environment * c[ENVIRONMENT]! +
    SCORE_WEIGHTS.supervisor * c[SUPERVISOR]!;
}

/** Adds the distance component (needs the distance from checkDistance). */
export function addDistance(pp: PreparedParticipant, scratch: RowScratch): void {
  const v = scratch.values;
  const max = pp.participant.maxTravelKm;
  // Closer is better, relative to the participant's own limit.
  const d = max > 0 ? clamp01(1 - v[DISTANCE_KM]! / max) : 1;
  scratch.components[DISTANCE] = d;
  v[SCORE_SO_FAR] = v[SCORE_SO_FAR]! + SCORE_WEIGHTS.distance * d;
}

/** Adds growth (needs the overlap from checkTime) and rounds: the final score. */
export function completeScore(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  scratch: RowScratch,
): void {
  const v = scratch.values;
  growthComponent(ix, row, pp, v[OVERLAP_MINUTES]!, scratch.components);
  v[SCORE_SO_FAR] = round4(v[SCORE_SO_FAR]! + SCORE_WEIGHTS.growth * scratch.components[GROWTH]!);
}

/** Score of a slot that passed the hard constraints (so scratch holds its distance and overlap). */
export function scoreRow(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): number {
  baseScore(ix, row, pp, scratch);
  addDistance(pp, scratch);
  completeScore(ix, row, pp, scratch);
  return scratch.values[SCORE_SO_FAR]!;
}

export function componentsOf(scratch: RowScratch): ScoreComponents {
  const out = {} as ScoreComponents;
  COMPONENT_ORDER.forEach((name, i) => {
    out[name] = round4(scratch.components[i]!);
  });
  return out;
}
