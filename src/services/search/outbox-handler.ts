import type { Db } from '../../adapters/db/types';
import type { OutboxHandler, OutboxRow } from '../../outbox/outbox';
import type { SearchIndex } from '../../search/port';
import { syncSlots } from '../../search/sync';

const slotIdOf = (row: OutboxRow) => {
  const slotId = row.payload.slotId;
  if (typeof slotId !== 'string') throw new Error('search.slot row without a slotId');
  return slotId;
};

/**
 * The `search.slot` outbox handler: payload `{ slotId }`. Errors propagate, so the row is retried.
 * A pass's rows go together (`many`): one read and one index write for up to 90 slots, which is
 * what lets a cron run catch up with thousands of changes within the Workers' call limits.
 */
export function searchOutboxHandler(db: Db, index: SearchIndex): OutboxHandler {
  return Object.assign(async (row: OutboxRow) => syncSlots(db, index, [slotIdOf(row)]), {
    many: (rows: OutboxRow[]) => syncSlots(db, index, [...new Set(rows.map(slotIdOf))]),
  });
}
