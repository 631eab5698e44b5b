/**
 * The participant side of a ranking, computed once per call: masks, flat availability, the search
 * box, and the participant's words resolved to the index's term ids by one pass over the dictionary
 * (cached per word), so scoring a slot is an OR over its term ids instead of string work.
 */
import { adaptationMask } from '../domain/vocabulary';
import { avoidCategoriesOf, avoidCodes, strengthOf } from '../domain/work-vocabulary';
import { type BoundingBox, boundingBox } from '../lib/geo';
import { popcount } from './bits';
import { dayNumber } from './dates';
import { environmentFit, textFromMatches } from './score-rules';
import { kindBit, levelRank, type SlotIndex } from './slot-index';
import { chordSquaredLimit, type UnitVector, unitVector } from './sphere';
import { meetsStrengthTerm } from './terms';
import { phraseNeedles, suitsTerm } from './text';
import type { ParticipantForMatching } from './types';

/** Strengths use bits 0..14, interests 15..29, avoid terms bit 30 of a term's flag word. */
export const MAX_PHRASES_PER_LIST = 15;
export const STRENGTH_SHIFT = 0;
export const INTEREST_SHIFT = 15;
export const PHRASE_BITS_MASK = (1 << 30) - 1;
export const AVOID_BIT = 1 << 30;

export interface PreparedParticipant {
  readonly participant: ParticipantForMatching;
  readonly mustMask: number;
  readonly niceMask: number;
  readonly niceCount: number;
  /** Bits of the wanted slot kinds; every bit set when the participant has no preference. */
  readonly kindsMask: number;
  readonly minOverlapMinutes: number;
  readonly availability: Int32Array;
  readonly availabilityMinutes: number;
  readonly box: BoundingBox;
  /** Position as a unit vector, and the squared chord beyond which a slot is certainly too far. */
  readonly at: UnitVector;
  readonly maxChordSquared: number;
  /** Per dictionary term: which strengths/interests it matches (bits) and AVOID_BIT. */
  readonly termFlags: Int32Array;
  /** Strengths and interests that have words to match on; the text score's denominator. */
  readonly phraseCount: number;
  readonly strengthPhrases: readonly string[];
  readonly interestPhrases: readonly string[];
  readonly hasAvoid: boolean;
  /** Bits of the avoid categories the participant named (by position in avoidCodes). */
  readonly avoidCategoryMask: number;
  readonly todayDay: number;
  /** The ramp-up plan flat: [afterWeeks0, hours0, afterWeeks1, hours1, …]. */
  readonly rampSteps: Float64Array;
  /** Text component by number of matched strengths/interests (textFromMatches, tabulated). */
  readonly textByMatches: Float64Array;
  /** Environment component by 3 × social level + physical level (environmentFit, tabulated). */
  readonly environmentByLevels: Float64Array;
  /** Preferred level rank, or -1 for no preference. */
  readonly socialPreference: number;
  readonly physicalPreference: number;
}

/**
 * A phrase's needles, kept by its text (phraseNeedles and strengthOf read the vocabularies, stem
 * every word and look up occupations: about 5 % of a matches request, for the same few phrases again
 * and again). Pure functions of the text, so a kept list is the one they would give; callers get a
 * copy of their own.
 */
const strengthNeedleCache = new Map<string, readonly string[]>();
const interestNeedleCache = new Map<string, readonly string[]>();
const MAX_CACHED_PHRASES = 10_000;

function kept(cache: Map<string, readonly string[]>, phrase: string, needles: (p: string) => string[]) {
  let found = cache.get(phrase);
  if (!found) {
    found = needles(phrase);
    if (cache.size >= MAX_CACHED_PHRASES) cache.clear();
    cache.set(phrase, found);
  }
  return [...found];
}

/** A strength meets slots by its own words and by the work it suits ("noggrann" → sortera, plocka…). */
function strengthNeedles(p: string): string[] {
  const strength = strengthOf(p);
  // …and by slots saying the work suits it (slots.suits).
  return strength
    ? [...phraseNeedles(p), ...strength.suits, suitsTerm(strength.strength.code)]
    : phraseNeedles(p);
}

/**
 * The words each strength and interest meets slots by (strengths first, at most
 * MAX_PHRASES_PER_LIST of each, in order): a phrase's bit is its position here.
 */
export function phraseNeedleLists(participant: ParticipantForMatching): {
  strengths: string[][];
  interests: string[][];
} {
  return {
    strengths: participant.strengths
      .slice(0, MAX_PHRASES_PER_LIST)
      .map((p) => kept(strengthNeedleCache, p, strengthNeedles)),
    interests: participant.interests
      .slice(0, MAX_PHRASES_PER_LIST)
      .map((p) => kept(interestNeedleCache, p, phraseNeedles)),
  };
}

