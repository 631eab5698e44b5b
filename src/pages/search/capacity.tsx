/**
 * Social enterprises' work-training capacity as handlers reach it (issue #14): a listing's own page
 * (where a search hit leads), and the listings that fit one participant, ranked by the matching
 * service's capacity matches with their reasons and gaps in plain words. A listing states no schedule
 * or adaptations, so both pages say to agree those with the enterprise, and link to its page.
 */
import { type Context, Hono } from 'hono';
import { municipalityByCode } from '../../reference';
import type { Services } from '../../services';
import type { toCapacity } from '../../services/capacity';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { render } from '../ui/layout';

type Listing = ReturnType<typeof toCapacity>;
type CapacityMatches = Awaited<ReturnType<Services['matching']['capacityMatchesFor']>>['data'];

function listingPage(c: Context<PageEnv>, x: Listing, organizationName: string | null) {
  const all = c.var.t;
  const t = all.capacityListing;
  const own = c.var.session?.actor.organizationId === x.organizationId;
  return render(
    c,
    { title: x.title },
    <>
      <h1>{x.title}</h1>
      <p>
        <span class={x.status === 'open' ? 'badge ok' : 'badge'}>{all.slots.statuses[x.status]}</span>{' '}
        <strong>{t.free(x.freePlaces, x.places)}</strong>
      </p>
      <p>{x.description}</p>
      <dl class="facts">
        {organizationName && (
          <>
            <dt>{t.organization}</dt>
            <dd>{organizationName}</dd>
          </>
        )}
        <dt>{t.areas}</dt>
        <dd>{x.activityAreas.join(', ')}</dd>
        <dt>{t.municipality}</dt>
        <dd>{municipalityByCode.get(x.municipalityCode)?.name ?? x.municipalityCode}</dd>
        <dt>{t.hours}</dt>
        <dd>{all.slots.hoursRange(x.hoursPerWeek.min, x.hoursPerWeek.max)}</dd>
        <dt>{t.supervision}</dt>
        <dd>{t.ratio(x.participantsPerSupervisor)}</dd>
      </dl>
      <p>{t.note}</p>
      <p class="actions">
        {own ? (
          <a class="button secondary" href={`/capacity/${x.id}/edit`}>
            {all.capacity.edit}
          </a>
        ) : (
          <a class="button secondary" href={`/employers/${x.organizationId}`}>
            {t.contact}
          </a>
        )}
      </p>
    </>,
  );
}

function capacityMatchesPage(
  c: Context<PageEnv>,
  p: { id: string; reference: string },
  matches: CapacityMatches,
) {
  const all = c.var.t;
  const t = all.capacityMatches;
  const lang = c.var.lang;
  return render(
    c,
    { title: t.title(p.reference) },
    <>
      <h1>{t.title(p.reference)}</h1>
      <p>{t.intro}</p>
      <p>
        <a href={`/participants/${p.id}`}>{t.back}</a>
      </p>
      {matches.length === 0 && <p>{t.none}</p>}
      {matches.map((m) => (
        <article class="card" aria-labelledby={`k-${m.listingId}`}>
          <h2 id={`k-${m.listingId}`}>
            <a href={`/capacity/${m.listingId}`}>{m.listing.title}</a>
          </h2>
          <p>
            <strong>{all.participants.score(Math.round(m.score * 100))}</strong>
            {` · ${m.listing.organizationName} · ${
              municipalityByCode.get(m.listing.municipalityCode)?.name ?? m.listing.municipalityCode
            } · ${all.participants.km(m.distanceKm)} · ${all.search.freePlaces(m.listing.freePlaces)}`}
          </p>
          <p>{m.listing.activityAreas.join(', ')}</p>
          <div class="cols">
            <div>
              <h3>{all.participants.reasons}</h3>
              <ul>
                {m.reasons.map((r) => (
                  <li>{r.text[lang]}</li>
                ))}
              </ul>
            </div>
            {m.gaps.length > 0 && (
              <div>
                <h3>{all.participants.gaps}</h3>
                <ul>
                  {m.gaps.map((r) => (
                    <li>{r.text[lang]}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
          <p>
            <a href={`/employers/${m.listing.organizationId}`}>
              {all.search.contact(m.listing.organizationName)}
            </a>
          </p>
        </article>
      ))}
    </>,
  );
}

export const capacityPagesRouter = new Hono<PageEnv>()
  .use('/capacity/*', requireSignIn)
  .use('/participants/*', requireSignIn)
  .get('/capacity/:id', async (c) => {
    const { actor } = signedIn(c);
    const x = await c.var.services.capacity.get(actor, c.req.param('id'));
    const org = await c.var.services.organizations.get(actor, x.organizationId).catch(() => null);
    return listingPage(c, x, org?.name ?? null);
  })
  .get('/participants/:id/capacity', async (c) => {
    const { actor } = signedIn(c);
    const p = await c.var.services.participants.get(actor, c.req.param('id'));
    const result = await c.var.services.matching.capacityMatchesFor(actor, p.id, { limit: 20 });
    return capacityMatchesPage(c, p, result.data);
  });
