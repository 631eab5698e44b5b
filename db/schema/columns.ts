import { integer, text } from 'drizzle-orm/sqlite-core';

/** Instants are ISO 8601 UTC strings: sortable, readable in SQL, identical on libSQL and D1. */
export const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

export const bool = (name: string) => integer(name, { mode: 'boolean' });
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
