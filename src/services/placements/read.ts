import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { placements } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { isPlatform } from '../../auth/policy';
import { listPage } from '../../lib/pagination';
import { forbidden } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { readRoles } from './access';
import type { PlacementViews } from './present';
import type { PlacementListQuery } from './schemas';
import type { Side } from './states';

/** One placement, and the placements visible to the caller. */
export function placementReads(ctx: ServiceContext, views: PlacementViews) {
  const { db } = ctx;
  return {
    async get(actor: Actor, id: string) {
      const { row, side, actor: member } = await views.loadFor(actor, id, 'read');
      return views.details(member, side, row);
    },

    /**
     * A provider sees its participants' placements, an employer the placements on its slots (with
     * disclosed fields only). Ordered by id (creation).
     */
    async list(actor: Actor, q: PlacementListQuery) {
      if (isPlatform(actor) || actor.kind !== 'member')
        throw forbidden('Placements hold participant data; the platform admin cannot list them.');
      const side: Side = actor.organizationKind === 'provider' ? 'provider' : 'employer';
      if (!readRoles[side].includes(actor.role))
        throw forbidden(`The ${actor.role} role may not read placements.`);
      const scope: SQL =
        side === 'provider'
          ? eq(placements.providerOrganizationId, actor.organizationId)
          : eq(placements.employerOrganizationId, actor.organizationId);
      const page = await listPage(q, (after, take) =>
        db
          .select()
          .from(placements)
          .where(
            and(
              scope,
              q.state ? eq(placements.state, q.state) : undefined,
              q.participantId ? eq(placements.participantId, q.participantId) : undefined,
              q.slotId ? eq(placements.slotId, q.slotId) : undefined,
              after ? gt(placements.id, after) : undefined,
            ),
          )
          .orderBy(asc(placements.id))
          .limit(take),
      );
      return { ...page, data: await views.present(actor, side, page.data) };
    },
  };
}
