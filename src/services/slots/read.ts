import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { slotSupervisors, slots } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertCanSeeRegistry, registryScope } from '../../auth/policy';
import { listPage } from '../../lib/pagination';
import { notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import type { SlotListQuery } from './schemas';
import { toSlot } from './view';

export function slotReads(ctx: ServiceContext) {
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

  return {
    load,
    supervisorIdsOf,

    async get(actor: Actor, id: string) {
      const row = await load(actor, id);
      return toSlot(row, (await supervisorIdsOf([id])).get(id)!);
    },

    async list(actor: Actor, q: SlotListQuery) {
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
  };
}

export type SlotReads = ReturnType<typeof slotReads>;
