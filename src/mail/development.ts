/**
 * The development mailer, the default when RESEND_API_KEY is not set: nothing leaves the machine.
 * The mail itself is already kept in the database (the notification row holds the rendered subject,
 * text and HTML; see GET /v1/notifications/{id}); this prints one short line per mail, with the
 * recipient's domain and the template only, never the body or the address, and for a web sign-in
 * mail its link, so a developer can sign in.
 */
import type { Logger } from '../lib/logger';
import { type Mailer, maskedAddress, type OutgoingMail } from './types';

export function developmentMailer(logger: Logger): Mailer {
  return {
    name: 'development',
    async send(mail: OutgoingMail) {
      logger.info('mail kept (development mailer, not sent)', {
        id: mail.idempotencyKey,
        to: maskedAddress(mail.to),
        template: mail.template,
      });
      // A sign-in link is useless unless someone can follow it: in development it is printed (it is
      // one-time and expires in 15 minutes; production sends it and never logs it).
      if (mail.template === 'sign_in_link') {
        const link = /https?:\/\/\S+\/sign-in\/link\/\S+/.exec(mail.text)?.[0];
        if (link) logger.info('sign-in link (development mailer)', { link });
      }
      // Deterministic, like a provider's idempotent answer: a repeated send gives the same id.
      return { providerId: `dev_${mail.idempotencyKey}` };
    },
  };
}
