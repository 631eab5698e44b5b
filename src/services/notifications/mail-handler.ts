/**
 * The `mail` outbox topic: sends one notification. The order makes it safe to run again at any point:
 * 1. freeze the rendered mail (once; later runs send exactly the same request),
 * 2. send it with the notification id as the idempotency key (the provider sends a key once),
 * 3. record the provider's id and `sentAt` (a run that finds `sentAt` set does nothing).
 * A crash between 2 and 3 runs the row again: step 2 repeats with the same key and the provider
 * answers with the first result instead of sending twice.
 */
import { eq, sql } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import { runBatch } from '../../adapters/db/batch';
import type { Db } from '../../adapters/db/types';
import { type Mailer, MailRefused, MailUnavailable } from '../../mail';
import { renderMail, storedTemplateData } from '../../mail/templates';
import {
  type ManyControl,
  type ManyOutcomes,
  type OutboxHandler,
  type OutboxRow,
  PermanentFailure,
  RetryLater,
} from '../../outbox/outbox';
import { rowUpdate, rowUpdateSet } from '../raw-writes';
import { notifyQueries } from './queries';

export type NotificationRow = typeof notifications.$inferSelect;

export interface MailHandlerDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
  now(): string;
}

/** The rendered mail to store for a notification row (its `freeze`). */
function rendering(deps: MailHandlerDeps, n: NotificationRow) {
  const rendered = renderMail(n.template, storedTemplateData(n.template, n.data), deps.baseUrl);
  return {
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    frozenAt: deps.now(),
  };
}

/**
 * The freeze of `n` as read: applies only if no one appended to it or froze it meanwhile. Fixed SQL
 * (raw-writes.ts), not the builder, which with its RETURNING of every column cost the outbox thread
 * more than the mail's rendering. `frozen` is the row as it is stored once the update applied: the
 * row read with the rendering, since the update applies only where the row is still at the revision
 * read and unfrozen (every other change to a mail bumps its revision or is this pass's own).
 */
function freezeStatement(deps: MailHandlerDeps, n: NotificationRow) {
  const rendered = rendering(deps, n);
  return {
    statement: deps.db.all<{ id: string }>(
      sql`${updateNotificationSet(rendered)} WHERE "id" = ${n.id} AND "revision" = ${n.revision} AND "frozen_at" IS NULL RETURNING "id"`,
    ),
    frozen: { ...n, ...rendered },
  };
}

/**
 * Renders and stores the mail once. Conditional on the revision read, so a slot appended to a digest
 * while this runs is either in the frozen mail or (once frozen) goes to the next digest, never lost.
 */
async function freeze(deps: MailHandlerDeps, first: NotificationRow): Promise<NotificationRow> {
  let n = first;
  while (!n.frozenAt) {
    const { statement, frozen } = freezeStatement(deps, n);
    const [applied] = await statement;
    if (applied) return frozen;
    const [current] = await deps.db.select().from(notifications).where(eq(notifications.id, n.id));
    n = current!;
  }
  return n;
}

/** Sends a frozen mail (step 2); the provider's id, or the error the drain records. */
async function send(deps: MailHandlerDeps, n: NotificationRow): Promise<string> {
  try {
    const { providerId } = await deps.mailer.send({
      idempotencyKey: n.id,
      to: n.recipientEmail,
      subject: n.subject!,
      text: n.textBody!,
      html: n.htmlBody!,
      template: n.template,
    });
    return providerId;
  } catch (err) {
    if (err instanceof MailRefused) throw new PermanentFailure(err.message);
    // The provider said when to come back (429, 503): this row, and the pass's other mails, wait.
    if (err instanceof MailUnavailable && err.retryAfterMs !== undefined)
      throw new RetryLater(err.message, err.retryAfterMs);
    throw err;
  }
}

/** Fixed SQL (raw-writes.ts), not the builder: one per mail sent. */
const updateNotification = rowUpdate(notifications);
/** `UPDATE "notifications" SET <the rendering>`, for the freeze's own WHERE and RETURNING. */
const updateNotificationSet = rowUpdateSet(notifications);
const sentStatement = (deps: MailHandlerDeps, id: string, providerId: string) =>
  updateNotification(deps.db, { sentAt: deps.now(), providerId }, sql`"id" = ${id}`);

/** D1 binds at most 100 parameters per statement. */
const KEY_CHUNK = 90;

/**
 * A pass's mails together, each as the single-row handler would: one read of every notification,
 * one batch that freezes those not yet frozen, the sends in order, and their records, which
 * the drain writes with the pass's outcomes (ManyOutcomes.records). Under the load mix a pass carries a few mails; one at a time, each took three statements
 * and two commits of its own. A crash after a send and before the record runs the row again, as
 * one at a time: the same idempotency key, the provider answers with the first result.
 */
async function sendMany(
  deps: MailHandlerDeps,
  rows: OutboxRow[],
  control: ManyControl,
): Promise<ManyOutcomes> {
  const keys = [...new Set(rows.map((r) => String(r.payload.notification)))];
  const byKey = new Map<string, NotificationRow>();
  for (let i = 0; i < keys.length; i += KEY_CHUNK)
    for (const n of await notifyQueries(deps.db).notificationsByKey(keys.slice(i, i + KEY_CHUNK)))
      byKey.set(n.dedupeKey, n);
  const toFreeze = [...byKey.values()].filter((n) => !n.sentAt && !n.frozenAt);
  if (toFreeze.length > 0) {
    const freezes = toFreeze.map((n) => freezeStatement(deps, n));
    const applied = await runBatch(
      deps.db,
      freezes.map((f) => f.statement),
    );
    // Appended to meanwhile (a digest): frozen one at a time below, after a fresh read.
    applied.forEach((rows, i) => {
      const f = freezes[i]!.frozen;
      if (Array.isArray(rows) && rows.length > 0) byKey.set(f.dedupeKey, f);
    });
  }
  const failures = new Map<string, unknown>();
  const sent: ReturnType<typeof sentStatement>[] = [];
  const sentNow = new Set<string>();
  let ran = 0;
  for (const row of rows) {
    if (!control.leaseHolds()) break;
    ran++;
    const key = String(row.payload.notification);
    const found = byKey.get(key);
    try {
      if (!found) throw new PermanentFailure(`notification ${key} does not exist`);
      if (found.sentAt || sentNow.has(found.id)) continue;
      const n = await freeze(deps, found);
      sent.push(sentStatement(deps, n.id, await send(deps, n)));
      sentNow.add(n.id);
    } catch (err) {
      failures.set(row.id, err);
      if (err instanceof RetryLater) break;
    }
  }
  // Recorded with the pass's outcomes, in the drain's batch: a crash before it runs the rows again,
  // which send with the same idempotency keys (the provider answers with the first result), as a
  // crash between a send and its record always did.
  return { failures, ran, records: sent };
}

export function mailHandler(deps: MailHandlerDeps): OutboxHandler {
  const one = async (row: OutboxRow) => {
    const key = String(row.payload.notification);
    const [found] = await notifyQueries(deps.db).notificationsByKey([key]);
    if (!found) throw new PermanentFailure(`notification ${key} does not exist`);
    if (found.sentAt) return;
    const n = await freeze(deps, found);
    const providerId = await send(deps, n);
    await sentStatement(deps, n.id, providerId);
  };
  return Object.assign(one, {
    many: (rows: OutboxRow[], control: ManyControl) => sendMany(deps, rows, control),
  });
}
