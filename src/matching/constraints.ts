/**
 * The hard constraints. One function serves both the hot path (stop at the first failure) and
 * `explain` (collect every failure), so a coach's explanation can never disagree with the ranking.
 */
import { adaptationCodes, slotKinds } from '../domain/vocabulary';
import { distanceKm } from '../lib/geo';
import { bitIndices } from './bits';
import { AVOID_BIT, type PreparedParticipant } from './participant';
import {
  FLAG_FREE_PLACE,
  FLAG_OPEN,
  FLAG_SUPERVISOR_ROOM,
  FLAGS_PROPOSABLE,
  type SlotIndex,
} from './slot-index';
import { contentStems, needleMatches } from './text';
import type { FailureCode, Reason } from './types';

/** Values the check computes anyway and the scorer reuses; one object per ranking, no allocation per slot. */
export interface RowScratch {
  distanceKm: number;
  overlapMinutes: number;
  /** Component values of the last scored row, in COMPONENT_ORDER. */
  components: Float64Array;
}

export const createScratch = (): RowScratch => ({
  distanceKm: 0,
  overlapMinutes: 0,
  components: new Float64Array(7),
});

/** Minutes shared by two flat, sorted, disjoint interval lists [s0, e0, s1, e1, …]: a linear merge. */
export function overlapFlat(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
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

/** Only reached in collect mode: fast mode returns before it. */
function record(failures: Reason<FailureCode>[] | null, code: FailureCode, params: Reason['params']): void {
  failures?.push({ code, params });
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
const codesOf = (mask: number) => bitIndices(mask).map((b) => adaptationCodes[b]!);

/**
 * True when the slot at `row` may be proposed to the participant. With `failures` given, every failing
 * constraint is appended (and the check does not stop early); without, it returns at the first failure.
 * Leaves the distance and time overlap in `scratch` for the scorer.
 */
export function passesHardConstraints(
  ix: SlotIndex,
  row: number,
  pp: PreparedParticipant,
  scratch: RowScratch,
  failures: Reason<FailureCode>[] | null,
): boolean {
  const p = pp.participant;
  const failuresBefore = failures?.length ?? 0;

  const flags = ix.flags[row]!;
  if ((flags & FLAGS_PROPOSABLE) !== FLAGS_PROPOSABLE) {
    if (!failures) return false;
    const slot = ix.slots[row]!;
    if (!(flags & FLAG_OPEN)) record(failures, 'slot_not_open', { status: slot.status });
    if (!(flags & FLAG_FREE_PLACE))
      record(failures, 'no_free_place', { capacity: slot.capacity, taken: slot.taken });
    if (!(flags & FLAG_SUPERVISOR_ROOM))
      record(failures, 'no_supervisor_room', { supervisors: slot.supervisors.length });
  }
  if ((ix.kind[row]! & pp.kindsMask) === 0) {
    if (!failures) return false;
    record(failures, 'kind_not_wanted', {
      kind: ix.slots[row]!.kind,
      wanted: slotKinds.filter((_k, i) => pp.kindsMask & (1 << i)),
    });
  }
  const missingMust = pp.mustMask & ~ix.offered[row]!;
  if (missingMust !== 0) {
    if (!failures) return false;
    record(failures, 'must_adaptation_missing', { missing: codesOf(missingMust) });
  }
  if (ix.hoursMin[row]! > p.hoursNow) {
    if (!failures) return false;
    record(failures, 'slot_minimum_above_current_hours', {
      hoursMin: ix.hoursMin[row]!,
      hoursNow: p.hoursNow,
    });
  }
  const distance = distanceKm(p.lat, p.lon, ix.lat[row]!, ix.lon[row]!);
  scratch.distanceKm = distance;
  // Written as "not within" so a NaN coordinate fails instead of slipping through.
  if (!(distance <= p.maxTravelKm)) {
    if (!failures) return false;
    record(failures, 'too_far', { km: round1(distance), maxKm: p.maxTravelKm });
  }
  const overlap = overlapFlat(ix.schedule[row]!, pp.availability);
  scratch.overlapMinutes = overlap;
  if (overlap < pp.minOverlapMinutes) {
    if (!failures) return false;
    record(failures, 'too_few_overlapping_hours', {
      overlapHours: round1(overlap / 60),
      hoursNow: p.hoursNow,
    });
  }
  if (pp.hasAvoid && namesAvoidedTask(ix, row, pp)) {
    if (!failures) return false;
    record(failures, 'avoided_task', { terms: avoidedPhrases(ix, row, pp) });
  }
  return failures === null || failures.length === failuresBefore;
}

function namesAvoidedTask(ix: SlotIndex, row: number, pp: PreparedParticipant): boolean {
  const terms = ix.terms[row]!;
  const n = ix.avoidScopeLength[row]!;
  for (let i = 0; i < n; i++) if (pp.termFlags[terms[i]!]! & AVOID_BIT) return true;
  return false;
}

/** The participant's avoid phrases found in the slot's title or tasks (slow path, for explanations). */
function avoidedPhrases(ix: SlotIndex, row: number, pp: PreparedParticipant): string[] {
  const terms = ix.terms[row]!;
  const scope = Array.from(terms.subarray(0, ix.avoidScopeLength[row]!), (t) => ix.termText[t]!);
  return pp.participant.avoid.filter((phrase) =>
    contentStems(phrase).some((needle) => scope.some((term) => needleMatches(needle, term))),
  );
}
