/**
 * The score: seven components in 0..1, weighted by SCORE_WEIGHTS. Works on the compiled index so the
 * hot path allocates nothing; `describe.ts` turns the same numbers into reasons and gaps.
 */
import { popcount } from './bits';
import { DISTANCE_KM, OVERLAP_MINUTES, type RowScratch, SCORE_SO_FAR } from './constraints';
import { PHRASE_BITS_MASK, type PreparedParticipant } from './participant';
import {
  AVOID_PENALTY,
  CAN_ARRANGE_CREDIT,
  clamp01,
  FIXED_LENGTH_CAP,
  HIRE_SHARE,
  LONG_TERM_WEEKS,
} from './score-rules';
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

// Functions on the hot path write numbers into scratch arrays instead of returning them: see
// RowScratch in constraints.ts for why.

/** Day the placement would start: today, or the slot's start date if later. */
export const placementStartDay = (ix: SlotIndex, row: number, pp: PreparedParticipant) =>
  Math.max(pp.todayDay, ix.col.startDay[row]!);

/** Hours per week the slot can grow to for this participant: its maximum, within the shared windows. */
export const reachableHours = (ix: SlotIndex, row: number, overlapMinutes: number) =>
  Math.min(ix.col.hoursMax[row]!, overlapMinutes / 60);

export const STEP_AFTER_END = 0;
export const STEP_FITS = 1;
export const STEP_DOES_NOT_FIT = 2;

/**
 * Can the slot follow one ramp-up step? A step that falls after a fixed-length slot ends does not
 * count; one inside it fits when the slot's hour range covers the step's hours and the shared
 * windows allow them. Numbers in, a small integer out, so it costs nothing on the hot path.
 */
export function stepFit(
  startDay: number,
  endDay: number,
  hoursMin: number,
  hoursMax: number,
  overlapMinutes: number,
  afterWeeks: number,
  hours: number,
): number {
  if (startDay + afterWeeks * 7 >= endDay) return STEP_AFTER_END;
  return hoursMin <= hours && hours <= hoursMax && overlapMinutes >= hours * 60
    ? STEP_FITS
    : STEP_DOES_NOT_FIT;
}

/** stepFit for one step of the participant's plan, for explanations. */
export function rampStepFit(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  overlapMinutes: number,
  step: { afterWeeks: number; hoursPerWeek: number },
): number {
  const c = ix.col;
  const start = placementStartDay(ix, row, pp);
  return stepFit(
    start,
    c.endDay[row]!,
    c.hoursMin[row]!,
    c.hoursMax[row]!,
    overlapMinutes,
    step.afterWeeks,
    step.hoursPerWeek,
  );
}

/** Reaching the target hours (partial credit), and following each ramp-up step inside the slot's time. */
function growthComponent(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  overlapMinutes: number,
  out: Float64Array,
): void {
  const c = ix.col;
  const { hoursNow, hoursTarget } = pp.participant;
  const hoursMin = c.hoursMin[row]!;
  const hoursMax = c.hoursMax[row]!;
  const reachable = Math.min(hoursMax, overlapMinutes / 60);
  const reach = hoursTarget <= hoursNow ? 1 : clamp01((reachable - hoursNow) / (hoursTarget - hoursNow));
  const start = Math.max(pp.todayDay, c.startDay[row]!);
  const end = c.endDay[row]!;
  const steps = pp.rampSteps;
  let relevant = 0;
  let fitting = 0;
  for (let k = 0; k < steps.length; k += 2) {
    const fit = stepFit(start, end, hoursMin, hoursMax, overlapMinutes, steps[k]!, steps[k + 1]!);
    if (fit === STEP_AFTER_END) continue;
    relevant++;
    if (fit === STEP_FITS) fitting++;
  }
  out[GROWTH] = relevant === 0 ? reach : 0.5 * reach + 0.5 * (fitting / relevant);
}

/** Weeks from the placement's start to the slot's end; Infinity when open-ended (for reasons). */
export function weeksLeft(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  if (ix.col.flags[row]! & FLAG_OPEN_ENDED) return Number.POSITIVE_INFINITY;
  return Math.max(0, (ix.col.endDay[row]! - placementStartDay(ix, row, pp)) / 7);
}

