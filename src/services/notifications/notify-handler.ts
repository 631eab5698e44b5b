/**
 * The `notify` outbox topic: turns a domain event (src/outbox/notify.ts) into mails. Every branch is
 * idempotent (mail keys derive from the event row's key and the recipient), so a re-run after a
 * crash queues nothing twice. Events that concern no one are done without a mail.
 */
import { DomainEvent } from '../../outbox/notify';
import type { OutboxHandler } from '../../outbox/outbox';
import type { NotifyContext } from './context';
import { agreementMails } from './events/agreement';
import { apiKeyIssuedMails } from './events/api-key';
import { placementMails } from './events/placements';
import { slotOpenedDigest } from './events/slot-digest';

export function notifyHandler(ctx: NotifyContext): OutboxHandler {
  return async (row) => {
    const parsed = DomainEvent.safeParse(row.payload);
    if (!parsed.success) {
      ctx.logger.warn('notify: unknown event', { event: row.payload.event });
      return;
    }
    const e = parsed.data;
    switch (e.event) {
      case 'api_key.issued':
        return apiKeyIssuedMails(ctx, row.dedupeKey, e.keyId);
      case 'slot.opened':
        return slotOpenedDigest(ctx, row.dedupeKey, e.slotId);
      case 'agreement.approval_wanted':
        return agreementMails(ctx, row.dedupeKey, e);
      default:
        return placementMails(ctx, row.dedupeKey, e);
    }
  };
}
