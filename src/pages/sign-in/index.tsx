/**
 * Sign-in and sign-out. `GET /` shows the sign-in page to a signed-out visitor (the home page is in
 * ../home.tsx). Wrong keys and link requests count against the database-backed rate limits, the same
 * as the API's wrong keys, so neither door is easier to hammer than the other.
 */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppConfig } from '../../config';
import { type DemoKey, demoKeys } from '../../demo/seed';
import { Email } from '../../domain/fields';
import { safeReturnPath } from '../../services/web-sessions';
import type { PageEnv } from '../env';
import { LANG_COOKIE } from '../i18n';
import { type CookiePolicy, clearSessionCookie, setSessionCookie } from '../session';
import { readForm } from '../ui/validate';
import { linkPage, type SignInState, signInPage } from './view';

export function signInRouter(config: AppConfig, cookies: CookiePolicy) {
  const showDemo = config.SEED_DEMO && config.NODE_ENV !== 'production';
  const demo = async (c: { var: PageEnv['Variables'] }): Promise<DemoKey[]> =>
    showDemo ? demoKeys(c.var.services) : [];

  return new Hono<PageEnv>()
    .get('/sign-in', (c) =>
      c.redirect(`/?next=${encodeURIComponent(safeReturnPath(c.req.query('next')))}`, 303),
    )
    .post('/sign-in/key', async (c) => {
      const form = await readForm(c);
      const next = safeReturnPath(form.get('next'));
      const state = async (s: Partial<SignInState>) => ({ next, demo: await demo(c), ...s });
      const key = form.get('key');
      const { rateLimits } = c.var.services;
      const address = c.var.clientAddress;
      const before = await rateLimits.check(rateLimits.rules.authFailuresByAddress, address);
      if (before.limited)
        return signInPage(
          c,
          await state({ status: 429, errors: { key: c.var.t.signIn.tooMany(before.retryAfterSeconds) } }),
        );
      const opened = key ? await c.var.services.webSessions.openWithKey(key) : null;
      if (!opened) {
        const verdicts = await Promise.all([
          rateLimits.hit(rateLimits.rules.authFailuresByAddress, address),
          rateLimits.hit(rateLimits.rules.authFailuresByKey, key.slice(0, 10)),
        ]);
        const operator = !!key && (await c.var.services.apiKeys.authenticate(key))?.kind === 'platform';
        const message = verdicts.some((v) => v.limited)
          ? c.var.t.signIn.tooMany(Math.max(...verdicts.map((v) => v.retryAfterSeconds)))
          : operator
            ? c.var.t.signIn.keyOperator
            : key
              ? c.var.t.signIn.keyWrong
              : c.var.t.validation.required;
        return signInPage(c, await state({ status: 400, errors: { key: message } }));
      }
      if (c.var.sessionToken) await c.var.services.webSessions.end(c.var.sessionToken);
      setSessionCookie(c, opened, cookies);
      return c.redirect(next, 303);
    })
    .post('/sign-in/email', async (c) => {
      const form = await readForm(c);
      const next = safeReturnPath(form.get('next'));
      const email = form.get('email');
      const state = async (s: Partial<SignInState>) => ({ next, email, demo: await demo(c), ...s });
      const parsed = Email.safeParse(email);
      if (!parsed.success)
        return signInPage(c, await state({ status: 400, errors: { email: c.var.t.signIn.invalidEmail } }));
      const { rateLimits } = c.var.services;
      const verdicts = await Promise.all([
        rateLimits.hit(rateLimits.rules.signInLinksByEmail, parsed.data.toLowerCase()),
        rateLimits.hit(rateLimits.rules.signInLinksByAddress, c.var.clientAddress),
      ]);
      if (verdicts.some((v) => v.limited)) {
        const wait = Math.max(...verdicts.map((v) => v.retryAfterSeconds));
        return signInPage(c, await state({ status: 429, errors: { email: c.var.t.signIn.tooMany(wait) } }));
      }
      await c.var.services.webSessions.requestLink(parsed.data, next);
      return signInPage(c, await state({ email: '', notice: { text: c.var.t.signIn.emailSent } }));
    })
    .get('/sign-in/link/:token', (c) => linkPage(c, c.req.param('token')))
    .post('/sign-in/link/:token', async (c) => {
      const opened = await c.var.services.webSessions.redeemLink(c.req.param('token'));
      if (!opened)
        return signInPage(c, {
          next: '/',
          demo: await demo(c),
          status: 400,
          notice: { text: c.var.t.signIn.linkInvalid, kind: 'warn' },
        });
      if (c.var.sessionToken) await c.var.services.webSessions.end(c.var.sessionToken);
      setSessionCookie(c, opened, cookies);
      return c.redirect(safeReturnPath(opened.returnTo), 303);
    })
    .post('/sign-out', async (c) => {
      if (c.var.sessionToken) await c.var.services.webSessions.end(c.var.sessionToken);
      clearSessionCookie(c, cookies);
      return c.redirect('/?signedOut=1', 303);
    })
    .get('/lang/:lang', (c) => {
      const lang = c.req.param('lang') === 'en' ? 'en' : 'sv';
      setCookie(c, LANG_COOKIE, lang, {
        path: '/',
        maxAge: 31_536_000,
        sameSite: 'Lax',
        secure: cookies.secure,
      });
      return c.redirect(safeReturnPath(c.req.query('next')), 303);
    });
}

/** What `GET /` shows a signed-out visitor. */
export async function signedOutHome(c: Parameters<typeof signInPage>[0], config: AppConfig) {
  const showDemo = config.SEED_DEMO && config.NODE_ENV !== 'production';
  const next = safeReturnPath(c.req.query('next'));
  const notice = c.req.query('signedOut')
    ? { text: c.var.t.signIn.signedOut }
    : next !== '/'
      ? { text: c.var.t.signIn.expired, kind: 'warn' as const }
      : undefined;
  return signInPage(c, { next, notice, demo: showDemo ? await demoKeys(c.var.services) : [] });
}
