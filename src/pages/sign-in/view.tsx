/** The sign-in page: a mailed link, an API key, and on a demo database the demo people. */
import type { Context } from 'hono';
import type { DemoKey } from '../../demo/seed';
import type { PageEnv } from '../env';
import { Csrf, Notice, TextField } from '../ui/form';
import { render } from '../ui/layout';
import type { FieldErrors } from '../ui/validate';

export interface SignInState {
  next: string;
  email?: string;
  errors?: FieldErrors;
  notice?: { text: string; kind?: 'ok' | 'warn' };
  demo: DemoKey[];
  status?: 200 | 400 | 429;
}

export function signInPage(c: Context<PageEnv>, s: SignInState) {
  const t = c.var.t.signIn;
  const roles = c.var.t.roles;
  const token = c.var.csrfToken;
  return render(
    c,
    { title: t.title, status: s.status },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p>
        <a href="/me/sign-in">{c.var.t.me.signInLink}</a>
      </p>
      {s.notice && <Notice kind={s.notice.kind}>{s.notice.text}</Notice>}
      <div class="cols">
        <section class="card" aria-labelledby="by-email">
          <h2 id="by-email">{t.emailHeading}</h2>
          <form method="post" action="/sign-in/email" novalidate>
            <Csrf token={token} />
            <input type="hidden" name="next" value={s.next} />
            <TextField
              name="email"
              type="email"
              label={t.emailLabel}
              hint={t.emailHint}
              autocomplete="email"
              value={s.email}
              errors={s.errors}
              required
            />
            <button type="submit">{t.emailSubmit}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="by-key">
          <h2 id="by-key">{t.keyHeading}</h2>
          <form method="post" action="/sign-in/key" novalidate>
            <Csrf token={token} />
            <input type="hidden" name="next" value={s.next} />
            <TextField
              name="key"
              type="password"
              label={t.keyLabel}
              hint={t.keyHint}
              autocomplete="current-password"
              errors={s.errors}
              required
            />
            <button type="submit">{t.keySubmit}</button>
          </form>
        </section>
      </div>
      {s.demo.length > 0 && (
        <section class="card soft demo" aria-labelledby="demo">
          <h2 id="demo">{t.demoHeading}</h2>
          <p>{t.demoIntro}</p>
          <ul class="plain">
            {s.demo.map((d) => (
              <li>
                <form method="post" action="/sign-in/key" class="inline">
                  <Csrf token={token} />
                  <input type="hidden" name="next" value={s.next} />
                  <input type="hidden" name="key" value={d.key} />
                  <button
                    type="submit"
                    class="secondary"
                  >{`${d.person} – ${roleLabel(roles, d.role)}, ${d.organization}`}</button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>,
  );
}

function roleLabel(roles: Record<string, string>, role: string) {
  return roles[role] ?? role;
}

/** The page a mailed link opens: one button, so a mail scanner's visit does not use up the link. */
export function linkPage(c: Context<PageEnv>, token: string) {
  const t = c.var.t.signIn;
  return render(
    c,
    { title: t.linkTitle },
    <>
      <h1>{t.linkTitle}</h1>
      <p>{t.linkIntro}</p>
      <form method="post" action={`/sign-in/link/${encodeURIComponent(token)}`}>
        <Csrf token={c.var.csrfToken} />
        <button type="submit">{t.linkSubmit}</button>
      </form>
    </>,
  );
}
