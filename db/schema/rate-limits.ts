import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Fixed-window counters for rate limits (src/services/rate-limits): one row per rule and subject
 * (`auth-failure:address:203.0.113.7`). In the database rather than in memory, so every process and
 * every Worker isolate counts against the same limit; only counted events (failures) write here.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    /** Start of the current window, in milliseconds since the epoch. */
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
    /** When the current window ends (ms); rows past it are swept. */
    resetAt: integer('reset_at').notNull(),
  },
  (t) => [index('rate_limits_reset_at_idx').on(t.resetAt)],
);
