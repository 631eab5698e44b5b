/**
 * A social enterprise's work-training capacity listing → a search document, found by the same words,
 * filters and distance as slots (issue #14). A pure function with an explicit list of fields, like
 * document.ts: the listing's title, description and activity areas, where it is, its hours and free
 * places. Never anything about participants (who is placed there lives in other tables), and not the
 * referral sources or programmes (not search fields).
 *
 * What a listing does not state is left so that a filter asking for it does not list it: no
 * weekdays, no adaptations, no SSYK group, no social or physical demand (null; both engines match a
 * level filter only on a level). It is open-ended from the day it was listed, of kind work training.
 */
import type { capacityListings } from '../../db/schema';
import { idPrefixes } from '../lib/ids';
import { municipalityByCode } from '../reference';
import { dayNumber, searchKeys } from './document';
import type { SlotSearchDocument } from './port';

type CapacityRow = typeof capacityListings.$inferSelect;

/** What a hit is: a slot, or a social enterprise's capacity listing. */
export type Listing = 'slot' | 'capacity';
export const listings = ['slot', 'capacity'] as const satisfies readonly Listing[];

/** Ids tell the two apart (`cap_…`, `slt_…`): one index, one outbox topic, one id column. */
export const listingOf = (id: string): Listing =>
  id.startsWith(`${idPrefixes.capacity}_`) ? 'capacity' : 'slot';

/** Where a listing is: its site when it names one, else its municipality's centre. */
export function listingPlace(
  listing: Pick<CapacityRow, 'municipalityCode'>,
  site: { lat: number; lon: number } | null,
): { lat: number; lon: number } {
  if (site) return site;
  const m = municipalityByCode.get(listing.municipalityCode);
  return { lat: m?.lat ?? 0, lon: m?.lon ?? 0 };
}

/** Closed listings are not searchable, as closed slots are not. */
export const isCapacityIndexable = (listing: Pick<CapacityRow, 'status'>) => listing.status !== 'closed';

export function toCapacityDocument(
  listing: CapacityRow,
  organizationName: string,
  place: { lat: number; lon: number },
): SlotSearchDocument {
  const text = {
    title: listing.title,
    description: listing.description,
    tasks: [...listing.activityAreas],
    occupationLabel: '',
    ssyk: null,
  };
  const startDate = listing.createdAt.slice(0, 10);
  const freePlaces = Math.max(0, listing.places - listing.placesTaken);
  return {
    id: listing.id,
    organizationId: listing.organizationId,
    organizationName,
    ...text,
    keys: searchKeys(text),
    kind: 'work_training',
    status: listing.status,
    municipalityCode: listing.municipalityCode,
    municipalityName: municipalityByCode.get(listing.municipalityCode)?.name ?? null,
    lat: place.lat,
    lon: place.lon,
    days: [],
    daysMask: 0,
    adaptations: [],
    adaptationMask: 0,
    hoursMin: listing.hoursMin,
    hoursMax: listing.hoursMax,
    openEnded: true,
    startDate,
    endDate: null,
    startDay: dayNumber(startDate),
    endDay: null,
    durationDays: null,
    leadsToHire: false,
    socialIntensity: null,
    physicalDemand: null,
    capacity: listing.places,
    freePlaces,
    // The supervision ratio is part of the places: a free place has a supervisor.
    canTakeSomeone: freePlaces > 0,
    createdAt: listing.createdAt,
  };
}
