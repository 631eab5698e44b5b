import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json } from './columns';
import { organizations } from './organizations';

export const notificationTemplates = [
  'api_key_issued',
  'placement_proposed',
  'placement_accepted',
  'placement_declined',
  'placement_withdrawn',
  'slot_digest',
  'followup_due',
  'milestone_due',
  'sign_in_link',
  'agreement_approval_wanted',
] as const;
export type NotificationTemplate = (typeof notificationTemplates)[number];

/** Who a mail goes to, so a retry can pick up a corrected address. */
export const recipientKinds = ['user', 'supervisor', 'organization'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

/**
 * One email to one recipient. Written in the same batch as its `mail` outbox row (`outboxKey`), which
 * carries the delivery state (pending/done/failed, attempts, last error, next try): the notifications
 * API joins the two, so the state lives in one place. The row id is the provider's idempotency key.
 * Mails carry nothing sensitive: `data` holds the template parameters (names of slots, organizations
 * and the people written to), never a participant reference or adaptation needs.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    /** Unique per mail: its cause (an event's outbox key, a digest day, a follow-up step) + recipient. */
    dedupeKey: text('dedupe_key').notNull(),
    /** Dedupe key of the `mail` outbox row that sends this mail. */
    outboxKey: text('outbox_key').notNull(),
    template: text('template', { enum: notificationTemplates }).notNull(),
    /** The recipient's organization: its admin (or coordinator) may see and retry the mail. */
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    recipientKind: text('recipient_kind', { enum: recipientKinds }).notNull(),
    /** A user, supervisor or organization id, by `recipientKind`. */
    recipientId: text('recipient_id').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    /**
     * Template parameters (the template's data type, src/mail/templates; read back through
     * `storedTemplateData`). A digest gains slots until it is frozen.
     */
    data: json<object>('data').notNull(),
    /** Bumped on each change of `data`, for compare-and-set appends to a digest. */
    revision: integer('revision').notNull().default(0),
    /**
     * The rendered mail, frozen at the first send attempt so that every retry sends the identical
     * request (the provider's idempotency check compares it) and nothing joins a digest being sent.
     */
    subject: text('subject'),
    textBody: text('text_body'),
    htmlBody: text('html_body'),
    frozenAt: text('frozen_at'),
    /** When the mail is due: now, a digest's fixed send time, or a follow-up date. */
    sendAt: text('send_at').notNull(),
    sentAt: text('sent_at'),
    /** The provider's message id (Resend's email id, or `dev_…` for the development mailer). */
    providerId: text('provider_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    uniqueIndex('notifications_outbox_uq').on(t.outboxKey),
    index('notifications_org_idx').on(t.organizationId, t.id),
    index('notifications_recipient_idx').on(t.recipientKind, t.recipientId, t.template),
  ],
);
