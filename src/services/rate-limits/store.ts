/**
 * Where rate-limit counters live: the port, and its two implementations. The database store is the
 * default everywhere (Node, several Node processes, Workers on D1 or Turso): one counter per rule and
 * subject that every instance shares. The memory store counts per process, for tests and tools.
 */
import { lt, sql } from 'drizzle-orm';
import { rateLimits } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';

export interface WindowCount {
  /** Events counted in the current window, this one included. */
  count: number;
  /** When the window ends, in ms since the epoch. */
  resetAt: number;
}

export interface RateLimitStore {
  /** Counts one event for `key` in the fixed window of `windowMs` that holds `now`. */
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  /** The current window's count, without counting. */
  peek(key: string, now: number): Promise<WindowCount | null>;
  /** Forgets the key (e.g. after a successful sign-in). */
  clear(key: string): Promise<void>;
  /** Removes windows that ended before `now`. */
  sweep(now: number): Promise<void>;
}

const windowOf = (windowMs: number, now: number) => {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, resetAt: start + windowMs };
};

export function databaseRateLimitStore(db: Db): RateLimitStore {
  return {
    async hit(key, windowMs, now) {
      const w = windowOf(windowMs, now);
      // One statement on every driver (no transaction): a new window starts the count again at 1.
      const [row] = await db
        .insert(rateLimits)
        .values({ key, windowStart: w.start, count: 1, resetAt: w.resetAt })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
            windowStart: sql`excluded.window_start`,
            resetAt: sql`excluded.reset_at`,
          },
        })
        .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
      return row ?? { count: 1, resetAt: w.resetAt };
    },
    async peek(key, now) {
      const [row] = await db
        .select({ count: rateLimits.count, resetAt: rateLimits.resetAt })
        .from(rateLimits)
        .where(sql`${rateLimits.key} = ${key}`);
      return row && row.resetAt > now ? row : null;
    },
    async clear(key) {
      await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
    },
    async sweep(now) {
      await db.delete(rateLimits).where(lt(rateLimits.resetAt, now));
    },
  };
}

export function memoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { start: number } & WindowCount>();
  return {
    async hit(key, windowMs, now) {
      const w = windowOf(windowMs, now);
      const current = windows.get(key);
      const next =
        current && current.start === w.start
          ? { ...current, count: current.count + 1 }
          : { start: w.start, count: 1, resetAt: w.resetAt };
      windows.set(key, next);
      return { count: next.count, resetAt: next.resetAt };
    },
    async peek(key, now) {
      const w = windows.get(key);
      return w && w.resetAt > now ? { count: w.count, resetAt: w.resetAt } : null;
    },
    async clear(key) {
      windows.delete(key);
    },
    async sweep(now) {
      for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
    },
  };
}
