import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { type OfferedAdaptation, slotSupervisors, slots, supervisors } from '../../db/schema';
import type { Actor } from '../auth/actor';
import {
  assertCanManageRegistry,
  assertCanSeeRegistry,
  registryOwnerFor,
  registryScope,
} from '../auth/policy';
import { adaptationMask, type Level, type SlotKind, type SlotStatus } from '../domain/vocabulary';
import { errorText } from '../lib/faults';
import { newId } from '../lib/ids';
import { listPage } from '../lib/pagination';
import { conflict, type FieldError, notFound, unprocessable } from '../lib/problem';
import { daysMask, normaliseWindows, toIntervals, totalMinutes, type Window } from '../lib/schedule';
import { notifyStatement } from '../outbox/notify';
import { municipalityByCode } from '../reference';
import type { ServiceContext } from './context';
import { mapConstraints } from './db-errors';
import { slotChangedStatements } from './search/sync-statements';
import { locate, type siteService } from './sites';

export type SlotRow = typeof slots.$inferSelect;

export interface SlotInput {
  organizationId?: string;
  siteId?: string | null;
  title: string;
  description: string;
  tasks: string[];
  occupation: { ssyk?: string | null; label: string };
  kind: SlotKind;
  location?: { municipalityCode: string; address?: string | null; lat?: number; lon?: number };
  capacity: number;
  schedule: Window[];
  hoursPerWeek: { min: number; max: number };
  startDate: string;
  endDate?: string | null;
  openEnded: boolean;
  supervisorIds: string[];
  adaptations: OfferedAdaptation[];
  environment: { socialIntensity: Level; physicalDemand: Level };
  subsidies: string[];
  leadsToHire: boolean;
  status?: SlotStatus;
}
export type SlotPatch = Partial<Omit<SlotInput, 'organizationId'>>;