/**
 * The score is built in four steps so the ranking can stop early: `textScore` (the participant's
 * words in the slot: the most telling component), `addSlotFit` (the rest that needs only the compiled
 * slot), `addDistance` (needs the distance) and `completeScore` (growth, needs the time overlap).
 * After each step the ranking compares "score so far + the most the remaining components can add"
 * with the k-th best score and skips slots that cannot enter the top k, so the asin and the interval
 * merge run for few slots. Every path (ranking, allocation, explain) goes through the same steps in
 * the same order, so the floating-point result is identical everywhere. The running total lives in
 * scratch.values[SCORE_SO_FAR] (see RowScratch).
 */
export function textScore(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): void {
  const text = pp.textByMatches[popcount(matchedPhraseBits(ix, row, pp))]!;
  scratch.components[TEXT] = text;
  scratch.values[SCORE_SO_FAR] = SCORE_WEIGHTS.text * text;
}

/** Adds adaptations, duration, environment and supervisor: everything known from the slot alone. */
export function addSlotFit(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): void {
  // One function body with locals: this runs for most slots in reach, so the rules are written out
  // here rather than called (each is documented in score-rules.ts and weights.ts).
  const col = ix.col;
  const flags = col.flags[row]!;

  let adaptations = 1;
  if (pp.niceCount > 0) {
    const inPlace = col.inPlace[row]!;
    const arrangeable = popcount(pp.niceMask & col.offered[row]! & ~inPlace);
    adaptations = (popcount(pp.niceMask & inPlace) + CAN_ARRANGE_CREDIT * arrangeable) / pp.niceCount;
  }

  let length = 1;
  if (!(flags & FLAG_OPEN_ENDED)) {
    const start = Math.max(pp.todayDay, col.startDay[row]!);
    length = FIXED_LENGTH_CAP * Math.min(1, Math.max(0, (col.endDay[row]! - start) / 7) / LONG_TERM_WEEKS);
  }
  const duration = (1 - HIRE_SHARE) * length + HIRE_SHARE * (flags & FLAG_LEADS_TO_HIRE ? 1 : 0);

  const environment = pp.environmentByLevels[3 * col.social[row]! + col.physical[row]!]!;
  const supervisor = flags & FLAG_TRAINED_WITH_ROOM ? 1 : 0;

  const c = scratch.components;
  c[ADAPTATIONS] = adaptations;
  c[DURATION] = duration;
  c[ENVIRONMENT] = environment;
  c[SUPERVISOR] = supervisor;
  const v = scratch.values;
  const avoided = pp.avoidCategoryMask === 0 ? 0 : popcount(pp.avoidCategoryMask & col.avoidCategories[row]!);
  v[SCORE_SO_FAR] =
    v[SCORE_SO_FAR]! -
    AVOID_PENALTY * avoided +
    SCORE_WEIGHTS.adaptations * adaptations +
    SCORE_WEIGHTS.duration * duration +
    SCORE_WEIGHTS.environment * environment +
    SCORE_WEIGHTS.supervisor * supervisor;
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
  v[SCORE_SO_FAR] = round4(
    Math.max(0, v[SCORE_SO_FAR]! + SCORE_WEIGHTS.growth * scratch.components[GROWTH]!),
  );
}

/**
 * The most the growth term can add, without the interval merge: growth only rises with the overlap,
 * and the overlap is at most min(supervised minutes, available minutes). Leaves the bound in
 * scratch.bound[GROWTH].
 */
export function growthBound(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): void {
  const most = Math.min(ix.col.scheduleMinutes[row]!, pp.availabilityMinutes);
  growthComponent(ix, row, pp, most, scratch.bound);
}

/** Score of a slot that passed the hard constraints (so scratch holds its distance and overlap). */
export function scoreRow(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): number {
  textScore(ix, row, pp, scratch);
  addSlotFit(ix, row, pp, scratch);
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
