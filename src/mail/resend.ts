/**
 * The Resend adapter: one `POST /emails` with plain fetch (Node and Workers alike; the resend SDK is
 * not used because its optional React renderer breaks the Workers bundle, resend/resend-node#587).
 * The `Idempotency-Key` header makes a repeated request return the first answer without sending
 * again (Resend keeps keys 24 hours), so a retry after a crash or a lost answer never doubles a mail.
 */
import { type Mailer, MailRefused, MailUnavailable, type OutgoingMail, type SentMail } from './types';

export interface ResendOptions {
  apiKey: string;
  from: string;
  /** `https://api.resend.com` unless set (tests point it at a local server). */
  baseUrl?: string;
  /** Give up on a request after this long; the mail is retried later with the same key. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const DEFAULT_RESEND_BASE_URL = 'https://api.resend.com';

interface ResendError {
  name?: string;
  message?: string;
}

/**
 * Which answers are worth another try: the provider being down or busy (5xx, 408, 429) and two
 * requests with one key at once. Everything else in 4xx refuses this mail as it is: a bad address
 * (422), a key with different content (409), or a configuration fault (401/403) that needs a person
 * and then a retry of the failed mails.
 */
function isTransient(status: number, error: ResendError) {
  if (status >= 500 || status === 408 || status === 429) return true;
  return status === 409 && error.name === 'concurrent_idempotent_requests';
}

/**
 * A `Retry-After` header in milliseconds: delta-seconds (what Resend sends on a 429) or an HTTP date.
 * Undefined when absent or unreadable, so the outbox's own backoff applies.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}, /.test(text)) return undefined; // an IMF-fixdate, e.g. `Wed, 21 Oct 2026 07:28:00 GMT`
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function readJson(res: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await res.json();
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function resendMailer(o: ResendOptions): Mailer {
  const url = `${(o.baseUrl ?? DEFAULT_RESEND_BASE_URL).replace(/\/+$/, '')}/emails`;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const doFetch = o.fetch ?? fetch;

  return {
    name: 'resend',
    async send(mail: OutgoingMail): Promise<SentMail> {
      let res: Response;
      let body: Record<string, unknown>;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${o.apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': mail.idempotencyKey,
          },
          body: JSON.stringify({
            from: o.from,
            to: [mail.to],
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            tags: [{ name: 'template', value: mail.template }],
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = await readJson(res);
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        throw new MailUnavailable(
          timedOut
            ? `Resend did not answer within ${timeoutMs} ms`
            : `Resend could not be reached: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      if (res.ok && typeof body.id === 'string') return { providerId: body.id };
      const error = body as ResendError;
      const reason = `Resend answered ${res.status}${error.name ? ` ${error.name}` : ''}: ${
        error.message ?? (res.ok ? 'no message id in the answer' : res.statusText)
      }`.slice(0, 400);
      if (res.ok || isTransient(res.status, error))
        throw new MailUnavailable(reason, retryAfterMs(res.headers.get('retry-after')));
      throw new MailRefused(reason);
    },
  };
}
