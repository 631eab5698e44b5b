/**
 * What lies within one participant's travel limit and why it does not fit: the supply report's view
 * of the registry (where to recruit employers). Runs the very checks the ranking runs
 * (`passesHardConstraints`), so a slot counted here as eligible is one the ranking would propose.
 */
import { adaptationCodes } from '../domain/vocabulary';
import { bitIndices } from './bits';
import { checkDistance, createScratch, passesHardConstraints } from './constraints';
import { prepareParticipant } from './participant';
import { FLAG_ALIVE, type SlotIndex } from './slot-index';
import type { FailureCode, MatchOptions, ParticipantForMatching, Reason } from './types';

export interface Reach {
  /** Slots within the travel limit (great-circle distance). */
  inReach: number;
  /** Of those, the slots that pass every hard constraint. */
  eligible: number;
  /** Per failing constraint, how many slots in reach it excludes (a slot failing two counts for both). */
  failures: Partial<Record<FailureCode, number>>;
  /** Adaptations offered (in place or can be arranged) by at least one slot in reach. */
  offered: Set<string>;
  /** Index rows of the slots in reach. */
  rows: number[];
}

export function reachOf(ix: SlotIndex, participant: ParticipantForMatching, opts: MatchOptions): Reach {
  const pp = prepareParticipant(ix, participant, opts.today);
  const scratch = createScratch();
  const { minLat, maxLat, minLon, maxLon } = pp.box;
  const { lat, lon, flags, offered } = ix.col;
  const failures: Partial<Record<FailureCode, number>> = {};
  const rows: number[] = [];
  let eligible = 0;
  let offeredMask = 0;
  for (const key of ix.cellsInBox(pp.box, participant.lat, participant.lon))
    for (const row of ix.rowsOfCell(key)) {
      const la = lat[row]!;
      const lo = lon[row]!;
      if (la < minLat || la > maxLat || lo < minLon || lo > maxLon || !(flags[row]! & FLAG_ALIVE)) continue;
      if (!checkDistance(ix, row, pp, scratch, null)) continue;
      rows.push(row);
      offeredMask |= offered[row]!;
      if (passesHardConstraints(ix, row, pp, scratch, null)) {
        eligible++;
        continue;
      }
      const found: Reason<FailureCode>[] = [];
      passesHardConstraints(ix, row, pp, scratch, found);
      for (const f of found) failures[f.code] = (failures[f.code] ?? 0) + 1;
    }
  return {
    inReach: rows.length,
    eligible,
    failures,
    offered: new Set(bitIndices(offeredMask).map((b) => adaptationCodes[b]!)),
    rows,
  };
}
