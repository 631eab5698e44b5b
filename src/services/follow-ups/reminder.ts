/**
 * The `milestone` outbox topic: when a follow-up falls due, mail the participant's handler unless it
 * is answered already or the participant was erased. The mail key is the reminder's own, so a rerun
 * queues nothing twice.
 */
import { and, eq } from 'drizzle-orm';
import { followUps, MILESTONE_TOPIC, milestoneMonths, participants, users } from '../../../db/schema';
import type { OutboxHandler } from '../../outbox/outbox';
import type { NotifyContext } from '../notifications/context';
import { queueMailStatements } from '../notifications/queue';

export function milestoneHandler(ctx: NotifyContext): OutboxHandler {
  return async (row) => {
    const participantId = String(row.payload.participantId);
    const causeKey = String(row.payload.causeKey);
    const months = milestoneMonths.find((m) => m === Number(row.payload.months));
    if (months === undefined) return;
    const [r] = await ctx.db
      .select({
        f: followUps,
        status: participants.status,
        handler: { id: users.id, name: users.name, email: users.email },
      })
      .from(followUps)
      .innerJoin(participants, eq(participants.id, followUps.participantId))
      .innerJoin(users, eq(users.id, participants.handlerId))
      .where(
        and(
          eq(followUps.participantId, participantId),
          eq(followUps.causeKey, causeKey),
          eq(followUps.months, months),
        ),
      );
    if (!r || r.f.situation !== null || r.status === 'erased') return;
    await ctx.db.batch(
      queueMailStatements(ctx.db, {
        key: `${MILESTONE_TOPIC}:${participantId}:${causeKey}:${months}:user:${r.handler.id}`,
        template: 'milestone_due',
        recipient: {
          kind: 'user',
          id: r.handler.id,
          email: r.handler.email,
          name: r.handler.name,
          organizationId: r.f.providerOrganizationId,
        },
        now: ctx.now(),
        data: {
          recipientName: r.handler.name,
          followUpId: r.f.id,
          cause: r.f.cause,
          months: r.f.months,
          baseDate: r.f.baseDate,
        },
      }),
    );
  };
}
