/**
 * An upper bound on a slot's score for one participant from a few narrow fields, so a caller that
 * reads slots from a database can rank by reading whole slots only while their bound can still
 * reach the top (the threshold algorithm): every slot left unread has a bound below the k-th best
 * score found, so it cannot enter the top k.
 *
 * Each component is the engine's own (score.ts) where the narrow fields decide it, and its most
 * otherwise: text from how many strengths and interests the slot's stored terms meet (terms.ts; all
 * of them when unknown), adaptations exact (the offered ones only arrangeable get
 * CAN_ARRANGE_CREDIT, as in the engine; a slot whose arrangeable mask is 0 as if all were in
 * place), growth from the slot's
 * most hours within the participant's available ones, supervisor full when one has had the
 * training (room or not) and 0 otherwise, no avoid penalty. Distance,
 * duration and environment are exact. The rounding margin covers the score's rounding.
 */
import type { Level } from '../domain/vocabulary';
import { popcount } from './bits';
import { dayNumber } from './dates';
import { phraseNeedleLists, prepareParticipant, storedNeedleLists } from './participant';
import { CAN_ARRANGE_CREDIT, clamp01, FIXED_LENGTH_CAP, HIRE_SHARE, LONG_TERM_WEEKS } from './score-rules';
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
  /** Bits of the offered ones only arrangeable, not in place (canArrangeMask); 0: all in place. */
  arrangeMask: number;
  openEnded: boolean;
  startDate: string;
  endDate: string | null;
  leadsToHire: boolean;
  socialIntensity: Level;
  physicalDemand: Level;
  hoursMax: number;
  /**
   * Whether one of the slot's supervisors has had the training: the supervisor term is full then
   * and 0 otherwise (the engine also asks for room, so the bound may be above, never below).
   */
  trainedSupervisor: boolean;
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
 * What the bound of one participant is computed from, the same for every slot: the tables and
 * figures of the participant's side (SQL builds an upper bound of the same formula from them,
 * src/services/matching/bound-sql.ts).
 */
export interface BoundConstants {
  /** Text component by number of lists met, 0..phrases (unknown: phrases). */
  textByMatches: readonly number[];
  /** Adaptation bits of the participant's nice-to-haves, and how many. */
  niceMask: number;
  niceCount: number;
  todayDay: number;
  /** Environment component by 3 × social level rank + physical level rank. */
  environmentByLevels: readonly number[];
  hoursNow: number;
  hoursTarget: number;
  hasSteps: boolean;
  mostAvailableHours: number;
  lat: number;
  maxTravelKm: number;
  margin: number;
}

export function boundConstants(participant: ParticipantForMatching, today: string): BoundConstants {
  const pp = prepareParticipant(buildSlotIndex([]), participant, today);
  const phrases = textNeedles(participant).length;
  return {
    textByMatches: Array.from(pp.textByMatches.subarray(0, phrases + 1)),
    niceMask: pp.niceMask,
    niceCount: pp.niceCount,
    todayDay: pp.todayDay,
    environmentByLevels: Array.from(pp.environmentByLevels),
    hoursNow: participant.hoursNow,
    hoursTarget: participant.hoursTarget,
    hasSteps: pp.rampSteps.length > 0,
    mostAvailableHours: pp.availabilityMinutes / 60,
    lat: participant.lat,
    maxTravelKm: participant.maxTravelKm,
    margin: MARGIN,
  };
}

/**
 * What the bound derives from a slot's fields whoever the participant (its position on the unit
 * sphere, its days, its environment's table position): allocation bounds each candidate for every
 * participant it reaches, so this is worked out once a slot (`preparedScoreBound`).
 */
export interface PreparedBoundSlot {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly adaptationMask: number;
  readonly arrangeMask: number;
  /** Neither open-ended nor without an end date: the length part counts its weeks. */
  readonly fixedLength: boolean;
  readonly startDay: number;
  readonly endDay: number;
  readonly leadsToHire: boolean;
  /** 3 × social level rank + physical level rank. */
  readonly environmentIndex: number;
  readonly hoursMax: number;
  readonly trainedSupervisor: boolean;
}

