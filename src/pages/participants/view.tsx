/** The handler's pages: the caseload, one participant with the slots that fit, and the proposal form. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { disclosableFields } from '../../../db/schema';
import { adaptationByCode } from '../../domain/vocabulary';
import { municipalityByCode } from '../../reference';
import type { Services } from '../../services';
import type { Participant } from '../../services/participants/index';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, FieldSet, Notice, TextField } from '../ui/form';
import { inLang, scheduleText } from '../ui/format';
import { render } from '../ui/layout';
import { mayChange } from '../ui/roles';
import type { FieldErrors, FormValues } from '../ui/validate';

type Matches = Awaited<ReturnType<Services['matching']['matchesFor']>>['data'];

export function caseloadPage(c: Context<PageEnv>, list: Participant[], me: string) {
  const t = c.var.t.participants;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {mayChange(c) && (
        <p>
          <a class="button" href="/participants/new">
            {t.newParticipant}
          </a>
          <a class="button secondary" href="/allocate">
            {c.var.t.allocation.link}
          </a>
        </p>
      )}
      {list.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="grid-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.reference}</th>
                <th scope="col">{t.hours}</th>
                <th scope="col">{t.municipality}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr>
                  <td>
                    <a href={`/participants/${p.id}`}>{p.reference}</a>
                    {p.handlerId === me && <span class="badge ok">{` ${t.yours}`}</span>}
                  </td>
                  <td>{`${p.hoursPerWeek.now} / ${p.hoursPerWeek.target}`}</td>
                  <td>
                    {municipalityByCode.get(p.location.municipalityCode)?.name ?? p.location.municipalityCode}
                  </td>
                  <td>{t.statuses[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
  );
}

function MatchCard(props: { c: Context<PageEnv>; p: Participant; m: Matches[number] }) {
  const { c, p, m } = props;
  const all = c.var.t;
  const t = all.participants;
  const lang = all.lang === 'en' ? 'en' : 'sv';
  const title = m.slot?.title ?? m.slotId;
  return (
    <article class="card" aria-labelledby={`m-${m.slotId}`}>
      <h3 id={`m-${m.slotId}`}>
        <a href={`/slots/${m.slotId}`}>{title}</a>
      </h3>
      <p>
        <strong>{t.score(Math.round(m.score * 100))}</strong>
        {` · ${m.slot?.organizationName ?? ''} · ${m.slot?.municipalityName ?? ''} · ${t.km(m.distanceKm)}`}
      </p>
      <div class="cols">
        <div>
          <h4>{t.reasons}</h4>
          <ul>
            {m.reasons.map((r) => (
              <li>{r.text[lang]}</li>
            ))}
          </ul>
        </div>
        {m.gaps.length > 0 && (
          <div>
            <h4>{t.gaps}</h4>
            <ul>
              {m.gaps.map((r) => (
                <li>{r.text[lang]}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <details>
        <summary>{t.components}</summary>
        <dl class="facts">
          {(Object.keys(m.components) as (keyof typeof m.components)[]).map((k) => (
            <>
              <dt>{t.componentNames[k]}</dt>
              <dd>{`${Math.round(m.components[k] * 100)} %`}</dd>
            </>
          ))}
        </dl>
      </details>
      {mayChange(c) && (
        <p>
          <a
            class="button"
            href={`/participants/${p.id}/propose?slot=${m.slotId}`}
            aria-label={`${t.propose}: ${title}`}
          >
            {t.propose}
          </a>
        </p>
      )}
    </article>
  );
}

export function participantPage(
  c: Context<PageEnv>,
  p: Participant,
  matches: Matches,
  notice?: string,
  /** The participant's own way in (./access.tsx). */
  access?: Child,
) {
  const all = c.var.t;
  const t = all.participants;
  const needs = p.adaptationNeeds
    .map((n) => {
      const v = adaptationByCode.get(n.code);
      return `${v ? inLang(all, v) : n.code} (${n.priority === 'must' ? all.placements.must : all.placements.nice})`;
    })
    .join(', ');
  return render(
    c,
    { title: t.detailTitle(p.reference) },
    <>
      <h1>{t.detailTitle(p.reference)}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="actions">
        {mayChange(c) && (
          <a class="button secondary" href={`/participants/${p.id}/edit`}>
            {all.participantEdit.edit}
          </a>
        )}
        <a href={`/search?from=${p.id}`}>{all.search.title}</a>
        {mayChange(c) && <a href={`/participants/${p.id}/capacity`}>{all.capacityMatches.link}</a>}
      </p>
      <dl class="facts">
        <dt>{t.strengths}</dt>
        <dd>{p.strengths.join(', ') || '–'}</dd>
        <dt>{t.interests}</dt>
        <dd>{p.interests.join(', ') || '–'}</dd>
        <dt>{t.avoid}</dt>
        <dd>{p.avoid.join(', ') || '–'}</dd>
        <dt>{t.availability}</dt>
        <dd>{scheduleText(all, p.availability)}</dd>
        <dt>{t.hours}</dt>
        <dd>{`${p.hoursPerWeek.now} / ${p.hoursPerWeek.target}`}</dd>
        <dt>{t.needs}</dt>
        <dd>{needs || '–'}</dd>
        <dt>{t.municipality}</dt>
        <dd>{`${municipalityByCode.get(p.location.municipalityCode)?.name ?? p.location.municipalityCode} · ${t.travel(p.maxTravelKm)}`}</dd>
      </dl>
      {access}
      {mayChange(c) && (
        <section aria-labelledby="matches">
          <h2 id="matches">{t.matchesHeading}</h2>
          <p>{t.matchesIntro}</p>
          {matches.length === 0 ? (
            <p>{t.matchesNone}</p>
          ) : (
            matches.map((m) => <MatchCard c={c} p={p} m={m} />)
          )}
        </section>
      )}
    </>,
  );
}

export interface ProposeData {
  participant: Participant;
  slot: { id: string; title: string };
  values: FormValues;
  errors: FieldErrors;
  status?: 200 | 400;
}

export function proposePage(c: Context<PageEnv>, d: ProposeData) {
  const all = c.var.t;
  const t = all.participants;
  const e = d.errors;
  return render(
    c,
    { title: t.proposeTitle(d.slot.title), status: d.status },
    <>
      <h1>{t.proposeTitle(d.slot.title)}</h1>
      <p>{`${t.detailTitle(d.participant.reference)}. ${t.proposeIntro}`}</p>
      <form method="post" action={`/participants/${d.participant.id}/propose`} novalidate>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="slotId" value={d.slot.id} />
        <ErrorSummary
          errors={e}
          labels={{ disclose: t.disclose, consentExpiresAt: t.consentExpires, slotId: all.placements.slot }}
          heading={all.common.formHasErrors}
        />
        {e['(form)'] && <p class="error">{e['(form)']}</p>}
        <FieldSet name="disclose" label={t.disclose} errors={e} class="choices">
          {disclosableFields.map((f) => (
            <label>
              <input
                type="checkbox"
                name="disclose"
                value={f}
                checked={d.values.all('disclose').includes(f)}
              />
              {all.placements.fields[f]}
            </label>
          ))}
        </FieldSet>
        <TextField
          name="consentExpiresAt"
          type="date"
          label={t.consentExpires}
          hint={t.consentExpiresHint}
          value={d.values.get('consentExpiresAt')}
          errors={e}
        />
        <div class="actions">
          <button type="submit">{t.proposeSubmit}</button>
          <a href={`/participants/${d.participant.id}`}>{all.common.cancel}</a>
        </div>
      </form>
    </>,
  );
}