/**
 * The same lists as stored terms of the current version are searched for them (terms.ts): there
 * a strength's words of work are one term (`meetsStrengthTerm`), so a strength's list is its own
 * words that are not among them, and that term. A list meets a slot's current stored terms exactly
 * when its `phraseNeedleLists` list meets them.
 */
export function storedNeedleLists(participant: ParticipantForMatching): {
  strengths: string[][];
  interests: string[][];
} {
  return {
    strengths: participant.strengths.slice(0, MAX_PHRASES_PER_LIST).map((p) => {
      const strength = strengthOf(p);
      if (!strength) return phraseNeedles(p);
      const suits = new Set(strength.suits);
      return [...phraseNeedles(p).filter((k) => !suits.has(k)), meetsStrengthTerm(strength.strength.code)];
    }),
    interests: participant.interests.slice(0, MAX_PHRASES_PER_LIST).map(phraseNeedles),
  };
}

export function prepareParticipant(
  index: SlotIndex,
  participant: ParticipantForMatching,
  today: string,
): PreparedParticipant {
  const termFlags = new Int32Array(index.termText.length);
  const strengths = participant.strengths.slice(0, MAX_PHRASES_PER_LIST);
  const interests = participant.interests.slice(0, MAX_PHRASES_PER_LIST);
  let phraseCount = 0;
  const markPhrase = (needles: readonly string[], bit: number): void => {
    if (needles.length > 0) phraseCount++;
    for (const needle of needles) for (const t of index.termIdsFor(needle)) termFlags[t]! |= bit;
  };
  const needles = phraseNeedleLists(participant);
  needles.strengths.forEach((n, i) => {
    markPhrase(n, 1 << (STRENGTH_SHIFT + i));
  });
  needles.interests.forEach((n, i) => {
    markPhrase(n, 1 << (INTEREST_SHIFT + i));
  });
  // Avoid: a category (a code, or words a coach types for it: "tunga lyft") is read against what
  // slots state and penalised; other words exclude slots naming them in their title or tasks.
  let hasAvoid = false;
  let avoidCategoryMask = 0;
  for (const phrase of participant.avoid) {
    const categories = avoidCategoriesOf(phrase);
    for (const code of categories) avoidCategoryMask |= 1 << avoidCodes.indexOf(code);
    if (categories.length > 0) continue;
    for (const needle of phraseNeedles(phrase)) {
      hasAvoid = true;
      for (const t of index.termIdsFor(needle)) termFlags[t]! |= AVOID_BIT;
    }
  }

  const niceMask = adaptationMask(
    participant.adaptationNeeds.filter((n) => n.priority === 'nice').map((n) => n.code),
  );
  const kinds = participant.preferences.kinds;
  const { socialIntensity, physicalDemand } = participant.preferences;
  const socialPreference = socialIntensity ? levelRank(socialIntensity) : -1;
  const physicalPreference = physicalDemand ? levelRank(physicalDemand) : -1;
  return {
    participant,
    mustMask: adaptationMask(
      participant.adaptationNeeds.filter((n) => n.priority === 'must').map((n) => n.code),
    ),
    niceMask,
    niceCount: popcount(niceMask),
    kindsMask: kinds && kinds.length > 0 ? kinds.reduce((m, k) => m | kindBit(k), 0) : -1,
    minOverlapMinutes: participant.hoursNow * 60,
    availability: Int32Array.from(participant.availability.flat()),
    availabilityMinutes: participant.availability.reduce((sum, [from, to]) => sum + (to - from), 0),
    box: boundingBox(participant.lat, participant.lon, participant.maxTravelKm),
    at: unitVector(participant.lat, participant.lon),
    maxChordSquared: chordSquaredLimit(participant.maxTravelKm),
    termFlags,
    phraseCount,
    strengthPhrases: strengths,
    interestPhrases: interests,
    hasAvoid,
    avoidCategoryMask,
    todayDay: dayNumber(today),
    rampSteps: Float64Array.from(participant.rampUp.flatMap((s) => [s.afterWeeks, s.hoursPerWeek])),
    textByMatches: Float64Array.from({ length: 31 }, (_x, n) => textFromMatches(n, phraseCount)),
    environmentByLevels: Float64Array.from({ length: 9 }, (_x, i) =>
      environmentFit(socialPreference, physicalPreference, Math.floor(i / 3), i % 3),
    ),
    socialPreference,
    physicalPreference,
  };
}
