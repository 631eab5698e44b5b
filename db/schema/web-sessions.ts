import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { apiKeys, users } from './organizations';

/**
 * A signed-in browser (src/services/web-sessions). The cookie holds a random token; only its SHA-256
 * is stored, so a copy of the database signs no one in. A session acts through the API key it was
 * opened with (or, for a mailed link, one of the person's keys): revoking that key ends the session.
 */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    /** SHA-256 (hex) of the cookie's token. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    keyId: text('key_id')
      .notNull()
      .references(() => apiKeys.id),
    /** Every form of this session carries it (cross-site request forgery). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** Set at sign-out; the row is kept until swept so a stolen cookie stays dead. */
    endedAt: text('ended_at'),
  },
  (t) => [index('web_sessions_user_idx').on(t.userId), index('web_sessions_expires_idx').on(t.expiresAt)],
);

/** A one-time sign-in link sent by mail: valid 15 minutes, used once. Only the token's hash is stored. */
export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    /** SHA-256 (hex) of the link's token. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    keyId: text('key_id')
      .notNull()
      .references(() => apiKeys.id),
    /** The page to open after sign-in (a path on this site). */
    returnTo: text('return_to').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('sign_in_links_expires_idx').on(t.expiresAt)],
);