export function prepareBoundSlot(s: Omit<SlotBoundFields, 'textMatches'>): PreparedBoundSlot {
  const at = unitVector(s.lat, s.lon);
  const fixedLength = !s.openEnded && s.endDate !== null;
  return {
    x: at.x,
    y: at.y,
    z: at.z,
    adaptationMask: s.adaptationMask,
    arrangeMask: s.arrangeMask,
    fixedLength,
    startDay: fixedLength ? dayNumber(s.startDate) : 0,
    endDay: fixedLength && s.endDate !== null ? dayNumber(s.endDate) : 0,
    leadsToHire: s.leadsToHire,
    environmentIndex: 3 * levelRank(s.socialIntensity) + levelRank(s.physicalDemand),
    hoursMax: s.hoursMax,
    trainedSupervisor: s.trainedSupervisor,
  };
}

/** `scoreBound` over prepared slots, with how many lists the slot's terms meet (null: unknown). */
export function preparedScoreBound(
  participant: ParticipantForMatching,
  today: string,
): (s: PreparedBoundSlot, textMatches: number | null) => number {
  const c = boundConstants(participant, today);
  const at0 = unitVector(participant.lat, participant.lon);
  const phrases = c.textByMatches.length - 1;
  const { hoursNow, hoursTarget, maxTravelKm, hasSteps, mostAvailableHours } = c;
  const w = SCORE_WEIGHTS;
  return (s, textMatches) => {
    const d = chordToKm(chordSquared(s.x, s.y, s.z, at0.x, at0.y, at0.z));
    if (!(d <= maxTravelKm)) return Number.NEGATIVE_INFINITY;
    const distance = maxTravelKm > 0 ? clamp01(1 - d / maxTravelKm) : 1;

    const text = c.textByMatches[Math.min(textMatches ?? phrases, phrases)]!;
    // The engine's (in place + CAN_ARRANGE_CREDIT × arrangeable) / nice, as offered − the rest of
    // the credit × arrangeable (the arrangeable bits are offered ones).
    const adaptations =
      c.niceCount > 0
        ? (popcount(c.niceMask & s.adaptationMask) -
            (1 - CAN_ARRANGE_CREDIT) * popcount(c.niceMask & s.arrangeMask)) /
          c.niceCount
        : 1;

    let length = 1;
    if (s.fixedLength) {
      const start = Math.max(c.todayDay, s.startDay);
      const weeks = Math.max(0, (s.endDay - start) / 7);
      length = FIXED_LENGTH_CAP * Math.min(1, weeks / LONG_TERM_WEEKS);
    }
    const duration = (1 - HIRE_SHARE) * length + HIRE_SHARE * (s.leadsToHire ? 1 : 0);
    const environment = c.environmentByLevels[s.environmentIndex]!;

    const reachable = Math.min(s.hoursMax, mostAvailableHours);
    const reach = hoursTarget <= hoursNow ? 1 : clamp01((reachable - hoursNow) / (hoursTarget - hoursNow));
    const growth = hasSteps ? 0.5 * reach + 0.5 : reach;

    return (
      w.text * text +
      w.adaptations * adaptations +
      w.duration * duration +
      w.environment * environment +
      (s.trainedSupervisor ? w.supervisor : 0) +
      w.distance * distance +
      w.growth * growth +
      c.margin
    );
  };
}

/**
 * `bound(slot)`: at least the score the engine gives the slot for this participant, or -Infinity
 * when the engine certainly rejects it (farther than the travel limit, by the engine's own test).
 */
export function scoreBound(
  participant: ParticipantForMatching,
  today: string,
): (slot: SlotBoundFields) => number {
  const bound = preparedScoreBound(participant, today);
  return (s) => bound(prepareBoundSlot(s), s.textMatches);
}
