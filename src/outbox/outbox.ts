/**
 * The transactional outbox (see db/schema/outbox.ts). Producers add `enqueueStatement(...)` to the
 * same atomic batch as the change that causes the effect; `drainOutbox` claims due rows with a
 * conditional update (a lease, so two workers never run one row at once), runs the topic's handler
 * and records the result. Handlers must be idempotent: after a crash between the effect and the
 * bookkeeping the row runs again (mail uses the row id as the provider's idempotency key).
 */
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { MAIL_TOPIC, outbox } from '../../db/schema';
import type { Db } from '../adapters/db/types';
import { newId } from '../lib/ids';

export type OutboxRow = typeof outbox.$inferSelect;

/** Thrown by a handler when retrying cannot help (e.g. the provider refused the address). */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

export type OutboxHandler = (row: OutboxRow) => Promise<void>;

export interface EnqueueOptions {
  topic: string;
  /** Unique per effect. With `coalesce`, queuing the same key again re-arms the pending row instead. */
  key: string;
  payload: Record<string, unknown>;
  now: string;
  /** For "sync X to its current state" effects, where one pending run covers many changes. */
  coalesce?: boolean;
  /** Earliest time to run, e.g. for a reminder; defaults to now. */
  runAt?: string;
}

export function enqueueStatement(db: Db, o: EnqueueOptions) {
  const insert = db.insert(outbox).values({
    id: newId('outbox'),
    topic: o.topic,
    dedupeKey: o.key,
    payload: o.payload,
    nextAttemptAt: o.runAt ?? o.now,
    createdAt: o.now,
  });
  if (!o.coalesce) return insert.onConflictDoNothing({ target: outbox.dedupeKey });
  return insert.onConflictDoUpdate({
    target: outbox.dedupeKey,
    set: {
      payload: o.payload,
      status: 'pending',
      generation: sql`${outbox.generation} + 1`,
      attempts: 0,
      nextAttemptAt: o.runAt ?? o.now,
      lastError: null,
      doneAt: null,
    },
  });
}

export interface DrainOptions {
  now?: () => Date;
  /** Rows claimed per pass. */
  batchSize?: number;
  leaseMs?: number;
  /** Attempts before a row is marked failed, per topic (default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: Record<string, number>;
  /** Only these topics (a worker per topic), or all with a handler. */
  topics?: string[];
}

export const DEFAULT_MAX_ATTEMPTS = 10;
/**
 * Mail rides out longer provider outages: 20 attempts span about ten hours with the backoff below,
 * well inside Resend's 24-hour idempotency window, so a late retry still cannot send twice.
 */
export const TOPIC_MAX_ATTEMPTS: Record<string, number> = { [MAIL_TOPIC]: 20 };

/** Delay before attempt n+1: 2 s, 4 s, 8 s … capped at one hour, with ±20 % jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(3_600_000, 2000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface DrainResult {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

export async function drainOutbox(
  db: Db,
  handlers: Record<string, OutboxHandler>,
  opts: DrainOptions = {},
): Promise<DrainResult> {
  const clock = opts.now ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? 60_000;
  const maxAttempts = { ...TOPIC_MAX_ATTEMPTS, ...opts.maxAttempts };
  const topics = opts.topics ?? Object.keys(handlers);
  const result: DrainResult = { claimed: 0, done: 0, retried: 0, failed: 0 };
  if (topics.length === 0) return result;

  const nowIso = clock().toISOString();
  const due = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, nowIso),
        or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, nowIso)),
        sql`${outbox.topic} IN (${sql.join(
          topics.map((t) => sql`${t}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(opts.batchSize ?? 50);

  for (const { id } of due) {
    const claimAt = clock();
    const [row] = await db
      .update(outbox)
      .set({
        lockedUntil: new Date(claimAt.getTime() + leaseMs).toISOString(),
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(
        and(
          eq(outbox.id, id),
          eq(outbox.status, 'pending'),
          or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, claimAt.toISOString())),
        ),
      )
      .returning();
    if (!row) continue; // another worker took it
    result.claimed++;
    const handler = handlers[row.topic];
    try {
      if (!handler) throw new PermanentFailure(`no handler for topic ${row.topic}`);
      await handler(row);
      const finished = clock().toISOString();
      // Complete only the generation we ran; a newer queued change keeps the row pending.
      const [completed] = await db
        .update(outbox)
        .set({ status: 'done', doneAt: finished, lockedUntil: null, lastError: null })
        .where(and(eq(outbox.id, row.id), eq(outbox.generation, row.generation)))
        .returning({ id: outbox.id });
      if (!completed) await db.update(outbox).set({ lockedUntil: null }).where(eq(outbox.id, row.id));
      result.done++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent =
        err instanceof PermanentFailure || row.attempts >= (maxAttempts[row.topic] ?? DEFAULT_MAX_ATTEMPTS);
      const next = new Date(clock().getTime() + backoffMs(row.attempts)).toISOString();
      await db
        .update(outbox)
        .set(
          permanent
            ? { status: 'failed', lockedUntil: null, lastError: message.slice(0, 500) }
            : { nextAttemptAt: next, lockedUntil: null, lastError: message.slice(0, 500) },
        )
        .where(and(eq(outbox.id, row.id), eq(outbox.generation, row.generation)));
      if (permanent) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

/** Put failed rows back in the queue (after the cause was fixed). */
export async function retryFailed(db: Db, ids: string[], now: string) {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(
      and(
        eq(outbox.status, 'failed'),
        sql`${outbox.id} IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}
