/**
 * A small browser stand-in over `app.request` for page tests that need no JavaScript: it keeps
 * cookies, sends forms as a browser does (urlencoded, with the page's Origin) and reads the CSRF
 * token from the last page. Flows that need a real browser are in test/browser/.
 */
import type { TestApp } from '../helpers/app';

export const ORIGIN = 'http://localhost';

export function pageClient(t: TestApp) {
  const jar = new Map<string, string>();
  let lastHtml = '';

  function remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, value] = pair!.split('=');
      const expired = attrs.some((a) => /max-age=0|expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || !value) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.trim());
    }
  }
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  async function get(path: string) {
    const res = await t.app.request(`${ORIGIN}${path}`, {
      headers: { accept: 'text/html', cookie: cookieHeader() },
    });
    remember(res);
    const html = await res.text();
    if (res.headers.get('content-type')?.includes('html')) lastHtml = html;
    return { status: res.status, html, headers: res.headers, location: res.headers.get('location') };
  }

  /** Sends a form with the last page's CSRF token (unless `_csrf` is given). */
  async function post(
    path: string,
    fields: Record<string, string | string[]>,
    opts: { origin?: string | null } = {},
  ) {
    const body = new URLSearchParams();
    const token = /name="_csrf" value="([^"]*)"/.exec(lastHtml)?.[1] ?? '';
    if (!('_csrf' in fields)) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const headers: Record<string, string> = {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(),
    };
    const origin = opts.origin === undefined ? ORIGIN : opts.origin;
    if (origin) headers.origin = origin;
    const res = await t.app.request(`${ORIGIN}${path}`, { method: 'POST', headers, body: body.toString() });
    remember(res);
    const html = await res.text();
    if (res.headers.get('content-type')?.includes('html')) lastHtml = html;
    return { status: res.status, html, headers: res.headers, location: res.headers.get('location') };
  }

  /** Signs in with a key and follows the redirect. */
  async function signInWithKey(key: string, next = '/') {
    await get(`/?next=${encodeURIComponent(next)}`);
    const res = await post('/sign-in/key', { key, next });
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
    return res;
  }

  return { get, post, signInWithKey, jar, lastHtml: () => lastHtml };
}

const fromHtml = (v: string) =>
  v
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/**
 * The fields of the page's form whose action is `actionPrefix` (else the first that starts with it), as a browser would send
 * them unchanged: every input, the selected option of each select, checked boxes only, textareas.
 */
export function formFields(html: string, actionPrefix: string) {
  const forms = html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g);
  const all = [...forms];
  const form = (all.find((m) => m[1] === actionPrefix) ??
    all.find((m) => m[1]!.startsWith(actionPrefix)))?.[2];
  if (form === undefined) throw new Error(`no form with an action starting ${actionPrefix}`);
  const fields: Record<string, string[]> = {};
  const add = (k: string, v: string) => {
    fields[k] = [...(fields[k] ?? []), fromHtml(v)];
  };
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const a = m[1]!;
    const name = / name="([^"]*)"/.exec(a)?.[1];
    if (!name || name === '_csrf') continue;
    const type = / type="([^"]*)"/.exec(a)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/ checked/.test(a)) continue;
    add(name, / value="([^"]*)"/.exec(a)?.[1] ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const m of form.matchAll(/<select[^>]* name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const picked = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1];
    add(m[1]!, picked ?? '');
  }
  for (const m of form.matchAll(/<textarea[^>]* name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g))
    add(m[1]!, m[2]!);
  return fields;
}
