/**
 * The slots' current availability, read from the database: what decides, at query time, that a
 * closed, paused, full or deleted slot leaves the results even before the index has caught up.
 */
import { inArray } from 'drizzle-orm';
import { capacityListings, slots } from '../../db/schema';
import type { Db } from '../adapters/db/types';
import type { SlotStatus } from '../domain/vocabulary';
import { listingOf } from './capacity-document';
import type { SlotSearchQuery } from './port';

export interface Availability {
  status: SlotStatus;
  capacity: number;
  taken: number;
  supervisorsWithRoom: number;
}

export async function liveAvailability(db: Db, all: readonly string[]): Promise<Map<string, Availability>> {
  const out = new Map<string, Availability>();
  const ids = all.filter((id) => listingOf(id) === 'slot');
  const listingIds = all.filter((id) => listingOf(id) === 'capacity');
  // A capacity listing's supervision ratio is part of its places: a free place has a supervisor.
  for (let i = 0; i < listingIds.length; i += 90) {
    const rows = await db
      .select({
        id: capacityListings.id,
        status: capacityListings.status,
        capacity: capacityListings.places,
        taken: capacityListings.placesTaken,
      })
      .from(capacityListings)
      .where(inArray(capacityListings.id, listingIds.slice(i, i + 90)));
    for (const r of rows) out.set(r.id, { ...r, supervisorsWithRoom: 1 });
  }
  // Chunks keep IN lists under D1's 100 bound parameters.
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db
      .select({
        id: slots.id,
        status: slots.status,
        capacity: slots.capacity,
        taken: slots.taken,
        supervisorsWithRoom: slots.supervisorsWithRoom,
      })
      .from(slots)
      .where(inArray(slots.id, ids.slice(i, i + 90)));
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** Does the slot, as it is now, still belong in the results of this search? */
export function stillAvailable(
  a: Availability | undefined,
  q: Pick<SlotSearchQuery, 'statuses' | 'includeFull'>,
) {
  if (!a) return false;
  if (!(q.statuses as readonly string[]).includes(a.status)) return false;
  return q.includeFull || (a.taken < a.capacity && a.supervisorsWithRoom > 0);
}
