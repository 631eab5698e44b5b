/**
 * The hard constraints, as four small checks run in order of cost. The same functions serve the hot
 * path (stop at the first failure) and `explain` (collect every failure), so a coach's explanation can
 * never disagree with the ranking.
 */
import { adaptationCodes, slotKinds } from '../domain/vocabulary';
import { bitIndices } from './bits';
import { AVOID_BIT, type PreparedParticipant } from './participant';
import {
  FLAG_FREE_PLACE,
  FLAG_OPEN,
  FLAG_SUPERVISOR_ROOM,
  FLAGS_PROPOSABLE,
  type SlotIndex,
} from './slot-index';
import { chordSquared, chordToKm } from './sphere';
import { needleMatches, phraseNeedles } from './text';
import type { FailureCode, Reason } from './types';

/**
 * Numbers the checks compute anyway and the scorer reuses, one object per ranking. They travel in
 * typed arrays, not as return values, on purpose: V8 boxes a floating-point number returned from a
 * call it did not inline (16 bytes each), which at 20,000 slots per ranking meant ~40 KB of garbage
 * per ranking and a scavenge every few hundred rankings landing in the latency tail (measured).
 */
export interface RowScratch {
  /** Indexed by DISTANCE_KM, OVERLAP_MINUTES, SCORE_SO_FAR. */
  readonly values: Float64Array;
  /** Component values of the last scored row, in COMPONENT_ORDER. */
  readonly components: Float64Array;
  /** Upper bounds of components, same order (only growth is used: see growthBound). */
  readonly bound: Float64Array;
}
export const DISTANCE_KM = 0;
export const OVERLAP_MINUTES = 1;
/** The score as it is built step by step (see score.ts). */
export const SCORE_SO_FAR = 2;

export const createScratch = (): RowScratch => ({
  values: new Float64Array(3),
  components: new Float64Array(7),
  bound: new Float64Array(7),
});

/** Failures are collected in `explain`; the hot path passes null and stops at the first one. */
export type FailureSink = Reason<FailureCode>[] | null;

export const round1 = (x: number) => Math.round(x * 10) / 10;
const codesOf = (mask: number) => bitIndices(mask).map((b) => adaptationCodes[b]!);

/**
 * Minutes shared by the slot's schedule a[from, to) and an availability list b, both flat, sorted and
 * disjoint ([s0, e0, s1, e1, …]): a linear merge.
 */
export function overlapMinutesFlat(a: Int32Array, from: number, to: number, b: Int32Array): number {
  let i = from;
  let j = 0;
  let total = 0;
  while (i < to && j < b.length) {
    const aEnd = a[i + 1]!;
    const bEnd = b[j + 1]!;
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(aEnd, bEnd);
    if (hi > lo) total += hi - lo;
    if (aEnd < bEnd) i += 2;
    else j += 2;
  }
  return total;
}

/** Constraints 1, 2, 3b and 5a: open with a free place and supervisor room, must-haves, minimum hours, kind. */
export function checkBasics(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  failures: FailureSink,
): boolean {
  const c = ix.col;
  const flags = c.flags[row]!;
  const missingMust = pp.mustMask & ~c.offered[row]!;
  const kindOk = (c.kind[row]! & pp.kindsMask) !== 0;
  const hoursOk = c.hoursMin[row]! <= pp.participant.hoursNow;
  if ((flags & FLAGS_PROPOSABLE) === FLAGS_PROPOSABLE && missingMust === 0 && kindOk && hoursOk) return true;
  if (failures) {
    const slot = ix.slots[row]!;
    if (!(flags & FLAG_OPEN)) failures.push({ code: 'slot_not_open', params: { status: slot.status } });
    if (!(flags & FLAG_FREE_PLACE)) {
      failures.push({ code: 'no_free_place', params: { capacity: slot.capacity, taken: slot.taken } });
    }
    if (!(flags & FLAG_SUPERVISOR_ROOM)) {
      failures.push({ code: 'no_supervisor_room', params: { supervisors: slot.supervisors.length } });
    }
    if (missingMust !== 0)
      failures.push({ code: 'must_adaptation_missing', params: { missing: codesOf(missingMust) } });
    if (!hoursOk) {
      failures.push({
        code: 'slot_minimum_above_current_hours',
        params: { hoursMin: slot.hoursMin, hoursNow: pp.participant.hoursNow },
      });
    }
    if (!kindOk) {
      failures.push({
        code: 'kind_not_wanted',
        params: { kind: slot.kind, wanted: slotKinds.filter((_k, i) => pp.kindsMask & (1 << i)) },
      });
    }
  }
  return false;
}