export function toSlot(s: SlotRow, supervisorIds: string[]) {
  return {
    id: s.id,
    organizationId: s.organizationId,
    siteId: s.siteId,
    title: s.title,
    description: s.description,
    tasks: s.tasks,
    occupation: { ssyk: s.ssyk, label: s.occupationLabel },
    kind: s.kind,
    location: {
      municipalityCode: s.municipalityCode,
      municipalityName: municipalityByCode.get(s.municipalityCode)?.name ?? null,
      address: s.address,
      lat: s.lat,
      lon: s.lon,
    },
    capacity: s.capacity,
    freePlaces: s.capacity - s.taken,
    schedule: s.schedule,
    hoursPerWeek: { min: s.hoursMin, max: s.hoursMax },
    startDate: s.startDate,
    endDate: s.endDate,
    openEnded: s.openEnded,
    supervisorIds,
    adaptations: s.adaptations,
    environment: { socialIntensity: s.socialIntensity, physicalDemand: s.physicalDemand },
    subsidies: s.subsidies,
    leadsToHire: s.leadsToHire,
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
export type Slot = ReturnType<typeof toSlot>;

/** Rules that tie several fields together; checked on the merged result of a create or an update. */
function consistencyErrors(s: SlotRow): FieldError[] {
  const errors: FieldError[] = [];
  if (s.hoursMin > s.hoursMax)
    errors.push({ path: 'hoursPerWeek.min', message: 'must not exceed hoursPerWeek.max' });
  const supervisedHours = totalMinutes(toIntervals(s.schedule)) / 60;
  if (supervisedHours < s.hoursMin)
    errors.push({
      path: 'schedule',
      message: `supervised windows cover ${supervisedHours} h/week, less than hoursPerWeek.min (${s.hoursMin})`,
    });
  if (s.openEnded && s.endDate)
    errors.push({ path: 'endDate', message: 'must be empty when openEnded is true' });
  if (!s.openEnded && !s.endDate)
    errors.push({ path: 'endDate', message: 'is required unless openEnded is true' });
  if (s.endDate && s.endDate < s.startDate)
    errors.push({ path: 'endDate', message: 'must not be before startDate' });
  if (new Set(s.adaptations.map((a) => a.code)).size !== s.adaptations.length)
    errors.push({ path: 'adaptations', message: 'lists an adaptation code twice' });
  return errors;
}

const placesConflict = {
  slots_places: 'capacity cannot go below the places taken by accepted and started placements.',
};

export function slotService(ctx: ServiceContext, sites: ReturnType<typeof siteService>) {
  const { db } = ctx;

  async function supervisorIdsOf(slotIds: string[]) {
    const map = new Map<string, string[]>(slotIds.map((id) => [id, []]));
    if (slotIds.length === 0) return map;
    const rows = await db
      .select()
      .from(slotSupervisors)
      .where(inArray(slotSupervisors.slotId, slotIds))
      .orderBy(asc(slotSupervisors.supervisorId));
    for (const r of rows) map.get(r.slotId)?.push(r.supervisorId);
    return map;
  }

  async function load(actor: Actor, id: string) {
    const [row] = await db.select().from(slots).where(eq(slots.id, id));
    if (!row) throw notFound('Slot', id);
    assertCanSeeRegistry(actor, row.organizationId, 'Slot', id);
    return row;
  }

  async function assertSupervisorsOf(organizationId: string, ids: string[]) {
    const found = await db
      .select({ id: supervisors.id })
      .from(supervisors)
      .where(and(eq(supervisors.organizationId, organizationId), inArray(supervisors.id, ids)));
    const known = new Set(found.map((s) => s.id));
    const errors = ids.flatMap((id, i) =>
      known.has(id)
        ? []
        : [{ path: `supervisorIds.${i}`, message: 'is not a supervisor of this organization' }],
    );
    if (errors.length)
      throw unprocessable('Every supervisor must belong to the slot’s organization.', errors);
  }

  /** Location from the input, else from the site, else the municipality's seat. */
  async function resolveLocation(actor: Actor, organizationId: string, input: SlotPatch, current?: SlotRow) {
    let siteId = current?.siteId ?? null;
    let site: Awaited<ReturnType<typeof sites.load>> | undefined;
    if (input.siteId !== undefined) {
      siteId = input.siteId;
      if (siteId) {
        site = await sites.load(actor, siteId).catch(() => undefined);
        if (site?.organizationId !== organizationId)
          throw unprocessable('The site is not one of this organization’s sites.', [
            { path: 'siteId', message: 'is not a site of this organization' },
          ]);
      }
    }
    if (input.location) {
      const l = input.location;
      return {
        siteId,
        municipalityCode: l.municipalityCode,
        address: l.address ?? null,
        ...locate(l.municipalityCode, l.lat, l.lon),
      };
    }
    if (site)
      return {
        siteId,
        municipalityCode: site.municipalityCode,
        address: site.address,
        lat: site.lat,
        lon: site.lon,
      };
    if (current)
      return {
        siteId,
        municipalityCode: current.municipalityCode,
        address: current.address,
        lat: current.lat,
        lon: current.lon,
      };
    throw unprocessable('A slot needs a location or a site.', [
      { path: 'location', message: 'is required unless siteId is given' },
    ]);
  }

  /** Applies the API fields of an input onto a row (create: onto nothing). */
  function applyFields(base: Partial<SlotRow>, input: SlotPatch): Partial<SlotRow> {
    const row: Partial<SlotRow> = { ...base };
    if (input.title !== undefined) row.title = input.title;
    if (input.description !== undefined) row.description = input.description;
    if (input.tasks !== undefined) row.tasks = input.tasks;
    if (input.occupation !== undefined) {
      row.ssyk = input.occupation.ssyk ?? null;
      row.occupationLabel = input.occupation.label;
    }
    if (input.kind !== undefined) row.kind = input.kind;
    if (input.capacity !== undefined) row.capacity = input.capacity;
    if (input.schedule !== undefined) {
      row.schedule = normaliseWindows(input.schedule);
      row.daysMask = daysMask(row.schedule);
    }
    if (input.hoursPerWeek !== undefined) {
      row.hoursMin = input.hoursPerWeek.min;
      row.hoursMax = input.hoursPerWeek.max;
    }
    if (input.startDate !== undefined) row.startDate = input.startDate;
    if (input.openEnded !== undefined) {
      row.openEnded = input.openEnded;
      if (input.openEnded && input.endDate === undefined) row.endDate = null;
    }
    if (input.endDate !== undefined) row.endDate = input.endDate;
    if (input.adaptations !== undefined) {
      row.adaptations = input.adaptations;
      row.adaptationMask = adaptationMask(input.adaptations.map((a) => a.code));
    }
    if (input.environment !== undefined) {
      row.socialIntensity = input.environment.socialIntensity;
      row.physicalDemand = input.environment.physicalDemand;
    }
    if (input.subsidies !== undefined) row.subsidies = [...new Set(input.subsidies)];
    if (input.leadsToHire !== undefined) row.leadsToHire = input.leadsToHire;
    if (input.status !== undefined) row.status = input.status;
    return row;
  }

  function assertConsistent(row: SlotRow) {
    const errors = consistencyErrors(row);
    if (errors.length) throw unprocessable('The slot’s fields do not fit together.', errors);
  }

  function supervisorLinks(slotId: string, ids: string[]) {
    return [
      db.delete(slotSupervisors).where(eq(slotSupervisors.slotId, slotId)),
      ...(ids.length
        ? [db.insert(slotSupervisors).values(ids.map((supervisorId) => ({ slotId, supervisorId })))]
        : []),
    ] as const;
  }

  return {
    load,
    supervisorIdsOf,

    async create(actor: Actor, input: SlotInput) {
      const organizationId = registryOwnerFor(actor, input.organizationId, ['employer', 'social_enterprise']);
      const supervisorIds = [...new Set(input.supervisorIds)];
      await assertSupervisorsOf(organizationId, supervisorIds);
      const location = await resolveLocation(actor, organizationId, input);
      const now = ctx.now();
      const row = {
        ...applyFields({}, { ...input, status: input.status ?? 'open' }),
        id: newId('slot'),
        organizationId,
        ...location,
        taken: 0,
        endDate: input.openEnded ? null : (input.endDate ?? null),
        createdAt: now,
        updatedAt: now,
      } as SlotRow;
      assertConsistent(row);
      await db.batch([
        db.insert(slots).values(row),
        ...supervisorLinks(row.id, supervisorIds),
        ...slotChangedStatements(ctx, row.id),
        // A new open slot may fit someone: the handlers' digest (src/services/notifications).
        ...(row.status === 'open'
          ? [notifyStatement(db, { event: 'slot.opened', slotId: row.id }, now)]
          : []),
      ]);
      return toSlot(row, supervisorIds.sort());
    },

    async get(actor: Actor, id: string) {
      const row = await load(actor, id);
      return toSlot(row, (await supervisorIdsOf([id])).get(id)!);
    },

    async list(
      actor: Actor,
      q: {
        organizationId?: string;
        status?: SlotStatus;
        kind?: SlotKind;
        municipalityCode?: string;
        limit: number;
        cursor?: string;
      },
    ) {
      const scope = registryScope(actor, q.organizationId);
      const page = await listPage(q, (after, take) =>
        db
          .select()
          .from(slots)
          .where(
            and(
              scope ? eq(slots.organizationId, scope) : undefined,
              q.status ? eq(slots.status, q.status) : undefined,
              q.kind ? eq(slots.kind, q.kind) : undefined,
              q.municipalityCode ? eq(slots.municipalityCode, q.municipalityCode) : undefined,
              after ? gt(slots.id, after) : undefined,
            ),
          )
          .orderBy(asc(slots.id))
          .limit(take),
      );
      const links = await supervisorIdsOf(page.data.map((s) => s.id));
      return { ...page, data: page.data.map((s) => toSlot(s, links.get(s.id)!)) };
    },

    async update(actor: Actor, id: string, patch: SlotPatch) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Slot', id);
      if (patch.status === 'paused' && existing.status === 'closed')
        throw conflict(
          'A closed slot cannot be paused; reopen it (status open) first.',
          'illegal-transition',
        );
      if (patch.supervisorIds)
        await assertSupervisorsOf(existing.organizationId, [...new Set(patch.supervisorIds)]);
      const location =
        patch.location || patch.siteId !== undefined
          ? await resolveLocation(actor, existing.organizationId, patch, existing)
          : {};
      const updated = { ...applyFields(existing, patch), ...location, updatedAt: ctx.now() } as SlotRow;
      assertConsistent(updated);
      const supervisorIds = patch.supervisorIds ? [...new Set(patch.supervisorIds)].sort() : undefined;
      // Never written: the key, the owner, places (placements move them), creation, and the computed band.
      const {
        id: _id,
        organizationId: _org,
        taken: _taken,
        createdAt: _created,
        latBand: _band,
        ...changes
      } = updated;
      await mapConstraints(
        () =>
          db.batch([
            db.update(slots).set(changes).where(eq(slots.id, id)),
            ...(supervisorIds ? supervisorLinks(id, supervisorIds) : []),
            ...slotChangedStatements(ctx, id),
            ...(existing.status !== 'open' && updated.status === 'open'
              ? [notifyStatement(db, { event: 'slot.opened', slotId: id }, updated.updatedAt)]
              : []),
          ]),
        { check: placesConflict },
      );
      return this.get(actor, id);
    },

    async setStatus(actor: Actor, id: string, status: SlotStatus) {
      return this.update(actor, id, { status });
    },

    /**
     * Removes a slot that never had placements; one with history must be closed instead so that
     * follow-up keeps its numbers.
     */
    async remove(actor: Actor, id: string) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Slot', id);
      if (existing.taken > 0)
        throw conflict('The slot has active placements; close it instead.', 'has-history');
      try {
        await db.batch([db.delete(slots).where(eq(slots.id, id)), ...slotChangedStatements(ctx, id)]);
      } catch (err) {
        if (/FOREIGN KEY constraint failed/i.test(errorText(err)))
          throw conflict('The slot has placement history; close it (status closed) instead.', 'has-history');
        throw err;
      }
    },
  };
}
