/**
 * `GET /`: the sign-in page when signed out, else the start page for the person's role. A provider's
 * people (handlers, coordinators) see an overview of the provider's caseload and placements.
 */
import type { Context } from 'hono';
import { placementStates } from '../../db/schema';
import type { AppConfig } from '../config';
import type { PageEnv } from './env';
import { signedOutHome } from './sign-in';
import { render } from './ui/layout';
import { readAll } from './ui/pages';

async function providerOverview(c: Context<PageEnv>) {
  const { actor } = c.var.session!;
  const [participants, placements] = await Promise.all([
    readAll((cursor) => c.var.services.participants.list(actor, { status: 'active', limit: 100, cursor })),
    readAll((cursor) => c.var.services.placements.list(actor, { limit: 100, cursor })),
  ]);
  const t = c.var.t;
  return (
    <section aria-labelledby="overview">
      <h2 id="overview">{t.home.overview}</h2>
      <dl class="facts">
        <dt>{t.home.activeParticipants}</dt>
        <dd>
          <a href="/participants">{participants.length}</a>
        </dd>
        {placementStates.map((s) => (
          <>
            <dt>{`${t.home.placementsByState}: ${t.placements.states[s].toLowerCase()}`}</dt>
            <dd>{placements.filter((p) => p.state === s).length}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href="/follow-up">{t.followUp.title}</a>
        {` – ${t.followUp.descriptions.outcomes}`}
      </p>
    </section>
  );
}

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
      {provider && (await providerOverview(c))}
    </>,
  );
}
