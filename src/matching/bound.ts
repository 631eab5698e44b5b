/**
 * An upper bound on a slot's score for one participant from a few narrow fields, so a caller that
 * reads slots from a database can rank by reading whole slots only while their bound can still
 * reach the top (the threshold algorithm): every slot left unread has a bound below the k-th best
 * score found, so it cannot enter the top k.
 *
 * Each component is the engine's own (score.ts) where the narrow fields decide it, and its most
 * otherwise: text from how many strengths and interests the slot's stored terms meet (terms.ts; all
 * of them when unknown), adaptations as if every offered one were in place, growth from the slot's
 * most hours within the participant's available ones, supervisor full, no avoid penalty. Distance,
 * duration and environment are exact. The rounding margin covers the score's rounding.
 */
import type { Level } from '../domain/vocabulary';
import { popcount } from './bits';
import { dayNumber } from './dates';
import { phraseNeedleLists, prepareParticipant, storedNeedleLists } from './participant';
import { clamp01, FIXED_LENGTH_CAP, HIRE_SHARE, LONG_TERM_WEEKS } from './score-rules';
import { buildSlotIndex, levelRank } from './slot-index';
import { chordSquared, chordToKm, unitVector } from './sphere';
import type { ParticipantForMatching } from './types';
import { SCORE_WEIGHTS } from './weights';

/** What the bound reads of a slot. */
export interface SlotBoundFields {
  lat: number;
  lon: number;
  /** Bits of every offered adaptation (adaptationMask). */
  adaptationMask: number;
  openEnded: boolean;
  startDate: string;
  endDate: string | null;
  leadsToHire: boolean;
  socialIntensity: Level;
  physicalDemand: Level;
  hoursMax: number;
  /** How many of the participant's strengths and interests the slot's terms meet; null: unknown. */
  textMatches: number | null;
}

/** Above the rounding of the score to four decimals and any difference in summation order. */
const MARGIN = 2e-4;

/** The participant's needles: per strength and interest, the words it meets (empty lists dropped). */
export function textNeedles(participant: ParticipantForMatching): string[][] {
  const { strengths, interests } = phraseNeedleLists(participant);
  return [...strengths, ...interests].filter((n) => n.length > 0);
}

/**
 * `textNeedles` list for list, as stored terms of the current version are searched for them
 * (participant.ts `storedNeedleLists`: a strength's words of work are one derived term there).
 */
export function storedTextNeedles(participant: ParticipantForMatching): string[][] {
  const full = phraseNeedleLists(participant);
  const stored = storedNeedleLists(participant);
  const all = [...full.strengths, ...full.interests];
  return [...stored.strengths, ...stored.interests].filter((_n, i) => all[i]!.length > 0);
}

/**
 * `bound(slot)`: at least the score the engine gives the slot for this participant, or -Infinity
 * when the engine certainly rejects it (farther than the travel limit, by the engine's own test).
 */
export function scoreBound(
  participant: ParticipantForMatching,
  today: string,
): (slot: SlotBoundFields) => number {
  const pp = prepareParticipant(buildSlotIndex([]), participant, today);
  const phrases = textNeedles(participant).length;
  const { hoursNow, hoursTarget, maxTravelKm } = participant;
  const hasSteps = pp.rampSteps.length > 0;
  const mostAvailableHours = pp.availabilityMinutes / 60;
  const w = SCORE_WEIGHTS;
  return (s) => {
    const at = unitVector(s.lat, s.lon);
    const d = chordToKm(chordSquared(at.x, at.y, at.z, pp.at.x, pp.at.y, pp.at.z));
    if (!(d <= maxTravelKm)) return Number.NEGATIVE_INFINITY;
    const distance = maxTravelKm > 0 ? clamp01(1 - d / maxTravelKm) : 1;

    const text = pp.textByMatches[Math.min(s.textMatches ?? phrases, phrases)]!;
    const adaptations = pp.niceCount > 0 ? popcount(pp.niceMask & s.adaptationMask) / pp.niceCount : 1;

    let length = 1;
    if (!s.openEnded && s.endDate !== null) {
      const start = Math.max(pp.todayDay, dayNumber(s.startDate));
      const weeks = Math.max(0, (dayNumber(s.endDate) - start) / 7);
      length = FIXED_LENGTH_CAP * Math.min(1, weeks / LONG_TERM_WEEKS);
    }
    const duration = (1 - HIRE_SHARE) * length + HIRE_SHARE * (s.leadsToHire ? 1 : 0);
    const environment =
      pp.environmentByLevels[3 * levelRank(s.socialIntensity) + levelRank(s.physicalDemand)]!;

    const reachable = Math.min(s.hoursMax, mostAvailableHours);
    const reach = hoursTarget <= hoursNow ? 1 : clamp01((reachable - hoursNow) / (hoursTarget - hoursNow));
    const growth = hasSteps ? 0.5 * reach + 0.5 : reach;

    return (
      w.text * text +
      w.adaptations * adaptations +
      w.duration * duration +
      w.environment * environment +
      w.supervisor +
      w.distance * distance +
      w.growth * growth +
      MARGIN
    );
  };
}
