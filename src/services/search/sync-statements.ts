import { SEARCH_TOPIC, slotChanges } from '../../../db/schema';
import { enqueueStatement } from '../../outbox/outbox';
import type { ServiceContext } from '../context';

/**
 * Statements that go in the same batch as any change to a slot: a search-index task (coalesced per
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

export function slotChangedStatements(ctx: ServiceContext, slotId: string) {
  return [
    ctx.db.insert(slotChanges).values({ slotId, changedAt: ctx.now() }),
    searchSyncStatement(ctx, slotId),
  ] as const;
}
