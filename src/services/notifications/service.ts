/**
 * The notifications API's reads and retries. A notification's delivery state lives on its `mail`
 * outbox row (attempts, last error, failed); this joins the two so there is one source of truth:
 * sent = `sentAt` recorded; failed = the outbox gave up (refused address, or out of attempts);
 * pending = queued or being retried. Who sees what: the platform admin all mails; an organization's
 * admin or coordinator the mails to its own people (users, supervisors, its contact address).
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { notifications, organizations, outbox, supervisors, users } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import type { Actor } from '../../auth/actor';
import { isPlatform } from '../../auth/policy';
import { listPage } from '../../lib/pagination';
import { conflict, forbidden, notFound } from '../../lib/problem';
import { retryFailed } from '../../outbox/outbox';
import { BULK_RETRY_LIMIT, type NotificationListQuery, type NotificationStatus } from './schemas';

const statusCondition: Record<NotificationStatus, SQL> = {
  sent: isNotNull(notifications.sentAt),
  // Written out with the partial index's own condition, so every failed mail of the platform is
  // found among the waiting rows (outbox_waiting_topic_idx) rather than by reading every row.
  failed: and(
    isNull(notifications.sentAt),
    sql`${outbox.status} IN ('pending', 'failed') AND ${outbox.status} = 'failed'`,
  )!,
  pending: and(isNull(notifications.sentAt), ne(outbox.status, 'failed'))!,
};

const columns = {
  n: notifications,
  outboxId: outbox.id,
  outboxStatus: outbox.status,
  attempts: outbox.attempts,
  lastError: outbox.lastError,
  nextAttemptAt: outbox.nextAttemptAt,
};
type Joined = {
  n: typeof notifications.$inferSelect;
  outboxId: string;
  outboxStatus: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
};

const statusOf = (r: Joined): NotificationStatus =>
  r.n.sentAt ? 'sent' : r.outboxStatus === 'failed' ? 'failed' : 'pending';

export function toNotification(r: Joined) {
  const status = statusOf(r);
  return {
    id: r.n.id,
    status,
    template: r.n.template,
    recipient: {
      kind: r.n.recipientKind,
      id: r.n.recipientId,
      email: r.n.recipientEmail,
      organizationId: r.n.organizationId,
    },
    attempts: r.attempts,
    lastError: status === 'sent' ? null : r.lastError,
    nextAttemptAt: status === 'pending' ? r.nextAttemptAt : null,
    sendAt: r.n.sendAt,
    createdAt: r.n.createdAt,
    sentAt: r.n.sentAt,
    providerId: r.n.providerId,
  };
}

/** Whose mails the caller may see: every organization (undefined) or one. */
function scopeOf(actor: Actor, requested?: string): string | undefined {
  if (isPlatform(actor)) return requested;
  if (actor.role !== 'admin' && actor.role !== 'coordinator')
    throw forbidden('Only an organization’s admin or coordinator may see its mails.');
  if (requested && requested !== actor.organizationId)
    throw forbidden('You can only see the mails of your own organization.');
  return actor.organizationId;
}

export function notificationService(ctx: { db: Db; now(): string }) {
  const { db } = ctx;
  const joined = () =>
    db.select(columns).from(notifications).innerJoin(outbox, eq(outbox.dedupeKey, notifications.outboxKey));

  async function load(actor: Actor, id: string): Promise<Joined> {
    const scope = scopeOf(actor);
    const [r] = await joined().where(
      and(eq(notifications.id, id), scope ? eq(notifications.organizationId, scope) : undefined),
    );
    if (!r) throw notFound('Notification', id);
    return r;
  }

  /** Takes the recipient's current address, so a corrected address is used by the retry. */
  function refreshRecipients(ids: string[]) {
    const current = sql`CASE ${notifications.recipientKind}
      WHEN 'user' THEN (SELECT ${users.email} FROM ${users} WHERE ${users.id} = ${notifications.recipientId})
      WHEN 'supervisor' THEN (SELECT ${supervisors.email} FROM ${supervisors} WHERE ${supervisors.id} = ${notifications.recipientId})
      WHEN 'organization' THEN (SELECT ${organizations.contactEmail} FROM ${organizations} WHERE ${organizations.id} = ${notifications.recipientId})
    END`;
    return db
      .update(notifications)
      .set({ recipientEmail: sql`COALESCE(${current}, ${notifications.recipientEmail})` })
      .where(and(inArray(notifications.id, ids), isNull(notifications.sentAt)));
  }

  async function retryRows(rows: Joined[]) {
    const failed = rows.filter((r) => statusOf(r) === 'failed');
    if (failed.length === 0) return 0;
    await refreshRecipients(failed.map((r) => r.n.id));
    return retryFailed(
      db,
      failed.map((r) => r.outboxId),
      ctx.now(),
    );
  }

  return {
    async list(actor: Actor, q: NotificationListQuery) {
      const scope = scopeOf(actor, q.organizationId);
      const page = await listPage(q, (after, take) =>
        joined()
          .where(
            and(
              scope ? eq(notifications.organizationId, scope) : undefined,
              q.status ? statusCondition[q.status] : undefined,
              after ? gt(notifications.id, after) : undefined,
            ),
          )
          .orderBy(asc(notifications.id))
          .limit(take)
          .then((rows) => rows.map((r) => ({ id: r.n.id, r }))),
      );
      return { ...page, data: page.data.map((p) => toNotification(p.r)) };
    },

    /** One mail with its rendered content (as sent, or as it will be sent once frozen). */
    async get(actor: Actor, id: string) {
      const r = await load(actor, id);
      return {
        ...toNotification(r),
        content: !r.n.frozenAt
          ? null
          : // A sign-in link would sign the reader in as its recipient: its text is never shown.
            r.n.template === 'sign_in_link'
            ? { subject: r.n.subject!, text: '(withheld: a one-time sign-in link)' }
            : { subject: r.n.subject!, text: r.n.textBody! },
      };
    },

    async retry(actor: Actor, id: string) {
      const r = await load(actor, id);
      if (statusOf(r) !== 'failed')
        throw conflict(`The notification is ${statusOf(r)}; only failed mails can be retried.`, 'not-failed');
      await retryRows([r]);
      return toNotification(await load(actor, id));
    },

    /** Retries the given failed mails, or every failed mail the caller sees (up to BULK_RETRY_LIMIT). */
    async retryMany(actor: Actor, ids?: string[]) {
      const scope = scopeOf(actor);
      const rows = await joined()
        .where(
          and(
            scope ? eq(notifications.organizationId, scope) : undefined,
            statusCondition.failed,
            ids ? inArray(notifications.id, ids) : undefined,
          ),
        )
        .orderBy(asc(notifications.id))
        .limit(BULK_RETRY_LIMIT);
      return { retried: await retryRows(rows), more: rows.length === BULK_RETRY_LIMIT };
    },
  };
}

export type NotificationService = ReturnType<typeof notificationService>;
