/**
 * The browser's session: the cookie holds a random token whose hash names a server-side row
 * (src/services/web-sessions). HttpOnly (no script reads it), SameSite=Lax (other sites' forms do not
 * send it), Secure outside development (plain http://localhost needs it off).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { OpenedSession } from '../services/web-sessions';
import type { PageEnv } from './env';

export const SESSION_COOKIE = 'se_session';

export interface CookiePolicy {
  secure: boolean;
}

export function setSessionCookie(c: Context<PageEnv>, s: OpenedSession, policy: CookiePolicy) {
  setCookie(c, SESSION_COOKIE, s.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: policy.secure,
    path: '/',
    expires: new Date(s.expiresAt),
  });
}

export function clearSessionCookie(c: Context<PageEnv>, policy: CookiePolicy) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: policy.secure, httpOnly: true, sameSite: 'Lax' });
}

/** Reads the session (if any) into `c.var.session`; an ended or unknown one counts as signed out. */
export const loadSession: MiddlewareHandler<PageEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE) ?? null;
  const session = token ? await c.var.services.webSessions.resolve(token) : null;
  c.set('session', session);
  c.set('sessionToken', session ? token : null);
  // The actor is what request logging and the services read.
  if (session) c.set('actor', session.actor);
  await next();
};

/** The page asked for, so sign-in can return to it. */
export const currentPath = (c: Context<PageEnv>) => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

/**
 * Pages behind sign-in: a signed-out visitor goes to the sign-in page, which returns here after.
 * A form sent after the session ended returns to the page the form was on (its own path for GETs).
 */
export const requireSignIn: MiddlewareHandler<PageEnv> = async (c, next) => {
  if (c.var.session) return next();
  const back = c.req.method === 'GET' ? currentPath(c) : '/';
  return c.redirect(`/?next=${encodeURIComponent(back)}`, 303);
};

/** The signed-in session; only for handlers behind `requireSignIn`. */
export function signedIn(c: Context<PageEnv>) {
  const s = c.var.session;
  if (!s) throw new Error('signedIn() on a page without requireSignIn');
  return s;
}
