/**
 * Keeps the index in step with the database. Every slot write queues a coalesced `search.slot`
 * outbox row in the same batch (src/services/search/sync-statements.ts); its handler
 * (src/services/search/outbox-handler.ts) calls `syncSlots`, which indexes the slot's CURRENT state,
 * or removes it when it is gone or closed, so replays and reorderings are harmless. `reindexAll` rebuilds everything from the database (`npm run reindex`).
 */
import { asc, eq, gt, inArray, max, type SQL, sql } from 'drizzle-orm';
import { capacityListings, organizations, sites, slotChanges, slots } from '../../db/schema';
import type { Db } from '../adapters/db/types';
import { isCapacityIndexable, listingOf, listingPlace, toCapacityDocument } from './capacity-document';
import { isIndexable, toSearchDocument } from './document';
import type { SearchIndex, SlotSearchDocument } from './port';

const PAGE = 500;

/** Capacity listings' documents, with their organization's name and their site's place. */
async function capacityDocuments(db: Db, where: SQL | undefined, limit?: number) {
  const query = db
    .select({
      listing: capacityListings,
      organizationName: organizations.name,
      lat: sites.lat,
      lon: sites.lon,
    })
    .from(capacityListings)
    .innerJoin(organizations, eq(organizations.id, capacityListings.organizationId))
    .leftJoin(sites, eq(sites.id, capacityListings.siteId))
    .where(where)
    .orderBy(asc(capacityListings.id));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((r) => ({
    id: r.listing.id,
    doc: isCapacityIndexable(r.listing)
      ? toCapacityDocument(
          r.listing,
          r.organizationName,
          listingPlace(r.listing, r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon }),
        )
      : null,
  }));
}

/**
 * The slots of a `search.slot` pass with their employers' names, prepared once per database and
 * number of ids (up to a chunk of 90): drizzle built this join anew for every pass of the outbox
 * thread, after every slot write.
 */
const slotQueries = new WeakMap<Db, Map<number, ReturnType<typeof buildSlotsWithNames>>>();

function buildSlotsWithNames(db: Db, n: number) {
  return db
    .select({ slot: slots, organizationName: organizations.name })
    .from(slots)
    .innerJoin(organizations, eq(organizations.id, slots.organizationId))
    .where(
      inArray(
        slots.id,
        Array.from({ length: n }, (_x, i) => sql.placeholder(`slot${i}`)),
      ),
    )
    .prepare();
}

function slotsWithNames(db: Db, n: number) {
  let byCount = slotQueries.get(db);
  if (!byCount) {
    byCount = new Map();
    slotQueries.set(db, byCount);
  }
  let query = byCount.get(n);
  if (!query) {
    query = buildSlotsWithNames(db, n);
    if (n <= 90) byCount.set(n, query);
  }
  return query;
}

/** The indexable documents of these slots and capacity listings, and the ids to take out of the index. */
export async function loadDocuments(db: Db, ids: string[]) {
  const listingIds = ids.filter((id) => listingOf(id) === 'capacity');
  const slotIds = ids.filter((id) => listingOf(id) === 'slot');
  const listed = listingIds.length
    ? await capacityDocuments(db, inArray(capacityListings.id, listingIds))
    : [];
  const rows = slotIds.length
    ? await slotsWithNames(db, slotIds.length).all(
        Object.fromEntries(slotIds.map((id, i) => [`slot${i}`, id])),
      )
    : [];
  const docs: SlotSearchDocument[] = [];
  const found = new Set<string>();
  for (const { doc } of listed) {
    if (!doc) continue;
    found.add(doc.id);
    docs.push(doc);
  }
  for (const { slot, organizationName } of rows) {
    if (!isIndexable(slot)) continue;
    found.add(slot.id);
    docs.push(toSearchDocument(slot, organizationName));
  }
  return { docs, gone: ids.filter((id) => !found.has(id)) };
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
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.slot.id;
    yield rows.filter((r) => isIndexable(r.slot)).map((r) => toSearchDocument(r.slot, r.organizationName));
  }
  for (let listingAfter = ''; ; ) {
    const page = await capacityDocuments(db, gt(capacityListings.id, listingAfter), PAGE);
    if (page.length === 0) return;
    listingAfter = page[page.length - 1]!.id;
    yield page.flatMap((p) => (p.doc ? [p.doc] : []));
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
