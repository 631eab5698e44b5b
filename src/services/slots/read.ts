import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { slotSupervisors, slots } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertCanSeeRegistry, registryScope } from '../../auth/policy';
import { listPage } from '../../lib/pagination';
import { notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { preparedByShape, preparedOnce } from '../prepared';
import type { SlotListQuery } from './schemas';
import { slotViewColumns, toSlot } from './view';

/** The filters of a slot list that are given, as the key of its prepared query. */
interface ListShape {
  scoped: boolean;
  status: boolean;
  kind: boolean;
  municipality: boolean;
  after: boolean;
}
const shapeKey = (s: ListShape) =>
  (s.scoped ? 1 : 0) | (s.status ? 2 : 0) | (s.kind ? 4 : 0) | (s.municipality ? 8 : 0) | (s.after ? 16 : 0);
export const shapeOf = (key: number): ListShape => ({
  scoped: (key & 1) > 0,
  status: (key & 2) > 0,
  kind: (key & 4) > 0,
  municipality: (key & 8) > 0,
  after: (key & 16) > 0,
});

/** A list's filters of that shape, its values as placeholders (scope, status, kind, municipality, after). */
export const listFilters = (shape: ListShape) =>
  and(
    shape.scoped ? eq(slots.organizationId, sql.placeholder('scope')) : undefined,
    shape.status ? eq(slots.status, sql.placeholder('status')) : undefined,
    shape.kind ? eq(slots.kind, sql.placeholder('kind')) : undefined,
    shape.municipality ? eq(slots.municipalityCode, sql.placeholder('municipality')) : undefined,
    shape.after ? gt(slots.id, sql.placeholder('after')) : undefined,
  );

/** The shape of a list request: which filters it gives (the scope is the actor's or the one asked for). */
export const listShapeKey = (scope: string | undefined, q: SlotListQuery, after: string | undefined) =>
  shapeKey({
    scoped: !!scope,
    status: !!q.status,
    kind: !!q.kind,
    municipality: !!q.municipalityCode,
    after: !!after,
  });

/**
 * The slot's supervisor ids in id order, read with its row: a list or a read is one statement, not
 * a second one for the supervisors (that statement was a seventh of a slot list's CPU). The rows come
 * in id order from the subquery; the order is checked here all the same, since SQLite does not
 * promise an aggregate its input's order (ids are ASCII: JS and SQLite order them alike). A slot
 * write returns the same expression from its UPDATE (write.ts).
 */
export const supervisorIdsOfSlot = () => sql<string>`(SELECT json_group_array(l.supervisor_id) FROM
    (SELECT l.supervisor_id FROM ${slotSupervisors} l WHERE l.slot_id = ${slots.id} ORDER BY l.supervisor_id) l)`;
export function supervisorIdsFrom(json: unknown): string[] {
  const ids: string[] = JSON.parse(String(json));
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! > ids[i]!) return ids.sort();
  return ids;
}
const supervisorIdsColumn = supervisorIdsOfSlot().mapWith(supervisorIdsFrom).as('supervisor_ids');
const shownColumns = { ...slotViewColumns, supervisorIds: supervisorIdsColumn };

export function slotReads(ctx: ServiceContext) {
  const { db } = ctx;

  // Prepared once (services/prepared.ts): these run on most requests.
  const slotById = preparedOnce(() =>
    db
      .select()
      .from(slots)
      .where(eq(slots.id, sql.placeholder('id')))
      .prepare(),
  );
  /** A slot as its answer shows it (slotViewColumns), with its supervisors: one statement. */
  const slotViewById = preparedOnce(() =>
    db
      .select(shownColumns)
      .from(slots)
      .where(eq(slots.id, sql.placeholder('id')))
      .prepare(),
  );
  const slotPage = preparedByShape((key: number) =>
    db
      .select(shownColumns)
      .from(slots)
      .where(listFilters(shapeOf(key)))
      .orderBy(asc(slots.id))
      .limit(sql.placeholder('take'))
      .prepare(),
  );

  /** The slot's row as `read` found it, if the actor may see the slot. */
  async function visible<R extends { organizationId: string }>(
    actor: Actor,
    id: string,
    read: Promise<R | undefined>,
  ) {
    const row = await read;
    if (!row) throw notFound('Slot', id);
    assertCanSeeRegistry(actor, row.organizationId, 'Slot', id);
    return row;
  }
  /** The whole row (for writes); answers read only what they show (slotViewById). */
  const load = (actor: Actor, id: string) => visible(actor, id, slotById().get({ id }));

  return {
    load,

    async get(actor: Actor, id: string) {
      const row = await visible(actor, id, slotViewById().get({ id }));
      return toSlot(row, row.supervisorIds);
    },

    async list(actor: Actor, q: SlotListQuery) {
      const scope = registryScope(actor, q.organizationId);
      const page = await listPage(q, (after, take) =>
        slotPage(listShapeKey(scope, q, after)).all({
          scope,
          status: q.status,
          kind: q.kind,
          municipality: q.municipalityCode,
          after,
          take,
        }),
      );
      return { ...page, data: page.data.map((s) => toSlot(s, s.supervisorIds)) };
    },
  };
}

export type SlotReads = ReturnType<typeof slotReads>;
