/**
 * Social enterprises' work-training capacity listings ranked for one participant (issue #14), with
 * the same reasons as slots (src/matching/capacity.ts decides). Listings are few (a region has tens
 * of enterprises), so the open ones with a free place are read whole, up to MAX_LISTINGS, with their
 * site's place (or the municipality's centre); the engine keeps those within the participant's reach.
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import { capacityListings, organizations, sites } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { type CapacityForMatching, rankCapacity } from '../../matching/capacity';
import { listingPlace } from '../../search/capacity-document';
import type { MatchingContext } from './context';
import { loadParticipant } from './matches';
import { rendered } from './present';
import { participantForMatching } from './rows';
import type { MatchLimit } from './schemas';

/** Listings read per request at most (D1 bills rows read; a registry holds a few hundred). */
export const MAX_LISTINGS = 2000;

export function capacityMatchesForParticipant(m: MatchingContext) {
  return async function capacityMatchesFor(actor: Actor, participantId: string, q: MatchLimit) {
    const participant = participantForMatching(await loadParticipant(m, actor, participantId));
    const rows = await m.db
      .select({
        listing: capacityListings,
        organizationName: organizations.name,
        lat: sites.lat,
        lon: sites.lon,
      })
      .from(capacityListings)
      .innerJoin(organizations, eq(organizations.id, capacityListings.organizationId))
      .leftJoin(sites, eq(sites.id, capacityListings.siteId))
      .where(
        and(eq(capacityListings.status, 'open'), lt(capacityListings.placesTaken, capacityListings.places)),
      )
      .orderBy(asc(capacityListings.id))
      .limit(MAX_LISTINGS);
    const byId = new Map(rows.map((r) => [r.listing.id, r]));
    const listings: CapacityForMatching[] = rows.map(({ listing, lat, lon }) => ({
      ...listing,
      ...listingPlace(listing, lat === null || lon === null ? null : { lat, lon }),
    }));
    const ranked = rankCapacity(participant, listings, q.limit);
    return {
      data: ranked.map((x) => {
        const { listing, organizationName } = byId.get(x.listingId)!;
        return {
          listingId: x.listingId,
          participantId: x.participantId,
          score: x.score,
          distanceKm: x.distanceKm,
          reasons: x.reasons.map(rendered),
          gaps: x.gaps.map(rendered),
          listing: {
            id: listing.id,
            title: listing.title,
            organizationId: listing.organizationId,
            organizationName,
            municipalityCode: listing.municipalityCode,
            activityAreas: listing.activityAreas,
            freePlaces: listing.places - listing.placesTaken,
            hoursPerWeek: { min: listing.hoursMin, max: listing.hoursMax },
          },
        };
      }),
      today: m.today(),
    };
  };
}
