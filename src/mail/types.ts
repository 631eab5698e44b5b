/**
 * The mailer port: one email out, or an error that says whether trying again can help. Adapters:
 * Resend (src/mail/resend.ts) and the development mailer (src/mail/development.ts). Runs on Node and
 * Workers alike, so nothing here may use Node-only APIs.
 */
export interface OutgoingMail {
  /** Stable per mail (the notification id): the provider sends a repeated request only once. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Which template, for the provider's tags and the development log line. */
  template: string;
}

export interface SentMail {
  /** The provider's message id. */
  providerId: string;
}

export interface Mailer {
  readonly name: 'resend' | 'development';
  send(mail: OutgoingMail): Promise<SentMail>;
}

/** The provider refused this mail (e.g. the address); sending it again unchanged cannot help. */
export class MailRefused extends Error {
  override name = 'MailRefused';
}

/**
 * The provider could not take the mail now (5xx, 429, timeout, network); try again later, and not
 * before `retryAfterMs` when the provider said so (its `Retry-After`).
 */
export class MailUnavailable extends Error {
  override name = 'MailUnavailable';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** `name@example.se` → `*@example.se`: enough to debug delivery, no personal data in logs. */
export const maskedAddress = (email: string) => `*@${email.split('@').pop() ?? ''}`;
