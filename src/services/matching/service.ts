/**
 * Matching over the registry: ranks slots for a participant, participants for a slot, and
 * allocates scarce places optimally. Loads rows, maps them onto the pure engine (src/matching) and
 * renders reasons in Swedish and English; the engine does all the deciding.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { organizations, participants, slotSupervisors, slots, supervisors } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertCanSeeRegistry, assertParticipantAccess, assertProviderRole } from '../../auth/policy';
import { localDate } from '../../lib/local-time';
import { forbidden, notFound, unprocessable } from '../../lib/problem';
import {
  allocate,
  type Match,
  type Reason,
  rankCandidates,
  rankParticipant,
  renderReason,
  type SlotForMatching,
  type SlotIndex,
} from '../../matching';
import { municipalityByCode } from '../../reference';
import type { ServiceContext } from '../context';
import { SlotCatalog } from './catalog';
import { type CatalogSlot, participantForMatching, slotForMatching } from './rows';

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

export function matchingService(ctx: ServiceContext) {
  const { db } = ctx;
  const catalog = new SlotCatalog(db);
  const today = () => localDate(ctx.now());

  /**
   * What a handler needs to read a result: title, employer, place, free places. All but the
   * employer's name come from the catalog, which the request has just brought up to date.
   */
  async function slotSummaries(index: SlotIndex, ids: string[]) {
    const found = ids.map((id) => index.get(id) as CatalogSlot | undefined).filter((s) => s !== undefined);
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

  /** A slot outside the index (paused, closed): loaded so candidates can say why none fit. */
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
    catalog,

    async matchesFor(actor: Actor, participantId: string, q: { limit: number }) {
      const participant = participantForMatching(await loadParticipant(actor, participantId));
      const index = await catalog.current();
      const matches = rankParticipant(index, participant, { limit: q.limit, today: today() });
      const summaries = await slotSummaries(
        index,
        matches.map((m) => m.slotId),
      );
      return {
        data: matches.map((m) => ({ ...present(m), slot: summaries.get(m.slotId) ?? null })),
        today: today(),
      };
    },

    async candidatesFor(actor: Actor, slotId: string, q: { limit: number }) {
      assertProviderRole(actor, ['handler', 'admin'], 'rank participants for a slot');
      const index = await catalog.current();
      const slot = index.get(slotId) ?? (await loadSlot(slotId));
      assertCanSeeRegistry(actor, slot.organizationId, 'Slot', slotId);
      const rows = await db
        .select()
        .from(participants)
        .where(and(eq(participants.organizationId, actor.organizationId), eq(participants.status, 'active')));
      const matches = rankCandidates(slot, rows.map(participantForMatching), {
        limit: q.limit,
        today: today(),
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return {
        data: matches.map((m) => ({
          ...present(m),
          participant: {
            reference: byId.get(m.participantId)!.reference,
            handlerId: byId.get(m.participantId)!.handlerId,
          },
        })),
        slot: { id: slot.id, title: slot.title, status: slot.status, freePlaces: slot.capacity - slot.taken },
        today: today(),
      };
    },

    /**
     * Proposes the best assignment of the given participants to places (nothing is booked): optimal
     * for the total score under every slot's free places and every supervisor's free room.
     */
    async allocate(actor: Actor, input: { participantIds: string[]; slotIds?: string[] }) {
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

      const index = await catalog.current();
      const people = rows.filter((r) => active.has(r.id)).map(participantForMatching);
      let slotIds: string[];
      if (input.slotIds) {
        const closed = input.slotIds.flatMap((id, i) =>
          index.has(id) ? [] : [{ path: `slotIds.${i}`, message: 'is not an open slot' }],
        );
        if (closed.length) throw unprocessable('Every slot must be open.', closed);
        slotIds = [...new Set(input.slotIds)];
      } else {
        // Every slot eligible for at least one of the participants, as the engine ranks them.
        const reachable = new Set<string>();
        for (const p of people)
          for (const m of rankParticipant(index, p, {
            limit: ALLOCATION_SLOTS_PER_PARTICIPANT,
            today: today(),
          }))
            reachable.add(m.slotId);
        slotIds = [...reachable].sort();
      }
      const result = allocate(
        people,
        slotIds.map((id) => index.get(id)!),
        { today: today() },
      );
      const summaries = await slotSummaries(
        index,
        result.assignments.map((a) => a.slotId),
      );
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
