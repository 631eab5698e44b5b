/**
 * Matching over the registry, one file per verb: ranks slots for a participant (matches.ts),
 * participants for a slot (candidates-for.ts), and allocates scarce places optimally (allocate.ts).
 * Each loads rows, maps them onto the pure engine (src/matching) and renders reasons in Swedish and
 * English (present.ts); the engine does all the deciding. Where the slots come from (a resident
 * index or a query per request) is the entry point's choice: see sources.ts.
 */
import { localDate } from '../../lib/local-time';
import type { ServiceContext } from '../context';
import { allocatePlaces } from './allocate';
import { candidatesForSlot } from './candidates-for';
import { capacityMatchesForParticipant } from './capacity-matches';
import type { MatchingContext } from './context';
import { matchesForParticipant, matchesTextForParticipant } from './matches';
import { matchingQueries } from './queries';
import { queriedSlots, residentSlots } from './sources';

/** Where matching reads slots: an index kept in memory, or a query per request (see sources.ts). */
export type MatchingSlots = 'resident' | 'queried';

export function matchingService(ctx: ServiceContext, slotsFrom: MatchingSlots = 'queried') {
  const resident = slotsFrom === 'resident' ? residentSlots(ctx.db) : null;
  const m: MatchingContext = {
    db: ctx.db,
    queries: matchingQueries(ctx.db),
    source: resident ?? queriedSlots(ctx.db),
    knownName: resident ? (id) => resident.catalog.organizationName(id) : undefined,
    catalog: resident?.catalog,
    today: () => localDate(ctx.now()),
  };
  return {
    /** The resident index, when this service keeps one (Node warms it at start). */
    catalog: resident?.catalog ?? null,
    matchesFor: matchesForParticipant(m),
    matchesText: matchesTextForParticipant(m),
    capacityMatchesFor: capacityMatchesForParticipant(m),
    candidatesFor: candidatesForSlot(m),
    allocate: allocatePlaces(m),
  };
}
