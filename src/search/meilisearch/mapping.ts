/**
 * Search documents to Meilisearch documents and Meilisearch hits back to API hits: pure functions.
 * The document carries `_geo` for radius filters and distance sort, the weekday and adaptation
 * lists for "every one of these" filters, and numbers for dates (filters compare numbers).
 */
import { distanceKm } from '../../lib/geo';
import { type Listing, listingOf } from '../capacity-document';
import type { SlotSearchDocument, SlotSearchHit } from '../port';
import { escapeHtml, markedToHtml } from '../text';

/**
 * The search document as Meilisearch stores it: `_geo` instead of lat/lon, list filters instead of
 * bit masks, and the creation time as a number to sort on.
 */
export type MeiliSlotDocument = Omit<SlotSearchDocument, 'lat' | 'lon' | 'daysMask' | 'adaptationMask'> & {
  _geo: { lat: number; lng: number };
  createdAtMs: number;
  /** The SSYK major group (first digit), to filter and count by. */
  ssykMajor: string | null;
  /** A slot or a capacity listing, to filter by. */
  listing: Listing;
};

export function toMeiliDocument(d: SlotSearchDocument): MeiliSlotDocument {
  return {
    id: d.id,
    organizationId: d.organizationId,
    organizationName: d.organizationName,
    title: d.title,
    description: d.description,
    tasks: d.tasks,
    occupationLabel: d.occupationLabel,
    ssyk: d.ssyk,
    ssykMajor: d.ssyk ? d.ssyk.slice(0, 1) : null,
    listing: listingOf(d.id),
    keys: d.keys,
    kind: d.kind,
    status: d.status,
    municipalityCode: d.municipalityCode,
    municipalityName: d.municipalityName,
    _geo: { lat: d.lat, lng: d.lon },
    days: d.days,
    adaptations: d.adaptations,
    hoursMin: d.hoursMin,
    hoursMax: d.hoursMax,
    openEnded: d.openEnded,
    startDate: d.startDate,
    endDate: d.endDate,
    startDay: d.startDay,
    endDay: d.endDay,
    durationDays: d.durationDays,
    leadsToHire: d.leadsToHire,
    socialIntensity: d.socialIntensity,
    physicalDemand: d.physicalDemand,
    capacity: d.capacity,
    freePlaces: d.freePlaces,
    canTakeSomeone: d.canTakeSomeone,
    createdAt: d.createdAt,
    createdAtMs: Date.parse(d.createdAt),
  };
}

export type MeiliHit = MeiliSlotDocument & { _formatted?: Partial<Record<keyof MeiliSlotDocument, unknown>> };

const formatted = (hit: MeiliHit, field: 'title' | 'description') => {
  const value = hit._formatted?.[field];
  return typeof value === 'string' ? markedToHtml(value) : escapeHtml(hit[field]);
};

/** A Meilisearch hit as the API's hit; `near` gives the distance (haversine, as the embedded one). */
export function fromMeiliHit(hit: MeiliHit, near?: { lat: number; lon: number }): SlotSearchHit {
  return {
    id: hit.id,
    listing: listingOf(hit.id),
    title: hit.title,
    organization: { id: hit.organizationId, name: hit.organizationName },
    municipality: { code: hit.municipalityCode, name: hit.municipalityName },
    kind: hit.kind,
    status: hit.status,
    hoursPerWeek: { min: hit.hoursMin, max: hit.hoursMax },
    capacity: hit.capacity,
    freePlaces: hit.freePlaces,
    startDate: hit.startDate,
    endDate: hit.endDate,
    openEnded: hit.openEnded,
    leadsToHire: hit.leadsToHire,
    adaptations: hit.adaptations,
    distanceKm: near
      ? Math.round(distanceKm(near.lat, near.lon, hit._geo.lat, hit._geo.lng) * 10) / 10
      : null,
    highlight: { title: formatted(hit, 'title'), snippet: formatted(hit, 'description') },
  };
}
