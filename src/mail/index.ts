import type { AppConfig } from '../config';
import type { Logger } from '../lib/logger';
import { developmentMailer } from './development';
import { resendMailer } from './resend';
import type { Mailer } from './types';

export { developmentMailer } from './development';
export { resendMailer } from './resend';
export * from './types';

/** The one place the mailer is chosen: Resend when RESEND_API_KEY is set, else the development mailer. */
export function createMailer(config: AppConfig, logger: Logger): Mailer {
  if (config.RESEND_API_KEY)
    return resendMailer({
      apiKey: config.RESEND_API_KEY,
      from: config.MAIL_FROM,
      baseUrl: config.RESEND_BASE_URL,
      timeoutMs: config.MAIL_TIMEOUT_MS,
    });
  if (config.NODE_ENV === 'production')
    logger.warn('RESEND_API_KEY is not set: mails are kept in the database and not sent');
  return developmentMailer(logger);
}
