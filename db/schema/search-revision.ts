import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * One counter that every change able to alter an embedded search's answer moves on: the search
 * index's own writes (src/search/embedded/index.ts, in the same batch) and, through triggers in the
 * same transaction, what a search reads live beside the index (a slot's or capacity listing's
 * status, places and supervisor room, its deletion, an organization's name). A process that keeps
 * search answers (src/search/answer-cache.ts) reads it before each search and keeps an answer only
 * for the revision it was made at.
 */
export const searchRevision = sqliteTable('search_revision', {
  id: integer('id').primaryKey(),
  revision: integer('revision').notNull().default(0),
});
