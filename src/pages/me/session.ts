/**
 * The participant's device session: its own cookie beside the staff one (a handler's phone may hold
 * both), with the same attributes (HttpOnly, SameSite=Lax, Secure outside development). Every
 * /me page is behind `requireParticipant` and answers `Cache-Control: no-store` (as all pages do).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ParticipantSelf } from '../../services/participant-access';
import type { PageEnv } from '../env';
import type { CookiePolicy } from '../session';

export const PARTICIPANT_COOKIE = 'se_participant';

export function setParticipantCookie(
  c: Context<PageEnv>,
  s: { token: string; expiresAt: string },
  policy: CookiePolicy,
) {
  setCookie(c, PARTICIPANT_COOKIE, s.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: policy.secure,
    path: '/',
    expires: new Date(s.expiresAt),
  });
}

export function clearParticipantCookie(c: Context<PageEnv>, policy: CookiePolicy) {
  deleteCookie(c, PARTICIPANT_COOKIE, { path: '/', secure: policy.secure, httpOnly: true, sameSite: 'Lax' });
}

/** Reads the participant's session (if any) into `c.var.participantSession`. */
export const loadParticipantSession: MiddlewareHandler<PageEnv> = async (c, next) => {
  const token = getCookie(c, PARTICIPANT_COOKIE) ?? null;
  const session = token ? await c.var.services.participantAccess.sessions.resolve(token) : null;
  c.set('participantSession', session);
  c.set('participantToken', session ? token : null);
  await next();
};

/** /me pages: a device without a participant session goes to the code sign-in. */
export const requireParticipant: MiddlewareHandler<PageEnv> = async (c, next) => {
  if (c.var.participantSession) return next();
  return c.redirect('/me/sign-in', 303);
};

/** The signed-in participant; only behind `requireParticipant`. */
export function me(c: Context<PageEnv>): ParticipantSelf {
  const s = c.var.participantSession;
  if (!s) throw new Error('me() on a page without requireParticipant');
  return { participantId: s.participantId, organizationId: s.organizationId, handlerId: s.handlerId };
}
