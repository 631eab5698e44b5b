import { type SQL, sql } from 'drizzle-orm';
import { SEARCH_TOPIC, slotChanges, slotSupervisors } from '../../../db/schema';
import { enqueueStatement } from '../../outbox/outbox';
import type { ServiceContext } from '../context';

/**
 * Statements that go in the same batch as every change to a slot: a search-index task (coalesced per
 * slot: the worker indexes the slot's state at the time it runs) and a row in the slot change log
 * that keeps in-memory matching indexes in step.
 */
function searchSyncStatement(ctx: ServiceContext, slotId: string) {
  return enqueueStatement(ctx.db, {
    topic: SEARCH_TOPIC,
    key: `${SEARCH_TOPIC}:${slotId}`,
    payload: { slotId },
    now: ctx.now(),
    coalesce: true,
  });
}

/**
 * A social enterprise's capacity listing changed: its search document follows through the same
 * coalesced task as a slot's (the worker tells them apart by id: src/search/capacity-document.ts).
 */
export function capacityChangedStatement(ctx: ServiceContext, listingId: string) {
  return searchSyncStatement(ctx, listingId);
}

/** Fixed SQL text, not drizzle's builder: it runs with every slot write and placement move. */
const SLOT_CHANGE_INSERT = sql.raw('INSERT INTO "slot_changes" ("slot_id", "changed_at") VALUES (');

export function slotChangedStatements(ctx: ServiceContext, slotId: string) {
  return [
    ctx.db.run(sql`${SLOT_CHANGE_INSERT}${slotId}, ${ctx.now()})`),
    searchSyncStatement(ctx, slotId),
  ] as const;
}

/**
 * A supervisor's room changed (a placement took or freed it): every slot they supervise may have
 * become (un)proposable, so each gets a row in the slot change log, or an in-memory matching index
 * would keep offering the other slots of a supervisor who is full. `supervisorId` may be SQL (the
 * supervisor a transition chose inside its batch). Search does not index supervisors' room, so no
 * search task is needed.
 */
export function supervisorRoomChangedStatement(
  ctx: ServiceContext,
  supervisorId: SQL | string,
  /** A slot the batch logs already (the placement's). */
  loggedSlotId: string,
) {
  return ctx.db.run(sql`
    INSERT INTO ${slotChanges} (slot_id, changed_at)
    SELECT ${slotSupervisors.slotId}, ${ctx.now()} FROM ${slotSupervisors}
    WHERE ${slotSupervisors.supervisorId} = ${supervisorId} AND ${slotSupervisors.slotId} <> ${loggedSlotId}`);
}
