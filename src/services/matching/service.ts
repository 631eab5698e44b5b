/**
 * Matching over the registry: ranks slots for a participant, participants for a slot, and
 * allocates scarce places optimally. Loads rows, maps them onto the pure engine (src/matching) and
 * renders reasons in Swedish and English; the engine does all the deciding. Where the slots come
 * from (a resident index or a query per request) is the entry point's choice: see sources.ts.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { organizations, participants, slotSupervisors, slots, supervisors } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertCanSeeRegistry, assertParticipantAccess, assertProviderRole } from '../../auth/policy';
import { localDate } from '../../lib/local-time';
import { forbidden, notFound, unprocessable } from '../../lib/problem';
import {
  allocate,
  type Match,
  mergeRankings,
  type Reason,
  rankCandidates,
  renderReason,
  type SlotForMatching,
} from '../../matching';
import { municipalityByCode } from '../../reference';
import type { ServiceContext } from '../context';
import { mayBeProposed } from './reach';
import { type CatalogSlot, participantForMatching, slotForMatching } from './rows';
import type { AllocationRequest, MatchLimit } from './schemas';
import { queriedSlots, residentSlots, type SlotSource } from './sources';

/** A reason as the API shows it: code and parameters (for programs) and the text in both languages. */
const rendered = (r: Reason) => ({
  code: r.code,
  params: r.params,
  text: { sv: renderReason(r, 'sv'), en: renderReason(r, 'en') },
});

/** Slots within reach considered per participant when allocating without a given slot list. */
const ALLOCATION_SLOTS_PER_PARTICIPANT = 200;
/** D1 binds at most 100 parameters per statement. */
const ID_CHUNK = 90;
/** Participants ranked for a slot per page, so a large caseload is never held at once. */
const PARTICIPANT_PAGE = 500;

/** Where matching reads slots: an index kept in memory, or a query per request (see sources.ts). */
export type MatchingSlots = 'resident' | 'queried';

function present(m: Match) {
  return {
    slotId: m.slotId,
    participantId: m.participantId,
    score: m.score,
    components: m.components,
    distanceKm: Math.round(m.distanceKm * 10) / 10,
    overlapHours: m.overlapHours,
    reasons: m.reasons.map(rendered),
    gaps: m.gaps.map(rendered),
  };
}

