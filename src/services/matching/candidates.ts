/**
 * Matching without a resident index: per request, SQL selects the slots that can pass a
 * participant's hard constraints, and the pure engine ranks only those. A request's cost follows
 * the participant (how many slots lie within their reach), not the size of the registry, and no
 * statement ever returns the registry (D1 refuses any string or row over 2 MB, and a Worker isolate
 * has 128 MB).
 *
 * Two steps, both bounded:
 * 1. Candidates: the row ids of the open slots with a free place and a supervisor with room, inside
 *    the travel radius's box,
 *    offering every must-have adaptation, supervised on a day the participant is available, with a
 *    minimum the participant can do now and of a wanted kind. One statement reads only the index
 *    `slots_match_idx`: for each 0.05° latitude band the box touches, a seek to the band and a
 *    longitude range in it; every other test runs on the index entry itself, so no table row is read
 *    and thrown away.
 * 2. Pages: those slots' columns that ranking reads, their supervisors included, PAGE at a time. The engine ranks each page and the rankings
 *    are merged (`mergeRankings`), which gives exactly the order one ranking over all of them gives.
 *
 * The constraints SQL cannot test cheaply (the exact great-circle distance, overlapping minutes,
 * avoided words) stay with the engine, which checks every constraint again anyway.
 */
import { sql } from 'drizzle-orm';
import { LAT_BANDS_PER_DEGREE, slots } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { adaptationMask, slotKinds } from '../../domain/vocabulary';
import { boundingBox } from '../../lib/geo';
import { MINUTES_PER_DAY } from '../../lib/schedule';
import type { ParticipantForMatching } from '../../matching';
import { type CatalogSlot, type CompactSlot, fromCompact, slotJsonFields } from './rows';

/** Slots per page of step 2: a few hundred kilobytes of rows, ranked and then let go. */
export const PAGE = 2000;
/** Plan rows (participant × band) per candidate statement, so its one JSON parameter stays small. */
const PLAN_ROWS_PER_STATEMENT = 2000;
/** Every kind wanted: no preference. */
const ALL_KINDS = (1 << slotKinds.length) - 1;

const band = (lat: number) => Math.trunc((lat + 90) * LAT_BANDS_PER_DEGREE);

/** Weekdays (bit 0 = Monday) an availability list touches. */
function availableDays(participant: ParticipantForMatching): number {
  let mask = 0;
  for (const [from, to] of participant.availability)
    for (let d = Math.floor(from / MINUTES_PER_DAY); d <= Math.floor((to - 1) / MINUTES_PER_DAY); d++)
      mask |= 1 << (d % 7);
  return mask;
}

/**
 * The participant's hard constraints as rows the candidate statement joins on, one per latitude
 * band of the travel radius's box: [band, minLon, maxLon, minLat, maxLat, must mask, days mask (0:
 * any), hours now, kinds mask]. The box is the engine's own (`boundingBox`), so SQL keeps every slot
 * the engine would look at.
 */
export function candidatePlan(participant: ParticipantForMatching): number[][] {
  const box = boundingBox(participant.lat, participant.lon, participant.maxTravelKm);
  const must = adaptationMask(
    participant.adaptationNeeds.filter((n) => n.priority === 'must').map((n) => n.code),
  );
  // With hours to fill now, the supervised windows must overlap the availability: on a shared day.
  const days = participant.hoursNow > 0 ? availableDays(participant) : 0;
  if (participant.hoursNow > 0 && days === 0) return [];
  const wanted = participant.preferences.kinds;
  const kinds = wanted?.length ? wanted.reduce((m, k) => m | (1 << slotKinds.indexOf(k)), 0) : ALL_KINDS;
  const rows: number[][] = [];
  const first = band(Math.max(-90, box.minLat));
  const last = band(Math.min(90, box.maxLat));
  for (let b = first; b <= last; b++)
    rows.push([b, box.minLon, box.maxLon, box.minLat, box.maxLat, must, days, participant.hoursNow, kinds]);
  return rows;
}

const kindBitOf = sql.raw(
  `CASE s.kind ${slotKinds.map((k, i) => `WHEN '${k}' THEN ${1 << i}`).join(' ')} END`,
);

/** Step 1: row ids of the slots that can pass any of the plans' constraints (no table rows read). */
function candidateStatement(plan: readonly number[][]) {
  return sql`
    WITH plan AS MATERIALIZED (
      SELECT json_extract(value, '$[0]') AS band, json_extract(value, '$[1]') AS min_lon,
        json_extract(value, '$[2]') AS max_lon, json_extract(value, '$[3]') AS min_lat,
        json_extract(value, '$[4]') AS max_lat, json_extract(value, '$[5]') AS must,
        json_extract(value, '$[6]') AS days, json_extract(value, '$[7]') AS hours_now,
        json_extract(value, '$[8]') AS kinds
      FROM json_each(${JSON.stringify(plan)})
    )
    SELECT DISTINCT s.rowid AS r
    FROM plan p CROSS JOIN ${slots} s INDEXED BY slots_match_idx
      ON s.status = 'open' AND s.lat_band = p.band AND s.lon BETWEEN p.min_lon AND p.max_lon
    WHERE s.lat BETWEEN p.min_lat AND p.max_lat
      AND s.taken < s.capacity
      AND s.supervisors_with_room > 0
      AND (s.adaptation_mask & p.must) = p.must
      AND (p.days = 0 OR (s.days_mask & p.days) <> 0)
      AND s.hours_min <= p.hours_now
      AND (${kindBitOf} & p.kinds) <> 0`;
}

/** Row ids of every slot that may be eligible for at least one of the participants. */
export async function candidateRowids(db: Db, participants: readonly ParticipantForMatching[]) {
  const plan = participants.flatMap(candidatePlan);
  const found = new Set<number>();
  for (let i = 0; i < plan.length; i += PLAN_ROWS_PER_STATEMENT) {
    const rows = await db.all<{ r: number }>(candidateStatement(plan.slice(i, i + PLAN_ROWS_PER_STATEMENT)));
    for (const { r } of rows) found.add(Number(r));
  }
  return [...found];
}

const toSlot = (row: { slot: string }) => fromCompact(JSON.parse(row.slot) as CompactSlot);

/**
 * Step 2: the slots with these row ids, as the engine reads them (no descriptions), their
 * supervisors included (the slot row holds them: see db/migrations/0006_supervisor_rooms.sql).
 */
export async function slotsByRowid(db: Db, rowids: readonly number[]): Promise<CatalogSlot[]> {
  const rows = await db.all<{ slot: string }>(sql`
    SELECT json_object(${slotJsonFields}) AS slot
    FROM json_each(${JSON.stringify(rowids)}) j CROSS JOIN ${slots} ON ${slots}.rowid = j.value`);
  return rows.map(toSlot);
}

/** Slots by id, whatever their state (for given slot lists). */
export async function slotsById(db: Db, ids: readonly string[]): Promise<CatalogSlot[]> {
  const rows = await db.all<{ slot: string }>(sql`
    SELECT json_object(${slotJsonFields}) AS slot
    FROM json_each(${JSON.stringify(ids)}) j CROSS JOIN ${slots} ON ${slots.id} = j.value`);
  return rows.map(toSlot);
}
