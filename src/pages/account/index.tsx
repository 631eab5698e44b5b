/**
 * `/account`: who is signed in, and their own API keys (prefix, issued, revoked), never a key
 * itself. The "an API key was issued to you" mail links here (`/account#key-…`), so a person who did
 * not expect a key sees it and knows whom to ask.
 */
import { Hono } from 'hono';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { dateOf } from '../ui/format';
import { render } from '../ui/layout';

export const accountRouter = new Hono<PageEnv>().use('/account', requireSignIn).get('/account', async (c) => {
  const s = signedIn(c);
  const [me, keys] = await Promise.all([
    c.var.services.apiKeys.me(s.actor),
    c.var.services.apiKeys.mine(s.actor),
  ]);
  const all = c.var.t;
  const t = all.account;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <dl class="facts">
        <dt>{t.name}</dt>
        <dd>{s.userName}</dd>
        <dt>{t.email}</dt>
        <dd>{me.user?.email ?? '–'}</dd>
        <dt>{t.organization}</dt>
        <dd>{s.organizationName}</dd>
        <dt>{t.role}</dt>
        <dd>{all.roles[s.actor.role]}</dd>
      </dl>
      <section aria-labelledby="keys">
        <h2 id="keys">{t.keysHeading}</h2>
        {keys.length === 0 ? (
          <p>{t.keysNone}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.prefix}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr id={`key-${k.id}`}>
                  <td>
                    <code>{`${k.prefix}…`}</code>
                  </td>
                  <td>{dateOf(k.createdAt)}</td>
                  <td>{k.revokedAt ? t.revoked(dateOf(k.revokedAt)) : t.active}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          {t.notMine} <a href="/docs">{t.apiDocs}</a>
        </p>
      </section>
    </>,
  );
});
