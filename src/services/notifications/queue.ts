/**
 * Queuing one mail: a notification row and its `mail` outbox row, in one atomic batch with whatever
 * caused it. Both inserts are no-ops when the mail's key exists, so a notify handler that runs again
 * after a crash queues nothing twice.
 */
import type { NotificationTemplate, RecipientKind } from '../../../db/schema';
import { MAIL_TOPIC, notifications } from '../../../db/schema';
import { runBatch } from '../../adapters/db/batch';
import type { BatchItem, Db } from '../../adapters/db/types';
import { newId } from '../../lib/ids';
import type { TemplateData } from '../../mail/templates';
import { enqueueStatement } from '../../outbox/outbox';
import { rowInsertReturning } from '../raw-writes';

export interface Recipient {
  kind: RecipientKind;
  id: string;
  email: string;
  /** The recipient's organization, whose admin may see the mail. */
  organizationId: string;
  name: string | null;
}

export interface MailSpec<T extends NotificationTemplate> {
  /** Unique per mail: its cause and its recipient. */
  key: string;
  template: T;
  recipient: Recipient;
  data: TemplateData[T];
  now: string;
  /** When to send; now unless later (a digest's send time). */
  sendAt?: string;
}

/** Fixed SQL (raw-writes.ts): the builder cost a mail more CPU than its insert. */
const insertNotification = rowInsertReturning(
  notifications,
  [
    'id',
    'dedupeKey',
    'outboxKey',
    'template',
    'organizationId',
    'recipientKind',
    'recipientId',
    'recipientEmail',
    'data',
    'sendAt',
    'createdAt',
  ],
  ' ON CONFLICT ("dedupe_key") DO NOTHING RETURNING "id"',
);
export const outboxKeyOf = (notificationKey: string) => `${MAIL_TOPIC}:${notificationKey}`;

export function queueMailStatements<T extends NotificationTemplate>(db: Db, m: MailSpec<T>) {
  const sendAt = m.sendAt ?? m.now;
  return [
    insertNotification(db, {
      id: newId('notification'),
      dedupeKey: m.key,
      outboxKey: outboxKeyOf(m.key),
      template: m.template,
      organizationId: m.recipient.organizationId,
      recipientKind: m.recipient.kind,
      recipientId: m.recipient.id,
      recipientEmail: m.recipient.email,
      data: m.data,
      sendAt,
      createdAt: m.now,
    }),
    enqueueStatement(db, {
      topic: MAIL_TOPIC,
      key: outboxKeyOf(m.key),
      payload: { notification: m.key },
      now: m.now,
      runAt: sendAt,
    }),
  ] as const;
}

/** One mail per address: the same person may be both a slot's supervisor and the employer's contact. */
export function uniqueByEmail(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => {
    const email = r.email.toLowerCase();
    if (seen.has(email)) return false;
    seen.add(email);
    return true;
  });
}

/** The statements that queue one mail per recipient; `key(r)` names each mail. */
export function mailStatements<T extends NotificationTemplate>(
  db: Db,
  recipients: Recipient[],
  spec: (r: Recipient) => Omit<MailSpec<T>, 'recipient'>,
): BatchItem[] {
  return uniqueByEmail(recipients).flatMap((r) => queueMailStatements(db, { ...spec(r), recipient: r }));
}

/**
 * Queues one mail per recipient in one batch; `key(r)` names each mail. With `into`, the statements
 * are added to it instead, for a batch the caller runs (a notify pass's events together).
 */
export async function queueMails<T extends NotificationTemplate>(
  db: Db,
  recipients: Recipient[],
  spec: (r: Recipient) => Omit<MailSpec<T>, 'recipient'>,
  into?: BatchItem[],
) {
  const statements = mailStatements(db, recipients, spec);
  if (into) into.push(...statements);
  else if (statements.length > 0) await runBatch(db, statements);
}

/** The mail key for an event's mail to one recipient: the event row's key plus who receives it. */
export const eventMailKey = (eventKey: string, r: Recipient) => `${eventKey}:${r.kind}:${r.id}`;
