/**
 * The score: seven components in 0..1, weighted by SCORE_WEIGHTS. Works on the compiled index so the
 * hot path allocates nothing; `describe.ts` turns the same numbers into reasons and gaps.
 */
import { popcount } from './bits';
import type { RowScratch } from './constraints';
import { PHRASE_BITS_MASK, type PreparedParticipant } from './participant';
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

/** Text score when the participant named no strengths or interests: neither helps nor hurts a slot. */
export const NEUTRAL_TEXT = 0.5;
/** This many matching strengths/interests already give the full text score. */
export const TEXT_SATURATION = 3;
/** An adaptation the employer can arrange counts this much of one already in place. */
export const CAN_ARRANGE_CREDIT = 0.6;
/** A fixed-length placement this long or longer gets FIXED_LENGTH_CAP of the length part. */
export const LONG_TERM_WEEKS = 52;
/** Even a long fixed-length placement ranks below an open-ended one ("time-unlimited" in IPS). */
export const FIXED_LENGTH_CAP = 0.8;
/** Shorter than this is reported as a gap (the 3-month "karusell" the coaches warn about). */
export const SHORT_TERM_WEEKS = 26;
/** Share of the duration component that is "can lead to a hire". */
export const HIRE_SHARE = 0.25;

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const clamp01 = (x: number) => (x < 0 ? 0 : Math.min(x, 1));
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

function textComponent(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  if (pp.phraseCount === 0) return NEUTRAL_TEXT;
  const matched = popcount(matchedPhraseBits(ix, row, pp));
  return Math.min(1, matched / Math.min(TEXT_SATURATION, pp.phraseCount));
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

function growthComponent(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  overlapMinutes: number,
): number {
  const { hoursNow, hoursTarget, rampUp } = pp.participant;
  const reach =
    hoursTarget <= hoursNow
      ? 1
      : clamp01((reachableHours(ix, row, overlapMinutes) - hoursNow) / (hoursTarget - hoursNow));
  let relevant = 0;
  let fitting = 0;
  for (const step of rampUp) {
    const fit = rampStepFit(ix, row, pp, overlapMinutes, step);
    if (fit === 'after_end') continue;
    relevant++;
    if (fit === 'fits') fitting++;
  }
  return relevant === 0 ? reach : 0.5 * reach + 0.5 * (fitting / relevant);
}

function adaptationsComponent(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  if (pp.niceCount === 0) return 1;
  const inPlace = popcount(pp.niceMask & ix.col.inPlace[row]!);
  const arrangeable = popcount(pp.niceMask & ix.col.offered[row]! & ~ix.col.inPlace[row]!);
  return (inPlace + CAN_ARRANGE_CREDIT * arrangeable) / pp.niceCount;
}

/** Weeks from the placement's start to the slot's end; Infinity when open-ended. */
export function weeksLeft(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  if (ix.col.flags[row]! & FLAG_OPEN_ENDED) return Number.POSITIVE_INFINITY;
  return Math.max(0, (ix.col.endDay[row]! - placementStartDay(ix, row, pp)) / 7);
}

function durationComponent(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  const weeks = weeksLeft(ix, row, pp);
  const length =
    weeks === Number.POSITIVE_INFINITY ? 1 : FIXED_LENGTH_CAP * Math.min(1, weeks / LONG_TERM_WEEKS);
  const hire = ix.col.flags[row]! & FLAG_LEADS_TO_HIRE ? 1 : 0;
  return (1 - HIRE_SHARE) * length + HIRE_SHARE * hire;
}

function distanceComponent(pp: PreparedParticipant, km: number): number {
  const max = pp.participant.maxTravelKm;
  return max > 0 ? clamp01(1 - km / max) : 1;
}

/** Exact = 1, one level off = 0.5, two = 0; no preference = 1. */
export const levelFit = (preferred: number, offered: number) =>
  preferred < 0 ? 1 : clamp01(1 - 0.5 * Math.abs(preferred - offered));

function environmentComponent(ix: SlotIndex, row: number, pp: PreparedParticipant): number {
  return (
    (levelFit(pp.socialPreference, ix.col.social[row]!) +
      levelFit(pp.physicalPreference, ix.col.physical[row]!)) /
    2
  );
}

/**
 * The score is built in three steps so the ranking can stop early: `baseScore` needs only the
 * compiled slot (text, adaptations, duration, environment, supervisor), `addDistance` needs the
 * distance, `completeScore` needs the time overlap (growth). After each step the ranking compares
 * "score so far + the largest weight still to come" with the k-th best score and skips slots that
 * cannot enter the top k, so the trigonometry and the interval merge run for few slots.
 * Every path (ranking, allocation, explain) goes through these same three steps, in the same order,
 * so the floating-point result is identical everywhere.
 */
export function baseScore(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): number {
  const c = scratch.components;
  c[TEXT] = textComponent(ix, row, pp);
  c[ADAPTATIONS] = adaptationsComponent(ix, row, pp);
  c[DURATION] = durationComponent(ix, row, pp);
  c[ENVIRONMENT] = environmentComponent(ix, row, pp);
  c[SUPERVISOR] = ix.col.flags[row]! & FLAG_TRAINED_WITH_ROOM ? 1 : 0;
  return (
    SCORE_WEIGHTS.text * c[TEXT]! +
    SCORE_WEIGHTS.adaptations * c[ADAPTATIONS]! +
    SCORE_WEIGHTS.duration * c[DURATION]! +
    SCORE_WEIGHTS.environment * c[ENVIRONMENT]! +
    SCORE_WEIGHTS.supervisor * c[SUPERVISOR]!
  );
}

/** Adds the distance component (needs `scratch.distanceKm`). */
export function addDistance(pp: PreparedParticipant, scratch: RowScratch, base: number): number {
  const d = distanceComponent(pp, scratch.distanceKm);
  scratch.components[DISTANCE] = d;
  return base + SCORE_WEIGHTS.distance * d;
}

/** Adds growth (needs `scratch.overlapMinutes`) and rounds: the final score. */
export function completeScore(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  scratch: RowScratch,
  partial: number,
): number {
  const growth = growthComponent(ix, row, pp, scratch.overlapMinutes);
  scratch.components[GROWTH] = growth;
  return round4(partial + SCORE_WEIGHTS.growth * growth);
}

/** Score of a slot that passed the hard constraints (so scratch holds its distance and overlap). */
export function scoreRow(ix: SlotIndex, row: number, pp: PreparedParticipant, scratch: RowScratch): number {
  return completeScore(ix, row, pp, scratch, addDistance(pp, scratch, baseScore(ix, row, pp, scratch)));
}

export function componentsOf(scratch: RowScratch): ScoreComponents {
  const out = {} as ScoreComponents;
  COMPONENT_ORDER.forEach((name, i) => {
    out[name] = round4(scratch.components[i]!);
  });
  return out;
}
