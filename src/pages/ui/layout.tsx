/**
 * The one page frame: skip link, header with the service's name and the signed-in person, a menu
 * for their role, the page's `<main>`, and a language switch. No inline scripts or styles (the
 * Content-Security-Policy allows neither): the stylesheet and the one script are served by the app.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { assetPath } from '../assets';
import { CSRF_FIELD } from '../csrf';
import type { PageEnv } from '../env';
import { currentPath } from '../session';

export interface PageOptions {
  title: string;
  status?: 200 | 400 | 403 | 404 | 409 | 422 | 429 | 500;
  /** Menu entry to mark as current. */
  section?: string;
}

function menuFor(c: Context<PageEnv>): { href: string; label: string }[] {
  const s = c.var.session;
  const nav = c.var.t.nav;
  if (!s) return c.var.participantSession ? [{ href: '/me', label: c.var.t.me.menu }] : [];
  const home = { href: '/', label: nav.home };
  switch (s.actor.organizationKind) {
    case 'employer':
      return [
        home,
        { href: '/slots', label: nav.slots },
        { href: '/supervisors', label: nav.supervisors },
        { href: '/placements', label: nav.placements },
      ];
    case 'social_enterprise':
      return [
        home,
        { href: '/slots', label: nav.slots },
        { href: '/capacity', label: nav.capacity },
        { href: '/supervisors', label: nav.supervisors },
        { href: '/placements', label: nav.placements },
      ];
    default: {
      const t = c.var.t;
      return [
        home,
        { href: '/participants', label: nav.participants },
        { href: '/search', label: t.search.title },
        { href: '/placements', label: nav.placements },
        { href: '/employers', label: t.employers.title },
        { href: '/follow-ups', label: t.followUps.title },
      ];
    }
  }
}

function Frame(props: { c: Context<PageEnv>; o: PageOptions; children: Child }) {
  const { c, o } = props;
  const t = c.var.t;
  const s = c.var.session;
  const here = new URL(c.req.url).pathname;
  const other = c.var.lang === 'sv' ? 'en' : 'sv';
  const menu = menuFor(c);
  return (
    <html lang={c.var.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${o.title} – ${t.app.name}`}</title>
        <link rel="stylesheet" href={assetPath('style.css')} />
        <script src={assetPath('app.js')} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.nav.skip}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              {t.app.name}
            </a>
            <a
              class="lang"
              href={`/lang/${other}?next=${encodeURIComponent(currentPath(c))}`}
              lang={other}
              hreflang={other}
            >
              {t.nav.switchLanguage}
            </a>
          </div>
          {s && (
            <div class="who">
              <span>{t.nav.signedInAs(s.userName, s.organizationName)}</span>
              <a href="/account">{t.account.title}</a>
              <form method="post" action="/sign-out" class="inline">
                <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
                <button type="submit" class="link">
                  {t.nav.signOut}
                </button>
              </form>
            </div>
          )}
          {!s && c.var.participantSession && (
            <div class="who">
              <span>{t.me.signedInAs}</span>
              <form method="post" action="/me/sign-out" class="inline">
                <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
                <button type="submit" class="link">
                  {t.me.signOut}
                </button>
              </form>
            </div>
          )}
          {menu.length > 0 && (
            <nav aria-label={t.nav.label}>
              <ul>
                {menu.map((m) => {
                  const current = m.href === '/' ? here === '/' : here.startsWith(m.href);
                  return (
                    <li>
                      <a href={m.href} aria-current={current ? 'page' : undefined}>
                        {m.label}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          <p>{t.app.tagline}</p>
        </footer>
      </body>
    </html>
  );
}

/** Answers with a whole page in the frame. */
export function render(c: Context<PageEnv>, o: PageOptions, body: Child) {
  return c.html(
    html`<!doctype html>${(
      <Frame c={c} o={o}>
        {body}
      </Frame>
    )}`,
    o.status ?? 200,
  );
}
