import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * Two counters a process that keeps embedded search answers (src/search/answer-cache.ts) reads
 * before each search. Row 1, `live`: moved on through triggers (migration 0030), in the same
 * transaction, by every change to what a search reads live beside the index (a slot's or capacity
 * listing's status, places and supervisor room, its deletion, an organization's name); no kept answer
 * is given once it moved. Row 2, `index`: moved on by the search index's own writes, in their batches
 * (src/search/embedded/revision.ts; made by the first one); a kept answer may still be given for a
 * short grace after it moved, while the new one is made.
 */
export const searchRevision = sqliteTable('search_revision', {
  id: integer('id').primaryKey(),
  revision: integer('revision').notNull().default(0),
});
