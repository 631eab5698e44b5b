import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { sites } from '../../db/schema';
import type { Actor } from '../auth/actor';
import {
  assertCanManageRegistry,
  assertCanSeeRegistry,
  registryOwnerFor,
  registryScope,
} from '../auth/policy';
import { ids, Latitude, Longitude, MunicipalityCode, text } from '../domain/fields';
import { newId } from '../lib/ids';
import { listPage, type PageQuery } from '../lib/pagination';
import { notFound } from '../lib/problem';
import { municipalityByCode } from '../reference';
import type { ServiceContext } from './context';

type SiteRow = typeof sites.$inferSelect;

const SiteFields = {
  name: text(200),
  municipalityCode: MunicipalityCode,
  address: text(300).nullable().optional(),
  lat: Latitude.optional().openapi({ description: 'Defaults to the municipality seat.' }),
  lon: Longitude.optional(),
};

export const SiteCreate = z
  .strictObject({
    organizationId: ids('org').optional().openapi({ description: 'Platform admin only.' }),
    ...SiteFields,
  })
  .openapi('SiteCreate');
export type SiteCreate = z.infer<typeof SiteCreate>;

export const SiteUpdate = z.strictObject(SiteFields).partial().openapi('SiteUpdate');
export type SiteUpdate = z.infer<typeof SiteUpdate>;

export const SiteListQuery = z.object({ organizationId: ids('org').optional() });
export type SiteListQuery = z.infer<typeof SiteListQuery> & PageQuery;

export const toSite = (s: SiteRow) => ({
  id: s.id,
  organizationId: s.organizationId,
  name: s.name,
  municipalityCode: s.municipalityCode,
  address: s.address,
  lat: s.lat,
  lon: s.lon,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/** Without coordinates a place sits at its municipality's seat: coarse, but enough for matching. */
export function locate(municipalityCode: string, lat?: number, lon?: number) {
  const m = municipalityByCode.get(municipalityCode)!;
  return { lat: lat ?? m.lat, lon: lon ?? m.lon };
}

export function siteService(ctx: ServiceContext) {
  const { db } = ctx;

  async function load(actor: Actor, id: string) {
    const [row] = await db.select().from(sites).where(eq(sites.id, id));
    if (!row) throw notFound('Site', id);
    assertCanSeeRegistry(actor, row.organizationId, 'Site', id);
    return row;
  }

  return {
    load,
    async create(actor: Actor, input: SiteCreate) {
      const organizationId = registryOwnerFor(actor, input.organizationId, ['employer', 'social_enterprise']);
      const now = ctx.now();
      const row: SiteRow = {
        id: newId('site'),
        organizationId,
        name: input.name,
        municipalityCode: input.municipalityCode,
        address: input.address ?? null,
        ...locate(input.municipalityCode, input.lat, input.lon),
        createdAt: now,
        updatedAt: now,
      };
      await db.insert(sites).values(row);
      return toSite(row);
    },
    async get(actor: Actor, id: string) {
      return toSite(await load(actor, id));
    },
    async list(actor: Actor, q: SiteListQuery) {
      const scope = registryScope(actor, q.organizationId);
      const page = await listPage(q, (after, take) =>
        db
          .select()
          .from(sites)
          .where(
            and(scope ? eq(sites.organizationId, scope) : undefined, after ? gt(sites.id, after) : undefined),
          )
          .orderBy(asc(sites.id))
          .limit(take),
      );
      return { ...page, data: page.data.map(toSite) };
    },
    async update(actor: Actor, id: string, patch: SiteUpdate) {
      const existing = await load(actor, id);
      assertCanManageRegistry(actor, existing.organizationId, 'Site', id);
      const municipalityCode = patch.municipalityCode ?? existing.municipalityCode;
      const moved = patch.municipalityCode && patch.municipalityCode !== existing.municipalityCode;
      const updated: SiteRow = {
        ...existing,
        ...patch,
        municipalityCode,
        // A new municipality without new coordinates moves the site to that municipality's seat.
        ...(moved ? locate(municipalityCode, patch.lat, patch.lon) : {}),
        updatedAt: ctx.now(),
      };
      await db.update(sites).set(updated).where(eq(sites.id, id));
      return toSite(updated);
    },
  };
}

export type SiteService = ReturnType<typeof siteService>;
