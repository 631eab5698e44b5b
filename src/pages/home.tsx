/** `GET /`: the sign-in page when signed out, else the start page for the person's role. */
import type { Context } from 'hono';
import type { AppConfig } from '../config';
import type { PageEnv } from './env';
import { signedOutHome } from './sign-in';
import { render } from './ui/layout';

export async function homePage(c: Context<PageEnv>, config: AppConfig) {
  const s = c.var.session;
  if (!s) return signedOutHome(c, config);
  const t = c.var.t;
  const provider = s.actor.organizationKind === 'provider';
  return render(
    c,
    { title: t.home.title },
    <>
      <h1>{t.home.welcome(s.userName)}</h1>
      <p>{provider ? t.home.providerIntro : t.home.employerIntro}</p>
      <p class="muted">{`${s.organizationName} · ${t.roles[s.actor.role]}`}</p>
    </>,
  );
}
