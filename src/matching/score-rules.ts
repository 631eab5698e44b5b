/**
 * The small rules inside the score components, as plain functions of numbers, so the participant's
 * side can be tabulated once per ranking (see participant.ts) and the per-slot work is a lookup.
 */

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

/**
 * Taken off the score for each avoid category a slot states (tunga lyft against high physical
 * demand…): enough that such a slot is never a top match or a digest match, while the coach still
 * sees it, with the reason, when little else fits.
 */
export const AVOID_PENALTY = 0.5;

export const clamp01 = (x: number) => (x < 0 ? 0 : Math.min(x, 1));

/** Text component from how many of the participant's strengths/interests the slot names. */
export function textFromMatches(matched: number, phraseCount: number): number {
  if (phraseCount === 0) return NEUTRAL_TEXT;
  return Math.min(1, matched / Math.min(TEXT_SATURATION, phraseCount));
}

/** Exact = 1, one level off = 0.5, two = 0; no preference (−1) = 1. */
export const levelFit = (preferred: number, offered: number) =>
  preferred < 0 ? 1 : clamp01(1 - 0.5 * Math.abs(preferred - offered));

/** Environment component: the mean fit of social intensity and physical demand. */
export const environmentFit = (
  socialPreferred: number,
  physicalPreferred: number,
  social: number,
  physical: number,
) => (levelFit(socialPreferred, social) + levelFit(physicalPreferred, physical)) / 2;
