import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * One counter that every change able to end a key's access moves on (a key revoked or deleted, an
 * organization deactivated or its kind changed, a person's role or organization changed or the person
 * deleted): triggers in the database bump it, in the same transaction as the change. Processes that
 * cache authenticated keys read it on each request and forget their cache when it moved, so a
 * revoked key stops working at once in every process and Worker isolate.
 */
export const authRevision = sqliteTable('auth_revision', {
  id: integer('id').primaryKey(),
  revision: integer('revision').notNull().default(0),
});
