/** Follow-ups of the caller's organization: what is due, what is coming, what was answered. */
import { and, asc, eq, gt, isNotNull, isNull, lte, ne, type SQL } from 'drizzle-orm';
import { followUps, participants } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertProviderRole } from '../../auth/policy';
import { localDate } from '../../lib/local-time';
import { listPage } from '../../lib/pagination';
import { notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import type { FollowUpListQuery } from './schemas';
import { toFollowUp } from './view';

export function followUpReads(ctx: ServiceContext) {
  const { db } = ctx;

  function statusFilter(status: FollowUpListQuery['status'], today: string): SQL | undefined {
    if (status === 'recorded') return isNotNull(followUps.situation);
    if (status === 'due') return and(isNull(followUps.situation), lte(followUps.dueDate, today));
    if (status === 'upcoming') return and(isNull(followUps.situation), gt(followUps.dueDate, today));
    return undefined;
  }

  return {
    async list(actor: Actor, q: FollowUpListQuery) {
      assertProviderRole(actor, ['handler', 'admin', 'coordinator'], 'read follow-ups');
      const now = ctx.now();
      const handlerId = q.handlerId === 'me' ? actor.userId : q.handlerId;
      const page = await listPage(q, (after, take) =>
        db
          .select({ f: followUps, reference: participants.reference })
          .from(followUps)
          .innerJoin(participants, eq(participants.id, followUps.participantId))
          .where(
            and(
              eq(followUps.providerOrganizationId, actor.organizationId),
              ne(participants.status, 'erased'),
              statusFilter(q.status, localDate(now)),
              q.participantId ? eq(followUps.participantId, q.participantId) : undefined,
              q.cause ? eq(followUps.cause, q.cause) : undefined,
              q.months ? eq(followUps.months, q.months) : undefined,
              handlerId ? eq(participants.handlerId, handlerId) : undefined,
              after ? gt(followUps.id, after) : undefined,
            ),
          )
          .orderBy(asc(followUps.id))
          .limit(take)
          .then((rows) => rows.map((r) => ({ id: r.f.id, view: toFollowUp(r.f, r.reference, now) }))),
      );
      return { ...page, data: page.data.map((r) => r.view) };
    },

    async get(actor: Actor, id: string) {
      assertProviderRole(actor, ['handler', 'admin', 'coordinator'], 'read follow-ups');
      const [r] = await db
        .select({ f: followUps, reference: participants.reference, status: participants.status })
        .from(followUps)
        .innerJoin(participants, eq(participants.id, followUps.participantId))
        .where(and(eq(followUps.id, id), eq(followUps.providerOrganizationId, actor.organizationId)));
      if (!r || r.status === 'erased') throw notFound('Follow-up', id);
      return toFollowUp(r.f, r.reference, ctx.now());
    },
  };
}
