import type { Db } from '../../adapters/db/types';
import type { OutboxHandler } from '../../outbox/outbox';
import type { SearchIndex } from '../../search/port';
import { syncSlots } from '../../search/sync';

/** The `search.slot` outbox handler: payload `{ slotId }`. Errors propagate, so the row is retried. */
export function searchOutboxHandler(db: Db, index: SearchIndex): OutboxHandler {
  return async (row) => {
    const slotId = row.payload.slotId;
    if (typeof slotId !== 'string') throw new Error('search.slot row without a slotId');
    await syncSlots(db, index, [slotId]);
  };
}
