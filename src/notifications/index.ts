/**
 * Email notifications: domain events → who is told what → one `mail` outbox row per recipient →
 * the mailer. Registered in src/outbox/handlers.ts under three topics.
 */
import type { Mailer } from '../mail';
import { NOTIFY_TOPIC } from '../outbox/notify';
import type { OutboxHandler } from '../outbox/outbox';
import type { NotifyContext } from './context';
import { FOLLOWUP_TOPIC, followUpHandler } from './followup';
import { mailHandler } from './mail-handler';
import { notifyHandler } from './notify-handler';
import { MAIL_TOPIC } from './queue';

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

export { FOLLOWUP_TOPIC } from './followup';
export { MAIL_TOPIC } from './queue';
