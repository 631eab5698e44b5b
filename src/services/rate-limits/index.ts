/**
 * Rate limits for events worth limiting: failed authentications (wrong API keys), and for whoever
 * needs one next (web sign-in links, participant access codes). A rule counts events per subject (a
 * client address, a key prefix, an email) in fixed windows; over its limit, the caller answers 429
 * with `Retry-After` (`rateLimited(...)`).
 *
 *   const verdict = await c.var.services.rateLimits.hit(rules.authFailuresByAddress, address);
 *   if (verdict.limited) throw rateLimited(verdict);
 *
 * Counters live in the database (see ./store.ts), shared by every process and isolate. A subject
 * found over its limit is also remembered in this process until its window ends, so a flood of
 * attempts costs no further writes.
 */
import type { AppConfig } from '../../config';
import { tooManyRequests } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { databaseRateLimitStore, type RateLimitStore } from './store';

export interface RateLimitRule {
  /** Names the counter, e.g. `auth-failure:address`; with the subject it is the counter's key. */
  name: string;
  /** Events allowed per window; the next one is limited. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitVerdict {
  limited: boolean;
  /** Events left in this window before the limit (0 when limited). */
  remaining: number;
  /** Seconds until the window ends: `Retry-After` when limited. */
  retryAfterSeconds: number;
}

/** The rules in use, in one place. Add a rule here for a new kind of attempt. */
export function rateLimitRules(config: AppConfig) {
  const window = config.AUTH_FAILURE_WINDOW_SECONDS;
  return {
    /** Wrong API keys from one client address. */
    authFailuresByAddress: {
      name: 'auth-failure:address',
      limit: config.AUTH_FAILURE_LIMIT,
      windowSeconds: window,
    },
    /** Wrong API keys with one key prefix (guesses at one person's key from many addresses). */
    authFailuresByKey: { name: 'auth-failure:key', limit: config.AUTH_FAILURE_LIMIT, windowSeconds: window },
    /** Sign-in links mailed to one address (a person asking again and again, or someone flooding them). */
    signInLinksByEmail: { name: 'sign-in-link:email', limit: 5, windowSeconds: 3600 },
    /** Sign-in links asked for from one client address, whatever the addresses. */
    signInLinksByAddress: { name: 'sign-in-link:address', limit: 30, windowSeconds: 3600 },
    /** Wrong participant access codes from one client address (/me/sign-in). */
    accessCodeFailuresByAddress: {
      name: 'access-code-failure:address',
      limit: config.AUTH_FAILURE_LIMIT,
      windowSeconds: window,
    },
  } satisfies Record<string, RateLimitRule>;
}

/** The 429 for the most distant of the limited verdicts. */
export function rateLimited(...verdicts: RateLimitVerdict[]) {
  const wait = Math.max(...verdicts.filter((v) => v.limited).map((v) => v.retryAfterSeconds), 1);
  return tooManyRequests(`Too many attempts; try again in ${Math.ceil(wait)} seconds.`, wait);
}

/** How many remembered limited subjects a process keeps at most (a flood of distinct ones is bounded). */
const MAX_REMEMBERED = 10_000;
/** New windows between sweeps of ended ones. */
const SWEEP_EVERY = 200;

export function rateLimitService(
  ctx: ServiceContext,
  store: RateLimitStore = databaseRateLimitStore(ctx.db),
) {
  const limitedUntil = new Map<string, number>();
  let newWindows = 0;
  const nowMs = () => Date.parse(ctx.now());
  const keyOf = (rule: RateLimitRule, subject: string) => `${rule.name}:${subject.slice(0, 200)}`;

  const verdict = (rule: RateLimitRule, count: number, resetAt: number, now: number): RateLimitVerdict => ({
    limited: count > rule.limit,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
  });

  const remembered = (key: string, now: number) => {
    const until = limitedUntil.get(key);
    if (until === undefined) return null;
    if (until > now) return until;
    limitedUntil.delete(key);
    return null;
  };

  return {
    rules: rateLimitRules(ctx.config),

    /** Counts one event against the rule for this subject. */
    async hit(rule: RateLimitRule, subject: string): Promise<RateLimitVerdict> {
      const key = keyOf(rule, subject);
      const now = nowMs();
      const until = remembered(key, now);
      if (until !== null) return verdict(rule, rule.limit + 1, until, now);
      const w = await store.hit(key, rule.windowSeconds * 1000, now);
      const v = verdict(rule, w.count, w.resetAt, now);
      if (v.limited) {
        if (limitedUntil.size >= MAX_REMEMBERED) limitedUntil.clear();
        limitedUntil.set(key, w.resetAt);
      }
      if (w.count === 1 && ++newWindows % SWEEP_EVERY === 0) await store.sweep(now);
      return v;
    },

    /**
     * Whether one more event would be over the limit, without counting it: ask before an attempt
     * (e.g. before sending a sign-in link), `hit` after it fails.
     */
    async check(rule: RateLimitRule, subject: string): Promise<RateLimitVerdict> {
      const key = keyOf(rule, subject);
      const now = nowMs();
      const until = remembered(key, now);
      if (until !== null) return verdict(rule, rule.limit + 1, until, now);
      const w = await store.peek(key, now);
      return w
        ? verdict(rule, w.count + 1, w.resetAt, now)
        : verdict(rule, 1, now + rule.windowSeconds * 1000, now);
    },

    /** Forgets the subject's count (e.g. after a successful sign-in). */
    async clear(rule: RateLimitRule, subject: string) {
      const key = keyOf(rule, subject);
      limitedUntil.delete(key);
      await store.clear(key);
    },
  };
}

export type RateLimits = ReturnType<typeof rateLimitService>;
