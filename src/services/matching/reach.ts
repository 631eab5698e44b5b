/**
 * Which participants a slot can be proposed to, narrowed in SQL before the engine decides: those
 * whose own travel radius may reach the slot (a box per participant; the engine checks the exact
 * distance) and who can do the slot's minimum hours now. Used to rank participants for one slot and
 * by the daily digest, so neither reads participants the slot can never reach.
 */
import { and, between, gte, type SQL, sql } from 'drizzle-orm';
import { participants } from '../../../db/schema';
import { boundingBox } from '../../lib/geo';

/** The largest travel radius a participant may have (the API's maxTravelKm limit). */
export const MAX_TRAVEL_KM = 300;
const KM_PER_DEGREE = 111.195;

export function mayBeProposed(slot: { lat: number; lon: number; hoursMin: number }): SQL {
  const box = boundingBox(slot.lat, slot.lon, MAX_TRAVEL_KM);
  // Degrees of longitude are shortest at the box edge nearest the pole: using that length keeps the
  // per-participant test generous, so it never drops someone the engine would accept.
  const lonShrink = Math.cos(
    (Math.min(89.9, Math.abs(slot.lat) + MAX_TRAVEL_KM / KM_PER_DEGREE) * Math.PI) / 180,
  );
  return and(
    between(participants.lat, box.minLat, box.maxLat),
    between(participants.lon, box.minLon, box.maxLon),
    sql`abs(${participants.lat} - ${slot.lat}) * ${KM_PER_DEGREE} <= ${participants.maxTravelKm}`,
    sql`abs(${participants.lon} - ${slot.lon}) * ${KM_PER_DEGREE * lonShrink} <= ${participants.maxTravelKm}`,
    gte(participants.hoursNow, slot.hoursMin),
  )!;
}
