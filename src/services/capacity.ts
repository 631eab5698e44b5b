import { and, asc, eq, gt } from 'drizzle-orm';
import { capacityListings } from '../../db/schema';
import type { Actor } from '../auth/actor';
import {
  assertCanManageRegistry,
  assertCanSeeRegistry,
  registryOwnerFor,
  registryScope,
} from '../auth/policy';
import type { programmeKinds, SlotStatus } from '../domain/vocabulary';
import { newId } from '../lib/ids';
import { listPage } from '../lib/pagination';
import { notFound, unprocessable } from '../lib/problem';
import type { ServiceContext } from './context';
import { mapConstraints } from './db-errors';

type CapacityRow = typeof capacityListings.$inferSelect;

export interface CapacityInput {
  organizationId?: string;
  siteId?: string | null;
  title: string;
  description: string;
  activityAreas: string[];
  municipalityCode: string;
  places: number;
  placesTaken?: number;
  participantsPerSupervisor: number;
  programmes: (typeof programmeKinds)[number][];
  referralSources: string[];
  hoursPerWeek: { min: number; max: number };
  status?: SlotStatus;
}

export const toCapacity = (c: CapacityRow) => ({
  id: c.id,
  organizationId: c.organizationId,
  siteId: c.siteId,
  title: c.title,
  description: c.description,
  activityAreas: c.activityAreas,
  municipalityCode: c.municipalityCode,
  places: c.places,
  placesTaken: c.placesTaken,
  freePlaces: c.places - c.placesTaken,
  participantsPerSupervisor: c.participantsPerSupervisor,
  programmes: c.programmes,
  referralSources: c.referralSources,
  hoursPerWeek: { min: c.hoursMin, max: c.hoursMax },
  status: c.status,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

function fields(input: Partial<CapacityInput>): Partial<CapacityRow> {
  const { hoursPerWeek, organizationId: _org, ...rest } = input;
  return { ...rest, ...(hoursPerWeek ? { hoursMin: hoursPerWeek.min, hoursMax: hoursPerWeek.max } : {}) };
}

/**
 * A social enterprise's work-training capacity (activity areas, places, supervision ratio, kinds of
 * referral taken). Only social enterprises list capacity; employers post slots.
 */
export function capacityService(ctx: ServiceContext) {
  const { db } = ctx;

  async function load(actor: Actor, id: string) {
    const [row] = await db.select().from(capacityListings).where(eq(capacityListings.id, id));
    if (!row) throw notFound('Capacity listing', id);
    assertCanSeeRegistry(actor, row.organizationId, 'Capacity listing', id);
    return row;
  }

  function assertConsistent(row: CapacityRow) {
    if (row.hoursMin > row.hoursMax)
      throw unprocessable('The listing’s fields do not fit together.', [
        { path: 'hoursPerWeek.min', message: 'must not exceed hoursPerWeek.max' },
      ]);
  }

  const placesConflict = { capacity_places: 'placesTaken must be between 0 and places.' };

  return {
    async create(actor: Actor, input: CapacityInput) {
      const organizationId = registryOwnerFor(actor, input.organizationId, ['social_enterprise']);
      const now = ctx.now();
      const row = {
        ...fields(input),
        id: newId('capacity'),
        organizationId,
        siteId: input.siteId ?? null,
        placesTaken: input.placesTaken ?? 0,
        status: input.status ?? 'open',
        createdAt: now,
        updatedAt: now,
      } as CapacityRow;
      assertConsistent(row);
      await mapConstraints(() => db.insert(capacityListings).values(row), { check: placesConflict });
      return toCapacity(row);
    },
    async get(actor: Actor, id: string) {
      return toCapacity(await load(actor, id));
    },
    async list(
      actor: Actor,
      q: { organizationId?: string; municipalityCode?: string; limit: number; cursor?: string },
    ) {
      const scope = registryScope(actor, q.organizationId);
      const page = await listPage(q, (after, take) =>
        db
          .select()
          .from(capacityListings)
          .where(
            and(
              scope ? eq(capacityListings.organizationId, scope) : undefined,
              q.municipalityCode ? eq(capacityListings.municipalityCode, q.municipalityCode) : undefined,
              after ? gt(capacityListings.id, after) : undefined,
            ),
          )
          .orderBy(asc(capacityListings.id))
          .limit(take),
      );
      return { ...page, data: page.data.map(toCapacity) };
    },
    async update(actor: Actor, id: string, patch: Partial<Omit<CapacityInput, 'organizationId'>>) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Capacity listing', id);
      const updated = { ...existing, ...fields(patch), updatedAt: ctx.now() } as CapacityRow;
      assertConsistent(updated);
      await mapConstraints(
        () => db.update(capacityListings).set(updated).where(eq(capacityListings.id, id)),
        {
          check: placesConflict,
        },
      );
      return toCapacity(updated);
    },
    async remove(actor: Actor, id: string) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Capacity listing', id);
      await db.delete(capacityListings).where(eq(capacityListings.id, id));
    },
  };
}
