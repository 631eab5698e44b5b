import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json } from './columns';

export const outboxStatuses = ['pending', 'done', 'failed'] as const;

/*
 * The outbox topics, named once, here beside the table whose `topic` column holds them: producers
 * enqueue under these names, the app registers one handler per name, and the embedded search reads
 * pending `search.slot` rows.
 */
/** Keeps one slot's search-index entry in step with its row (coalesced per slot). */
export const SEARCH_TOPIC = 'search.slot';
/** A domain event (src/outbox/notify.ts) that may cause notifications. */
export const NOTIFY_TOPIC = 'notify';
/** One email to one recipient. */
export const MAIL_TOPIC = 'mail';
/** A follow-along reminder due on a started placement. */
export const FOLLOWUP_TOPIC = 'followup';
/** A follow-up 3, 6 or 12 months after an exit or a hire falls due (src/services/follow-ups). */
export const MILESTONE_TOPIC = 'milestone';
/** Every topic, for reports that list each one even when it has nothing waiting (/health). */
export const OUTBOX_TOPICS = [
  SEARCH_TOPIC,
  NOTIFY_TOPIC,
  MAIL_TOPIC,
  FOLLOWUP_TOPIC,
  MILESTONE_TOPIC,
] as const;

/**
 * Transactional outbox for side effects that must not be lost: search index updates and emails.
 * A row is written in the same atomic batch as the change that causes it; workers claim rows with a
 * conditional update (lease), so a crash delays an effect but never loses or doubles it.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    topic: text('topic').notNull(),
    /** Unique per effect, so the same effect is never queued twice (and doubles as an idempotency key). */
    dedupeKey: text('dedupe_key').notNull(),
    payload: json<Record<string, unknown>>('payload').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    /**
     * Bumped when a pending effect is queued again under the same key (e.g. a slot changed twice before
     * the index caught up). A worker completes a row only at the generation it read, so a change that
     * arrives while the worker is busy is never marked done by mistake.
     */
    generation: integer('generation').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /**
     * When the pending effect fell due: set when it is queued (or queued again after it ran), kept
     * through retries. `/health` reports how long the oldest due effect has waited from this, so a
     * provider outage shows even while each retry's `nextAttemptAt` moves on.
     */
    dueAt: text('due_at').notNull().default(''),
    /** A worker's lease: the row is not claimed again before this instant. */
    lockedUntil: text('locked_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    doneAt: text('done_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey),
    // The claim (src/outbox/outbox.ts): due rows still to run, oldest first. Only pending rows, as the
    // claim asks (`status = 'pending'` written out, not bound, so the planner may use it): done rows,
    // most of the table and never removed, are in no index but the key's and the id's, so marking a
    // row done drops an entry instead of moving it, and queuing one adds to a small index. It
    // replaced (status, next_attempt_at) and (topic, status), which no query needed besides the claim.
    index('outbox_claim_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    // Only rows still to run: the embedded search asks, for each candidate slot, whether its index task
    // is still to run, and most rows are done (src/search/embedded/statement.ts).
    index('outbox_pending_key_idx').on(t.dedupeKey).where(sql`${t.status} IN ('pending', 'failed')`),
    // /health counts what waits per topic from this alone, however many rows are done.
    index('outbox_waiting_topic_idx')
      .on(t.topic, t.status, t.dueAt)
      .where(sql`${t.status} IN ('pending', 'failed')`),
  ],
);
