/**
 * Email notifications: domain events → who is told what → one `mail` outbox row per recipient →
 * the mailer. Registered in src/services/outbox-handlers.ts under three topics.
 */
import { FOLLOWUP_TOPIC, MAIL_TOPIC, NOTIFY_TOPIC } from '../../../db/schema';
import type { Mailer } from '../../mail';
import type { OutboxHandler } from '../../outbox/outbox';
import type { NotifyContext } from './context';
import { followUpHandler } from './followup';
import { mailHandler } from './mail-handler';
import { notifyHandler } from './notify-handler';

export interface NotificationDeps extends NotifyContext {
  mailer: Mailer;
}

export function notificationHandlers(deps: NotificationDeps): Record<string, OutboxHandler> {
  return {
    [NOTIFY_TOPIC]: notifyHandler(deps),
    [MAIL_TOPIC]: mailHandler({
      db: deps.db,
      mailer: deps.mailer,
      baseUrl: deps.config.PUBLIC_BASE_URL,
      now: deps.now,
    }),
    [FOLLOWUP_TOPIC]: followUpHandler(deps),
  };
}
