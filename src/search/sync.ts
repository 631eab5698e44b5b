/**
 * Keeps the index in step with the database. Every slot write queues a coalesced `search.slot`
 * outbox row in the same batch (src/services/search/sync-statements.ts); its handler
 * (src/services/search/outbox-handler.ts) calls `syncSlots`, which indexes the slot's CURRENT state,
 * or removes it when it is gone or closed, so replays and reorderings are harmless. `reindexAll` rebuilds everything from the database (`npm run reindex`).
 */
import { asc, eq, gt, inArray, max } from 'drizzle-orm';
import { organizations, slotChanges, slots } from '../../db/schema';
import type { Db } from '../adapters/db/types';
import { isIndexable, toSearchDocument } from './document';
import type { SearchIndex, SlotSearchDocument } from './port';

const PAGE = 500;

/** The indexable documents of these slots, and the ids to take out of the index. */
export async function loadDocuments(db: Db, slotIds: string[]) {
  const rows = slotIds.length
    ? await db
        .select({ slot: slots, organizationName: organizations.name })
        .from(slots)
        .innerJoin(organizations, eq(organizations.id, slots.organizationId))
        .where(inArray(slots.id, slotIds))
    : [];
  const docs: SlotSearchDocument[] = [];
  const found = new Set<string>();
  for (const { slot, organizationName } of rows) {
    if (!isIndexable(slot)) continue;
    found.add(slot.id);
    docs.push(toSearchDocument(slot, organizationName));
  }
  return { docs, gone: slotIds.filter((id) => !found.has(id)) };
}

/** Brings these slots' index entries to their current state. */
export async function syncSlots(db: Db, index: SearchIndex, slotIds: string[]) {
  // Chunks keep IN lists under D1's 100 bound parameters.
  for (let i = 0; i < slotIds.length; i += 90) {
    const { docs, gone } = await loadDocuments(db, slotIds.slice(i, i + 90));
    if (docs.length) await index.upsert(docs);
    if (gone.length) await index.remove(gone);
  }
}

async function* allDocuments(db: Db): AsyncGenerator<SlotSearchDocument[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .select({ slot: slots, organizationName: organizations.name })
      .from(slots)
      .innerJoin(organizations, eq(organizations.id, slots.organizationId))
      .where(gt(slots.id, after))
      .orderBy(asc(slots.id))
      .limit(PAGE);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.slot.id;
    yield rows.filter((r) => isIndexable(r.slot)).map((r) => toSearchDocument(r.slot, r.organizationName));
  }
}

/**
 * Rebuilds the index from the database. Slots that change while it runs are indexed again at the
 * end from the slot change log, so the rebuild never leaves an older state behind.
 */
export async function reindexAll(db: Db, index: SearchIndex) {
  const [mark] = await db.select({ seq: max(slotChanges.seq) }).from(slotChanges);
  const since = mark?.seq ?? 0;
  await index.init();
  const { indexed } = await index.replaceAll(allDocuments(db));
  const changed = await db
    .selectDistinct({ slotId: slotChanges.slotId })
    .from(slotChanges)
    .where(gt(slotChanges.seq, since));
  await syncSlots(
    db,
    index,
    changed.map((c) => c.slotId),
  );
  return { indexed, changedMeanwhile: changed.length };
}
