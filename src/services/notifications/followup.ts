/**
 * Follow-along reminders (IPS fidelity: contact within 3 days of the start, weekly in the first
 * month, then monthly with no end). Each reminder is an outbox row of the `followup` topic due at
 * FOLLOWUP_LOCAL_TIME on its date. When it runs, it mails the handler only if no check-in was recorded
 * since the previous due date, and queues the next reminder in the same batch: a chain with no end
 * date that stops by itself once the placement is no longer started. Keys `followup:<id>:<step>`
 * make every step exist once, however often a row runs.
 */
import { and, eq, gt, gte } from 'drizzle-orm';
import {
  FOLLOWUP_TOPIC,
  organizations,
  participants,
  placementCheckIns,
  placements,
  slots,
  users,
} from '../../../db/schema';
import { addDays, addMonths, atLocalTime, localDate } from '../../lib/local-time';
import type { FollowUpKind } from '../../mail/templates';
import { enqueueStatement, type OutboxHandler } from '../../outbox/outbox';
import type { NotifyContext } from './context';
import { queueMailStatements } from './queue';

export const FOLLOWUP_LOCAL_TIME = '08:00';

type PlacementRow = typeof placements.$inferSelect;

/** Step 1: start + 3 days; steps 2–5: weekly to day 28; step 6 on: monthly from the second month. */
export function followUpDate(startDate: string, step: number): string {
  if (step === 1) return addDays(startDate, 3);
  if (step <= 5) return addDays(startDate, 7 * (step - 1));
  return addMonths(startDate, step - 4);
}

export const followUpKind = (step: number): FollowUpKind =>
  step === 1 ? 'first_contact' : step <= 5 ? 'weekly' : 'monthly';

const startDateOf = (p: PlacementRow) => p.startDate ?? localDate(new Date(p.startedAt ?? p.updatedAt));

/** The first step not yet in the past (a placement recorded late does not fire old reminders). */
function firstStepFrom(startDate: string, today: string, from = 1) {
  let step = from;
  while (followUpDate(startDate, step) < today) step++;
  return step;
}

function reminderStatement(ctx: NotifyContext, placementId: string, startDate: string, step: number) {
  return enqueueStatement(ctx.db, {
    topic: FOLLOWUP_TOPIC,
    key: `${FOLLOWUP_TOPIC}:${placementId}:${step}`,
    payload: { placementId, step },
    now: ctx.now(),
    runAt: atLocalTime(followUpDate(startDate, step), FOLLOWUP_LOCAL_TIME).toISOString(),
  });
}

/** Queued when a placement starts. */
export function firstFollowUpStatement(ctx: NotifyContext, p: PlacementRow) {
  if (p.state !== 'started') return undefined;
  const start = startDateOf(p);
  return reminderStatement(ctx, p.id, start, firstStepFrom(start, localDate(new Date(ctx.now()))));
}

export function followUpHandler(ctx: NotifyContext): OutboxHandler {
  return async (row) => {
    const placementId = String(row.payload.placementId);
    const step = Number(row.payload.step);
    const [r] = await ctx.db
      .select({
        p: placements,
        slotTitle: slots.title,
        employerName: organizations.name,
        handler: { id: users.id, name: users.name, email: users.email },
      })
      .from(placements)
      .innerJoin(slots, eq(slots.id, placements.slotId))
      .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
      .innerJoin(participants, eq(participants.id, placements.participantId))
      .innerJoin(users, eq(users.id, participants.handlerId))
      .where(eq(placements.id, placementId));
    if (r?.p.state !== 'started') return; // ended (or erased): the chain stops here

    const start = startDateOf(r.p);
    const since =
      step === 1
        ? gte(placementCheckIns.date, start)
        : gt(placementCheckIns.date, followUpDate(start, step - 1));
    const [checkIn] = await ctx.db
      .select({ id: placementCheckIns.id })
      .from(placementCheckIns)
      .where(and(eq(placementCheckIns.placementId, placementId), since))
      .limit(1);

    const today = localDate(new Date(ctx.now()));
    const next = reminderStatement(ctx, placementId, start, firstStepFrom(start, today, step + 1));
    if (checkIn) {
      await ctx.db.batch([next]);
      return;
    }
    const recipient = {
      kind: 'user' as const,
      id: r.handler.id,
      email: r.handler.email,
      name: r.handler.name,
      organizationId: r.p.providerOrganizationId,
    };
    await ctx.db.batch([
      ...queueMailStatements(ctx.db, {
        key: `${FOLLOWUP_TOPIC}:${placementId}:${step}:user:${r.handler.id}`,
        template: 'followup_due',
        recipient,
        now: ctx.now(),
        data: {
          recipientName: r.handler.name,
          placementId,
          slotTitle: r.slotTitle,
          employerName: r.employerName,
          startDate: start,
          kind: followUpKind(step),
        },
      }),
      next,
    ]);
  };
}
