import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { capacityListings } from '../../db/schema';
import type { Actor } from '../auth/actor';
import {
  assertCanManageRegistry,
  assertCanSeeRegistry,
  registryOwnerFor,
  registryScope,
} from '../auth/policy';
import { HoursPerWeek, ids, MunicipalityCode, text } from '../domain/fields';
import { programmeKinds, referralSources, slotStatuses } from '../domain/vocabulary';
import { newId } from '../lib/ids';
import { listPage, type PageQuery } from '../lib/pagination';
import { notFound, unprocessable } from '../lib/problem';
import type { ServiceContext } from './context';
import { mapConstraints } from './db-errors';
import { capacityChangedStatement } from './search/sync-statements';

type CapacityRow = typeof capacityListings.$inferSelect;

const fields = {
  siteId: ids('sit').nullable(),
  title: text(120).openapi({ example: 'Arbetsträning i café och second hand' }),
  description: text(4000),
  activityAreas: z
    .array(text(80))
    .min(1)
    .max(30)
    .openapi({ example: ['café', 'second hand', 'trädgård'] }),
  municipalityCode: MunicipalityCode,
  places: z.number().int().min(1).max(1000),
  placesTaken: z.number().int().min(0),
  participantsPerSupervisor: z
    .number()
    .min(1)
    .max(50)
    .openapi({ description: 'Supervision ratio: participants per supervisor, e.g. 4 for 1:4.' }),
  programmes: z.array(z.enum(programmeKinds)).min(1).openapi({
    description: 'Daily activity under LSS, longer-term rehabilitation, or stepping stone to a job.',
  }),
  referralSources: z
    .array(z.enum(referralSources))
    .min(1)
    .openapi({ description: 'Which referrals it takes.' }),
  hoursPerWeek: z
    .object({ min: HoursPerWeek, max: HoursPerWeek.min(1) })
    .refine((h) => h.min <= h.max, { message: 'min must not exceed max', path: ['min'] }),
  status: z.enum(slotStatuses),
};

export const CapacityListingCreate = z
  .strictObject({
    organizationId: ids('org').optional().openapi({ description: 'Platform admin only.' }),
    ...fields,
    siteId: fields.siteId.optional(),
    placesTaken: fields.placesTaken.default(0),
    status: z.enum(['open', 'paused']).default('open'),
  })
  .openapi('CapacityListingCreate');
export type CapacityListingCreate = z.infer<typeof CapacityListingCreate>;

export const CapacityListingUpdate = z.strictObject(fields).partial().openapi('CapacityListingUpdate');
export type CapacityListingUpdate = z.infer<typeof CapacityListingUpdate>;

export const CapacityListQuery = z.object({
  organizationId: ids('org').optional(),
  municipalityCode: MunicipalityCode.optional(),
});
export type CapacityListQuery = z.infer<typeof CapacityListQuery> & PageQuery;

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

/** The row columns an input sets (an owner given on create is settled by the caller). */
function rowFields({ hoursPerWeek, ...rest }: CapacityListingUpdate): Partial<CapacityRow> {
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
    async create(actor: Actor, input: CapacityListingCreate) {
      const organizationId = registryOwnerFor(actor, input.organizationId, ['social_enterprise']);
      const now = ctx.now();
      const row = {
        ...rowFields(input),
        id: newId('capacity'),
        organizationId,
        siteId: input.siteId ?? null,
        placesTaken: input.placesTaken ?? 0,
        status: input.status ?? 'open',
        createdAt: now,
        updatedAt: now,
      } as CapacityRow;
      assertConsistent(row);
      await mapConstraints(
        () => db.batch([db.insert(capacityListings).values(row), capacityChangedStatement(ctx, row.id)]),
        { check: placesConflict },
      );
      return toCapacity(row);
    },
    async get(actor: Actor, id: string) {
      return toCapacity(await load(actor, id));
    },
    async list(actor: Actor, q: CapacityListQuery) {
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
    async update(actor: Actor, id: string, patch: CapacityListingUpdate) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Capacity listing', id);
      const updated = { ...existing, ...rowFields(patch), updatedAt: ctx.now() } as CapacityRow;
      assertConsistent(updated);
      await mapConstraints(
        () =>
          db.batch([
            db.update(capacityListings).set(updated).where(eq(capacityListings.id, id)),
            capacityChangedStatement(ctx, id),
          ]),
        {
          check: placesConflict,
        },
      );
      return toCapacity(updated);
    },
    async remove(actor: Actor, id: string) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Capacity listing', id);
      await db.batch([
        db.delete(capacityListings).where(eq(capacityListings.id, id)),
        capacityChangedStatement(ctx, id),
      ]);
    },
  };
}
