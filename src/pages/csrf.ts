/**
 * Cross-site request forgery: every form carries a token another site cannot know, and every POST
 * must also come from this site's own pages (the Origin header, hono/csrf).
 * - Signed in: the session's own token (stored with the session, server-side); a participant's
 *   device session (src/pages/me) has one of its own.
 * - Signed out (the sign-in forms): a random token in an HttpOnly cookie, repeated in the form
 *   (double submit); SameSite=Lax keeps other sites from sending it along.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { randomToken } from '../lib/crypto';
import type { PageEnv } from './env';
import type { CookiePolicy } from './session';

export const CSRF_FIELD = '_csrf';
const CSRF_COOKIE = 'se_csrf';
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Thrown when a form's token is missing or wrong; rendered as a page by the error handler. */
export class CsrfRefused extends Error {
  override name = 'CsrfRefused';
}

/** The Origin check: this request's own origin, or the public one (behind a proxy they differ). */
export function originCheck(publicBaseUrl: string): MiddlewareHandler<PageEnv> {
  const publicOrigin = new URL(publicBaseUrl).origin;
  return csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin });
}

/** Sets `c.var.csrfToken` for the page's forms and checks it on every POST. Run after loadSession. */
export function csrfToken(policy: CookiePolicy): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    let token = c.var.session?.csrfToken ?? c.var.participantSession?.csrfToken;
    if (!token) {
      token = getCookie(c, CSRF_COOKIE);
      if (!token || token.length < 20) {
        token = randomToken(24);
        setCookie(c, CSRF_COOKIE, token, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: policy.secure,
          path: '/',
        });
      }
    }
    c.set('csrfToken', token);
    if (unsafe.has(c.req.method)) {
      const body = await c.req.parseBody();
      if (body[CSRF_FIELD] !== token) throw new CsrfRefused('the form’s token does not match');
    }
    await next();
  };
}