export function matchingService(ctx: ServiceContext, slotsFrom: MatchingSlots = 'queried') {
  const { db } = ctx;
  const resident = slotsFrom === 'resident' ? residentSlots(db) : null;
  const source: SlotSource = resident ?? queriedSlots(db);
  const today = () => localDate(ctx.now());

  /** What a handler needs to read a result: title, employer, place, free places. */
  async function slotSummaries(found: CatalogSlot[]) {
    const names = new Map<string, string>();
    const orgIds = [...new Set(found.map((s) => s.organizationId))];
    for (let i = 0; i < orgIds.length; i += ID_CHUNK)
      for (const o of await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, orgIds.slice(i, i + ID_CHUNK))))
        names.set(o.id, o.name);
    return new Map(found.map((s) => [s.id, summary(s, names.get(s.organizationId) ?? '')]));
  }

  async function loadParticipant(actor: Actor, id: string) {
    const [row] = await db.select().from(participants).where(eq(participants.id, id));
    if (!row || row.status === 'erased') throw notFound('Participant', id);
    assertParticipantAccess(actor, row.organizationId, 'read', id);
    if (actor.role === 'coordinator')
      throw forbidden('Matching is for handlers; coordinators follow results.');
    return row;
  }

  /** One slot in any state, so candidates can also say why none fit a paused or closed one. */
  async function loadSlot(slotId: string): Promise<SlotForMatching> {
    const [row] = await db.select().from(slots).where(eq(slots.id, slotId));
    if (!row) throw notFound('Slot', slotId);
    const sups = await db
      .select({
        id: supervisors.id,
        maxParticipants: supervisors.maxParticipants,
        activePlacements: supervisors.activePlacements,
        trained: supervisors.trained,
      })
      .from(slotSupervisors)
      .innerJoin(supervisors, eq(supervisors.id, slotSupervisors.supervisorId))
      .where(eq(slotSupervisors.slotId, slotId));
    return slotForMatching(row, sups);
  }

  return {
    /** The resident index, when this service keeps one (Node warms it at start). */
    catalog: resident?.catalog ?? null,

    async matchesFor(actor: Actor, participantId: string, q: MatchLimit) {
      const participant = participantForMatching(await loadParticipant(actor, participantId));
      const ranked = await source.rank([participant], { limit: q.limit, today: today() });
      const matches = ranked.matches.get(participant.id) ?? [];
      const summaries = await slotSummaries([...ranked.slots.values()]);
      return {
        data: matches.map((m) => ({ ...present(m), slot: summaries.get(m.slotId) ?? null })),
        today: today(),
      };
    },

    async candidatesFor(actor: Actor, slotId: string, q: MatchLimit) {
      assertProviderRole(actor, ['handler', 'admin'], 'rank participants for a slot');
      const slot = await loadSlot(slotId);
      assertCanSeeRegistry(actor, slot.organizationId, 'Slot', slotId);
      // The organization's active participants the slot may reach, a page at a time, best kept.
      let best: Match[] = [];
      const people = new Map<string, { reference: string; handlerId: string }>();
      for (let after = ''; ; ) {
        const rows = await db
          .select()
          .from(participants)
          .where(
            and(
              eq(participants.organizationId, actor.organizationId),
              eq(participants.status, 'active'),
              gt(participants.id, after),
              mayBeProposed(slot),
            ),
          )
          .orderBy(asc(participants.id))
          .limit(PARTICIPANT_PAGE);
        const ranked = rankCandidates(slot, rows.map(participantForMatching), {
          limit: q.limit,
          today: today(),
        });
        best = mergeRankings([best, ranked], q.limit, 'participantId');
        for (const r of rows) people.set(r.id, { reference: r.reference, handlerId: r.handlerId });
        const kept = new Set(best.map((m) => m.participantId));
        for (const id of people.keys()) if (!kept.has(id)) people.delete(id);
        if (rows.length < PARTICIPANT_PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
      return {
        data: best.map((m) => ({ ...present(m), participant: people.get(m.participantId)! })),
        slot: { id: slot.id, title: slot.title, status: slot.status, freePlaces: slot.capacity - slot.taken },
        today: today(),
      };
    },

    /**
     * Proposes the best assignment of the given participants to places (nothing is booked): optimal
     * for the total score under every slot's free places and every supervisor's free room.
     */
    async allocate(actor: Actor, input: AllocationRequest) {
      assertProviderRole(actor, ['handler', 'admin'], 'allocate places');
      const ids = [...new Set(input.participantIds)];
      const rows = [];
      for (let i = 0; i < ids.length; i += ID_CHUNK)
        rows.push(
          ...(await db
            .select()
            .from(participants)
            .where(
              and(
                eq(participants.organizationId, actor.organizationId),
                inArray(participants.id, ids.slice(i, i + ID_CHUNK)),
              ),
            )),
        );
      const active = new Set(rows.filter((r) => r.status === 'active').map((r) => r.id));
      const missing = input.participantIds.flatMap((id, i) =>
        active.has(id)
          ? []
          : [{ path: `participantIds.${i}`, message: 'is not an active participant of your organization' }],
      );
      if (missing.length)
        throw unprocessable('Every participant must be an active participant of your organization.', missing);

      const people = rows.filter((r) => active.has(r.id)).map(participantForMatching);
      let slotsById: Map<string, CatalogSlot>;
      let slotIds: string[];
      if (input.slotIds) {
        slotsById = await source.openSlots([...new Set(input.slotIds)]);
        const closed = input.slotIds.flatMap((id, i) =>
          slotsById.has(id) ? [] : [{ path: `slotIds.${i}`, message: 'is not an open slot' }],
        );
        if (closed.length) throw unprocessable('Every slot must be open.', closed);
        slotIds = [...new Set(input.slotIds)];
      } else {
        // Every slot among the best few hundred for at least one of the participants: the union of
        // their candidates, as the engine ranks them.
        const ranked = await source.rank(people, {
          limit: ALLOCATION_SLOTS_PER_PARTICIPANT,
          today: today(),
        });
        slotsById = ranked.slots;
        slotIds = [...slotsById.keys()].sort();
      }
      const result = allocate(
        people,
        slotIds.map((id) => slotsById.get(id)!),
        { today: today() },
      );
      const summaries = await slotSummaries(result.assignments.map((a) => slotsById.get(a.slotId)!));
      return {
        assignments: result.assignments.map((a) => ({ ...a, slot: summaries.get(a.slotId) ?? null })),
        unassigned: result.unassigned.map((u) => ({
          participantId: u.participantId,
          reason: rendered(u.reason),
        })),
        totalScore: result.totalScore,
        slotsConsidered: slotIds.length,
        today: today(),
      };
    },
  };
}

function summary(s: CatalogSlot, organizationName: string) {
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    organizationId: s.organizationId,
    organizationName,
    municipalityCode: s.municipalityCode,
    municipalityName: municipalityByCode.get(s.municipalityCode)?.name ?? null,
    freePlaces: s.capacity - s.taken,
    hoursPerWeek: { min: s.hoursMin, max: s.hoursMax },
  };
}