/**
 * A quick pre-test for constraint 4: true when the squared chord alone shows the slot is beyond the
 * travel limit (no square root, no asin). Slots it lets through still go through `checkDistance`.
 */
export function isCertainlyTooFar(ix: SlotIndex, row: number, pp: PreparedParticipant): boolean {
  const c = ix.col;
  const { at } = pp;
  return !(chordSquared(c.x[row]!, c.y[row]!, c.z[row]!, at.x, at.y, at.z) <= pp.maxChordSquared);
}

/** Constraint 4: great-circle distance within the participant's travel limit. Leaves the distance in scratch. */
export function checkDistance(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  scratch: RowScratch,
  failures: FailureSink,
): boolean {
  const c = ix.col;
  const { at } = pp;
  const d = chordToKm(chordSquared(c.x[row]!, c.y[row]!, c.z[row]!, at.x, at.y, at.z));
  scratch.values[DISTANCE_KM] = d;
  // Written as "not within" so a NaN coordinate fails instead of slipping through.
  if (!(d <= pp.participant.maxTravelKm)) {
    failures?.push({ code: 'too_far', params: { km: round1(d), maxKm: pp.participant.maxTravelKm } });
    return false;
  }
  return true;
}

/** Constraint 3a: supervised windows ∩ availability cover the current hours. Leaves the overlap in scratch. */
export function checkTime(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  scratch: RowScratch,
  failures: FailureSink,
): boolean {
  const c = ix.col;
  const overlap = overlapMinutesFlat(
    ix.schedules.data,
    c.scheduleStart[row]!,
    c.scheduleEnd[row]!,
    pp.availability,
  );
  scratch.values[OVERLAP_MINUTES] = overlap;
  if (overlap < pp.minOverlapMinutes) {
    failures?.push({
      code: 'too_few_overlapping_hours',
      params: { overlapHours: round1(overlap / 60), hoursNow: pp.participant.hoursNow },
    });
    return false;
  }
  return true;
}

/** Constraint 5b: no avoided term in the slot's title or tasks. */
export function checkAvoid(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  failures: FailureSink,
): boolean {
  if (!pp.hasAvoid) return true;
  const terms = ix.terms.data;
  const flags = pp.termFlags;
  const end = ix.col.avoidScopeEnd[row]!;
  for (let i = ix.col.termStart[row]!; i < end; i++) {
    if (flags[terms[i]!]! & AVOID_BIT) {
      failures?.push({ code: 'avoided_task', params: { terms: avoidedPhrases(ix, row, pp) } });
      return false;
    }
  }
  return true;
}

/** The participant's avoid phrases found in the slot's title or tasks (slow path, for explanations). */
function avoidedPhrases(ix: SlotIndex, row: number, pp: PreparedParticipant): string[] {
  const ids = ix.terms.data.subarray(ix.col.termStart[row]!, ix.col.avoidScopeEnd[row]!);
  const scope = Array.from(ids, (t) => ix.termText[t]!);
  return pp.participant.avoid.filter((phrase) =>
    phraseNeedles(phrase).some((needle) => scope.some((term) => needleMatches(needle, term))),
  );
}

/**
 * True when the slot at `row` may be proposed to the participant. With `failures`, every failing
 * constraint is appended; without, it stops at the first. Leaves distance and overlap in `scratch`.
 */
export function passesHardConstraints(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  scratch: RowScratch,
  failures: FailureSink,
): boolean {
  if (failures) {
    // Run every check so the coach sees all reasons at once.
    const results = [
      checkBasics(ix, row, pp, failures),
      checkDistance(ix, row, pp, scratch, failures),
      checkTime(ix, row, pp, scratch, failures),
      checkAvoid(ix, row, pp, failures),
    ];
    return results.every(Boolean);
  }
  return (
    checkBasics(ix, row, pp, null) &&
    checkDistance(ix, row, pp, scratch, null) &&
    checkTime(ix, row, pp, scratch, null) &&
    checkAvoid(ix, row, pp, null)
  );
}
