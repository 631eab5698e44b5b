/**
 * The web pages: server-rendered HTML (Hono JSX) from the same app on Node and Workers, calling the
 * services directly (never the HTTP API). Each page group is a small Hono router in its own folder;
 * this file wires the shared middleware (session, language, CSRF) and mounts them. See README, "Web pages".
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppConfig } from '../config';
import type { Logger } from '../lib/logger';
import { accountRouter } from './account';
import { agreementsRouter } from './agreements';
import { assetsRouter } from './assets';
import { capacityRouter } from './capacity';
import { csrfToken, originCheck } from './csrf';
import { employersRouter } from './employers';
import type { PageEnv } from './env';
import { notFoundPage, pageError } from './fallbacks';
import { followUpRouter } from './follow-up';
import { followUpsRouter } from './follow-ups';
import { homePage } from './home';
import { catalogues, LANG_COOKIE, langFrom } from './i18n';
import { matchingPagesRouter } from './matching';
import { meRouter } from './me';
import { loadParticipantSession } from './me/session';
import { participantsRouter } from './participants';
import { isApiPath } from './paths';
import { placementsRouter } from './placements';
import { placementRecordsRouter } from './placements/records';
import { searchRouter } from './search';
import { type CookiePolicy, loadSession } from './session';
import { signInRouter } from './sign-in';
import { slotsRouter } from './slots';
import { supervisorsRouter } from './supervisors';

export function pagesRouter(config: AppConfig, logger: Logger) {
  const cookies: CookiePolicy = { secure: config.NODE_ENV !== 'development' };
  const origin = originCheck(config.PUBLIC_BASE_URL);
  const csrf = csrfToken(cookies);
  const publicBaseUrl = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const pages = new Hono<PageEnv>();
  pages.onError(pageError(logger));

  pages.route('/', assetsRouter);
  // Page middleware; API paths never reach it (their routers answer first), this guard makes sure.
  pages.use('*', async (c, next) => {
    if (isApiPath(c.req.path)) return next();
    const lang = langFrom(getCookie(c, LANG_COOKIE));
    c.set('lang', lang);
    c.set('t', catalogues[lang]);
    c.set('session', null);
    c.set('sessionToken', null);
    c.set('csrfToken', '');
    c.set('publicBaseUrl', publicBaseUrl);
    c.set('participantSession', null);
    c.set('participantToken', null);
    await loadSession(c, async () => {
      await loadParticipantSession(c, async () => {
        await origin(c, async () => {
          await csrf(c, next);
        });
      });
    });
  });

  pages.get('/', (c) => homePage(c, config));
  pages.route('/', signInRouter(config, cookies));
  pages.route('/', agreementsRouter);
  pages.route('/', placementsRouter);
  pages.route('/', slotsRouter);
  pages.route('/', supervisorsRouter);
  pages.route('/', capacityRouter);
  pages.route('/', participantsRouter);
  // h13: account (key mail), follow-ups (milestone mail), slot search (digest mail).
  pages.route('/', accountRouter);
  pages.route('/', followUpsRouter);
  pages.route('/', searchRouter);
  pages.route('/', placementRecordsRouter);
  pages.route('/', meRouter(cookies));
  pages.route('/', matchingPagesRouter);
  pages.route('/', employersRouter);
  pages.route('/', followUpRouter);
  // Last: an unknown page path gets the 404 page; an unknown API path its problem document.
  pages.get('*', (c) => (isApiPath(c.req.path) ? c.notFound() : notFoundPage(c)));
  return pages;
}
