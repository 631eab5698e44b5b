/**
 * The `mail` outbox topic: sends one notification. The order makes it safe to run again at any point:
 * 1. freeze the rendered mail (once; later runs send exactly the same request),
 * 2. send it with the notification id as the idempotency key (the provider sends a key once),
 * 3. record the provider's id and `sentAt` (a run that finds `sentAt` set does nothing).
 * A crash between 2 and 3 runs the row again: step 2 repeats with the same key and the provider
 * answers with the first result instead of sending twice.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { type Mailer, MailRefused, MailUnavailable } from '../../mail';
import { renderMail, storedTemplateData } from '../../mail/templates';
import { type OutboxHandler, PermanentFailure, RetryLater } from '../../outbox/outbox';

export type NotificationRow = typeof notifications.$inferSelect;

export interface MailHandlerDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
  now(): string;
}

/**
 * Renders and stores the mail once. Conditional on the revision read, so a slot appended to a digest
 * while this runs is either in the frozen mail or (once frozen) goes to the next digest, never lost.
 */
async function freeze(deps: MailHandlerDeps, first: NotificationRow): Promise<NotificationRow> {
  let n = first;
  while (!n.frozenAt) {
    const rendered = renderMail(n.template, storedTemplateData(n.template, n.data), deps.baseUrl);
    const [frozen] = await deps.db
      .update(notifications)
      .set({
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        frozenAt: deps.now(),
      })
      .where(
        and(
          eq(notifications.id, n.id),
          eq(notifications.revision, n.revision),
          isNull(notifications.frozenAt),
        ),
      )
      .returning();
    if (frozen) return frozen;
    const [current] = await deps.db.select().from(notifications).where(eq(notifications.id, n.id));
    n = current!;
  }
  return n;
}

export function mailHandler(deps: MailHandlerDeps): OutboxHandler {
  return async (row) => {
    const key = String(row.payload.notification);
    const [found] = await deps.db.select().from(notifications).where(eq(notifications.dedupeKey, key));
    if (!found) throw new PermanentFailure(`notification ${key} does not exist`);
    if (found.sentAt) return;
    const n = await freeze(deps, found);
    let providerId: string;
    try {
      ({ providerId } = await deps.mailer.send({
        idempotencyKey: n.id,
        to: n.recipientEmail,
        subject: n.subject!,
        text: n.textBody!,
        html: n.htmlBody!,
        template: n.template,
      }));
    } catch (err) {
      if (err instanceof MailRefused) throw new PermanentFailure(err.message);
      // The provider said when to come back (429, 503): this row, and the pass's other mails, wait.
      if (err instanceof MailUnavailable && err.retryAfterMs !== undefined)
        throw new RetryLater(err.message, err.retryAfterMs);
      throw err;
    }
    await deps.db
      .update(notifications)
      .set({ sentAt: deps.now(), providerId })
      .where(eq(notifications.id, n.id));
  };
}
