import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { sites, slotSupervisors, supervisors } from '../../db/schema';
import type { Actor } from '../auth/actor';
import {
  assertCanManageRegistry,
  assertCanSeeRegistry,
  registryOwnerFor,
  registryScope,
} from '../auth/policy';
import { Email, ids, Phone, text } from '../domain/fields';
import { newId } from '../lib/ids';
import { listPage, type PageQuery } from '../lib/pagination';
import { conflict, notFound, unprocessable } from '../lib/problem';
import type { ServiceContext } from './context';
import { mapConstraints } from './db-errors';
import { slotChangedStatements } from './search/sync-statements';

type SupervisorRow = typeof supervisors.$inferSelect;

const SupervisorFields = {
  siteId: ids('sit').nullable().optional(),
  name: text(200),
  email: Email,
  phone: Phone.nullable().optional(),
  trained: z
    .boolean()
    .default(false)
    .openapi({ description: 'Has taken the supervisor (handledar) course.' }),
  maxParticipants: z
    .number()
    .int()
    .min(1)
    .max(20)
    .openapi({ description: 'How many participants the supervisor can take at the same time.' }),
  languages: z
    .array(text(40))
    .max(10)
    .default(['sv'])
    .openapi({ example: ['sv', 'en'] }),
};

export const SupervisorCreate = z
  .strictObject({
    organizationId: ids('org').optional().openapi({ description: 'Platform admin only.' }),
    ...SupervisorFields,
  })
  .openapi('SupervisorCreate');
export type SupervisorCreate = z.infer<typeof SupervisorCreate>;

export const SupervisorUpdate = z
  .strictObject({ ...SupervisorFields, trained: z.boolean(), languages: z.array(text(40)).max(10) })
  .partial()
  .openapi('SupervisorUpdate');
export type SupervisorUpdate = z.infer<typeof SupervisorUpdate>;

export const SupervisorListQuery = z.object({ organizationId: ids('org').optional() });
export type SupervisorListQuery = z.infer<typeof SupervisorListQuery> & PageQuery;

export const toSupervisor = (s: SupervisorRow) => ({
  id: s.id,
  organizationId: s.organizationId,
  siteId: s.siteId,
  name: s.name,
  email: s.email,
  phone: s.phone,
  trained: s.trained,
  maxParticipants: s.maxParticipants,
  activePlacements: s.activePlacements,
  languages: s.languages,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

const roomConflict = {
  supervisors_room:
    'maxParticipants cannot go below the placements this supervisor has now; end or move a placement first.',
};

export function supervisorService(ctx: ServiceContext) {
  const { db } = ctx;

  async function load(actor: Actor, id: string) {
    const [row] = await db.select().from(supervisors).where(eq(supervisors.id, id));
    if (!row) throw notFound('Supervisor', id);
    assertCanSeeRegistry(actor, row.organizationId, 'Supervisor', id);
    return row;
  }

  async function assertSiteOf(organizationId: string, siteId: string | null | undefined) {
    if (!siteId) return;
    const [site] = await db
      .select({ organizationId: sites.organizationId })
      .from(sites)
      .where(eq(sites.id, siteId));
    if (site?.organizationId !== organizationId)
      throw unprocessable('The site is not one of this organization’s sites.', [
        { path: 'siteId', message: 'is not a site of this organization' },
      ]);
  }

  /** Slots this supervisor serves: their room feeds matching, so a change re-syncs them. */
  async function slotsOf(supervisorId: string) {
    const rows = await db
      .select({ slotId: slotSupervisors.slotId })
      .from(slotSupervisors)
      .where(eq(slotSupervisors.supervisorId, supervisorId));
    return rows.map((r) => r.slotId);
  }

  return {
    load,
    async create(actor: Actor, input: SupervisorCreate) {
      const organizationId = registryOwnerFor(actor, input.organizationId, ['employer', 'social_enterprise']);
      await assertSiteOf(organizationId, input.siteId);
      const now = ctx.now();
      const row: SupervisorRow = {
        id: newId('supervisor'),
        organizationId,
        siteId: input.siteId ?? null,
        name: input.name,
        email: input.email,
        phone: input.phone ?? null,
        trained: input.trained,
        maxParticipants: input.maxParticipants,
        languages: input.languages,
        activePlacements: 0,
        createdAt: now,
        updatedAt: now,
      };
      await db.insert(supervisors).values(row);
      return toSupervisor(row);
    },
    async get(actor: Actor, id: string) {
      return toSupervisor(await load(actor, id));
    },
    async list(actor: Actor, q: SupervisorListQuery) {
      const scope = registryScope(actor, q.organizationId);
      const page = await listPage(q, (after, take) =>
        db
          .select()
          .from(supervisors)
          .where(
            and(
              scope ? eq(supervisors.organizationId, scope) : undefined,
              after ? gt(supervisors.id, after) : undefined,
            ),
          )
          .orderBy(asc(supervisors.id))
          .limit(take),
      );
      return { ...page, data: page.data.map(toSupervisor) };
    },
    async update(actor: Actor, id: string, patch: SupervisorUpdate) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Supervisor', id);
      if (patch.siteId !== undefined) await assertSiteOf(existing.organizationId, patch.siteId);
      const updated: SupervisorRow = { ...existing, ...patch, updatedAt: ctx.now() };
      const slotIds = await slotsOf(id);
      await mapConstraints(
        () =>
          db.batch([
            db.update(supervisors).set(updated).where(eq(supervisors.id, id)),
            ...slotIds.flatMap((slotId) => slotChangedStatements(ctx, slotId)),
          ]),
        { check: roomConflict },
      );
      // Re-read: activePlacements may have moved meanwhile, and the answer should show it.
      return toSupervisor((await load(actor, id)) ?? updated);
    },
    async remove(actor: Actor, id: string) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Supervisor', id);
      if (existing.activePlacements > 0)
        throw conflict(
          'This supervisor has active placements; end or move them before removing the supervisor.',
        );
      const slotIds = await slotsOf(id);
      await db.batch([
        db.delete(slotSupervisors).where(eq(slotSupervisors.supervisorId, id)),
        db.delete(supervisors).where(and(eq(supervisors.id, id), eq(supervisors.activePlacements, 0))),
        ...slotIds.flatMap((slotId) => slotChangedStatements(ctx, slotId)),
      ]);
    },
  };
}
