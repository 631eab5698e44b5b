import { and, eq, inArray, sql } from 'drizzle-orm';
import { slotSupervisors, slots, supervisors } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertCanManageRegistry, registryOwnerFor } from '../../auth/policy';
import type { SlotStatus } from '../../domain/vocabulary';
import { errorText } from '../../lib/faults';
import { newId } from '../../lib/ids';
import { conflict, notFound, unprocessable } from '../../lib/problem';
import { notifyStatement } from '../../outbox/notify';
import type { ServiceContext } from '../context';
import { mapConstraints } from '../db-errors';
import { rowUpdateReturning, storedRow } from '../raw-writes';
import { slotChangedStatements } from '../search/sync-statements';
import type { SiteService } from '../sites';
import { resolveLocation } from './location';
import { type SlotReads, supervisorIdsFrom, supervisorIdsOfSlot } from './read';
import { applyFields, assertConsistent } from './rows';
import type { SlotCreate, SlotUpdate } from './schemas';
import { type SlotRow, type SlotView, slotViewColumns, toSlot } from './view';

const placesConflict = {
  slots_places: 'capacity cannot go below the places taken by accepted and started placements.',
};

const sameValue = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/**
 * Only the columns whose values change (and `updatedAt`, which always does): SQLite rewrites the
 * entries of every index on a column an UPDATE sets, changed or not, and the slot's indexes are
 * wide (matching's seek covers eleven columns). Setting all of them made each slot write touch every
 * index; the row after the update is the same.
 */
function changedColumns<T extends Partial<SlotRow>>(existing: SlotRow, changes: T): Partial<T> {
  const existingValues: Record<string, unknown> = existing;
  return Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => !sameValue(value, existingValues[key])),
  ) as Partial<T>;
}

/**
 * Fixed SQL (raw-writes.ts): drizzle's update builder walked all 35 columns on every slot write. It
 * returns the columns the answer shows (view.ts) and the slot's supervisors as they are when it runs
 * (in the transaction that writes the slot), so a write's answer needs no read after it.
 */
const shownKeys = Object.keys(slotViewColumns) as (keyof SlotView & string)[];
const updateSlot = rowUpdateReturning(slots, shownKeys, { supervisor_ids: supervisorIdsOfSlot() });
const shownRow = storedRow(slots, shownKeys);

/** Creating, changing and removing slots; every write also queues the search sync and the change log. */
export function slotWrites(ctx: ServiceContext, reads: SlotReads, sites: SiteService) {
  const { db } = ctx;
  const { load } = reads;

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

  function supervisorLinks(slotId: string, ids: string[]) {
    return [
      db.delete(slotSupervisors).where(eq(slotSupervisors.slotId, slotId)),
      ...(ids.length
        ? [db.insert(slotSupervisors).values(ids.map((supervisorId) => ({ slotId, supervisorId })))]
        : []),
    ] as const;
  }

  async function update(actor: Actor, id: string, patch: SlotUpdate) {
    const existing = await load(actor, id);
    assertCanManageRegistry(actor, existing.organizationId, 'Slot', id);
    if (patch.status === 'paused' && existing.status === 'closed')
      throw conflict('A closed slot cannot be paused; reopen it (status open) first.', 'illegal-transition');
    if (patch.supervisorIds)
      await assertSupervisorsOf(existing.organizationId, [...new Set(patch.supervisorIds)]);
    const location =
      patch.location || patch.siteId !== undefined
        ? await resolveLocation(sites, actor, existing.organizationId, patch, existing)
        : {};
    const updated = { ...applyFields(existing, patch), ...location, updatedAt: ctx.now() } as SlotRow;
    assertConsistent(updated);
    const supervisorIds = patch.supervisorIds ? [...new Set(patch.supervisorIds)].sort() : undefined;
    // Never written: the key, the owner, places (placements move them), creation, and what the
    // database derives (the latitude band, the supervisors' room: DerivedSlotColumns).
    const {
      id: _id,
      organizationId: _org,
      taken: _taken,
      createdAt: _created,
      latBand: _band,
      supervisorRooms: _rooms,
      supervisorsWithRoom: _withRoom,
      ...changes
    } = updated;
    const [written] = await mapConstraints(
      () =>
        db.batch([
          // updatedAt always: two writes in the same millisecond change nothing else, and an
          // UPDATE needs one column to set.
          updateSlot(
            db,
            { ...changedColumns(existing, changes), updatedAt: updated.updatedAt },
            sql`"id" = ${id}`,
          ),
          ...(supervisorIds ? supervisorLinks(id, supervisorIds) : []),
          ...slotChangedStatements(ctx, id),
          ...(existing.status !== 'open' && updated.status === 'open'
            ? [notifyStatement(db, { event: 'slot.opened', slotId: id }, updated.updatedAt)]
            : []),
        ]),
      { check: placesConflict },
    );
    // The slot as the update left it, and its supervisors as the batch linked them (or as the
    // update found them).
    const row = written[0];
    if (!row) throw notFound('Slot', id); // removed meanwhile
    return toSlot(shownRow(row), supervisorIds ?? supervisorIdsFrom(row.supervisor_ids));
  }

  return {
    async create(actor: Actor, input: SlotCreate) {
      const organizationId = registryOwnerFor(actor, input.organizationId, ['employer', 'social_enterprise']);
      const supervisorIds = [...new Set(input.supervisorIds)];
      await assertSupervisorsOf(organizationId, supervisorIds);
      const location = await resolveLocation(sites, actor, organizationId, input);
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

    update,

    async setStatus(actor: Actor, id: string, status: SlotStatus) {
      return update(actor, id, { status });
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
