/**
 * The milestones of an exit or a hire: a follow-up row per milestone (3, 6, 12 months) and a reminder
 * in the outbox for each one not already past, all in the batch that records the cause. Inserts are
 * no-ops when the milestone exists, so running them again (a retried event) changes nothing.
 */
import { type FollowUpCause, followUps, MILESTONE_TOPIC, milestoneMonths } from '../../../db/schema';
import type { BatchItem, Db } from '../../adapters/db/types';
import { newId } from '../../lib/ids';
import { addMonths, atLocalTime, localDate } from '../../lib/local-time';
import { enqueueStatement } from '../../outbox/outbox';

/** Reminders go out at the same local time as the follow-along reminders. */
export const MILESTONE_LOCAL_TIME = '08:00';

export interface MilestoneCause {
  participantId: string;
  providerOrganizationId: string;
  cause: FollowUpCause;
  /** The hire's placement; absent for an exit. */
  placementId?: string;
  /** YYYY-MM-DD of the exit or the hire. */
  baseDate: string;
}

export const causeKeyOf = (c: Pick<MilestoneCause, 'cause' | 'placementId'>) =>
  c.cause === 'exit' ? 'exit' : `hire:${c.placementId}`;

/** The due dates of a cause's milestones, earliest first. */
export const milestoneDates = (baseDate: string) =>
  milestoneMonths.map((months) => ({ months, dueDate: addMonths(baseDate, months) }));

export function milestoneStatements(db: Db, c: MilestoneCause, now: string): BatchItem[] {
  const causeKey = causeKeyOf(c);
  const today = localDate(now);
  return milestoneDates(c.baseDate).flatMap(({ months, dueDate }) => {
    const row = db
      .insert(followUps)
      .values({
        id: newId('followUp'),
        participantId: c.participantId,
        providerOrganizationId: c.providerOrganizationId,
        cause: c.cause,
        placementId: c.placementId ?? null,
        causeKey,
        baseDate: c.baseDate,
        months,
        dueDate,
        createdAt: now,
      })
      .onConflictDoNothing();
    // A cause recorded late does not fire reminders for milestones already past: they are on the due list.
    if (dueDate < today) return [row];
    const reminder = enqueueStatement(db, {
      topic: MILESTONE_TOPIC,
      key: `${MILESTONE_TOPIC}:${c.participantId}:${causeKey}:${months}`,
      payload: { participantId: c.participantId, causeKey, months },
      now,
      runAt: atLocalTime(dueDate, MILESTONE_LOCAL_TIME).toISOString(),
    });
    return [row, reminder];
  });
}
