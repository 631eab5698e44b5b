/** The participant's own pages: sign-in with a code, the start page, one placement. Plain words. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Services } from '../../services';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, Notice, TextArea, TextField } from '../ui/form';
import { dateOf, scheduleText } from '../ui/format';
import { render } from '../ui/layout';
import type { FieldErrors } from '../ui/validate';

type Overview = Awaited<ReturnType<Services['participantAccess']['self']['overview']>>;
type Placement = Awaited<ReturnType<Services['participantAccess']['self']['placement']>>;
type CheckIn = Awaited<ReturnType<Services['participantAccess']['checkIns']['list']>>[number];
type Request = Awaited<ReturnType<Services['participantAccess']['requests']['listOf']>>[number];

export interface SignInState {
  code?: string;
  error?: string;
  notice?: string;
  status?: 200 | 400 | 429;
}

export function codeSignInPage(c: Context<PageEnv>, s: SignInState) {
  const t = c.var.t.me;
  return render(
    c,
    { title: t.signInTitle, status: s.status },
    <>
      <h1>{t.signInTitle}</h1>
      <p>{t.signInIntro}</p>
      {s.notice && <Notice>{s.notice}</Notice>}
      <form method="post" action="/me/sign-in" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="code"
          label={t.codeLabel}
          hint={t.codeHint}
          value={s.code}
          errors={s.error ? { code: s.error } : {}}
          autocomplete="one-time-code"
          required
        />
        <button type="submit">{t.signInSubmit}</button>
      </form>
    </>,
  );
}

export interface MeData {
  overview: Overview;
  checkIns: CheckIn[];
  requests: Request[];
  exportReady: boolean;
  notice?: string;
  errors?: FieldErrors;
  /** Agreements waiting for the participant's approval (the agreements service's notices). */
  agreementsWanted: { placementId: string; title: string }[];
}

export function mePage(c: Context<PageEnv>, d: MeData) {
  const all = c.var.t;
  const t = all.me;
  const p = d.overview.profile;
  const e = d.errors ?? {};
  const pending = d.requests.filter((r) => r.status === 'pending');
  return render(
    c,
    { title: t.title, status: Object.keys(e).length ? 400 : 200 },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {d.notice && <Notice>{d.notice}</Notice>}
      {d.agreementsWanted.map((a) => (
        <p class="notice warn">
          {`${t.agreementWanted(a.title)} `}
          <a href={`/me/placements/${a.placementId}#agreement`}>{t.agreementOpen}</a>
        </p>
      ))}
      <section class="card" aria-labelledby="check-in">
        <h2 id="check-in">{t.checkInHeading}</h2>
        <p>{t.checkInIntro}</p>
        <form method="post" action="/me/check-in" novalidate>
          <Csrf token={c.var.csrfToken} />
          <ErrorSummary
            errors={e}
            labels={{ rating: t.rating, note: t.noteLabel }}
            heading={all.common.formHasErrors}
          />
          <fieldset id="f-rating" class="choices">
            <legend>{t.rating}</legend>
            {e.rating && <p class="error">{e.rating}</p>}
            {[1, 2, 3, 4, 5].map((n) => (
              <label>
                <input type="radio" name="rating" value={String(n)} required />
                {t.ratings[n]}
              </label>
            ))}
          </fieldset>
          <TextArea name="note" label={t.noteLabel} hint={t.noteHint} errors={e} rows={2} />
          <button type="submit">{t.checkInSubmit}</button>
        </form>
        {d.checkIns.length > 0 && (
          <ul>
            {d.checkIns.slice(0, 4).map((w) => (
              <li>{`${t.weekOf(w.weekStart)}: ${t.ratings[w.rating] ?? w.rating}${w.note ? ` – ${w.note}` : ''}`}</li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="profile">
        <h2 id="profile">{t.profileHeading}</h2>
        <dl class="stack">
          <dt>{t.strengths}</dt>
          <dd>{p.strengths.join(', ') || '–'}</dd>
          <dt>{t.interests}</dt>
          <dd>{p.interests.join(', ') || '–'}</dd>
          <dt>{t.avoid}</dt>
          <dd>{p.avoid.join(', ') || '–'}</dd>
          <dt>{t.availability}</dt>
          <dd>{scheduleText(all, p.availability)}</dd>
        </dl>
        <p>
          <a class="button" href="/me/profile">
            {t.editProfile}
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="consents">
        <h2 id="consents">{t.consentsHeading}</h2>
        <p>{t.consentsIntro}</p>
        {d.overview.consents.filter((x) => x.valid).length === 0 && <p>{t.consentsNone}</p>}
        <ul class="plain">
          {d.overview.consents.map((x) => (
            <li class="consent">
              <p>
                <strong>{t.consentSees(x.employerName)}</strong>
                {x.valid
                  ? `: ${x.fields.map((f) => all.placements.fields[f]).join(', ') || t.consentNothing}, ${t.consentUntil(dateOf(x.expiresAt))}.`
                  : `: ${t.consentNothing}. ${x.revokedAt ? t.consentWithdrawn(dateOf(x.revokedAt)) : t.consentEnded(dateOf(x.expiresAt))}`}
              </p>
              {x.valid && x.fields.length > 0 && (
                <form method="post" action={`/me/consents/${x.employerOrganizationId}/withdraw`}>
                  <Csrf token={c.var.csrfToken} />
                  <button type="submit" class="secondary">
                    {t.withdraw(x.employerName)}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="placements">
        <h2 id="placements">{t.placementsHeading}</h2>
        {d.overview.placements.length === 0 ? (
          <p>{t.placementsNone}</p>
        ) : (
          <ul>
            {d.overview.placements.map((pl) => (
              <li>
                {`${pl.slotTitle}, ${pl.employerName} – ${all.placements.states[pl.state]}. `}
                <a href={`/me/placements/${pl.id}`}>{t.placementOpen(pl.slotTitle)}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="requests">
        <h2 id="requests">{t.requestsHeading}</h2>
        <p>{t.requestsIntro}</p>
        {pending.map((r) => (
          <p>{t.requestPending[r.kind]}</p>
        ))}
        {d.exportReady && (
          <p>
            <a href="/me/export" download="min-kopia.json">
              {t.exportReady}
            </a>
          </p>
        )}
        <div class="actions">
          {(['export', 'erasure'] as const).map((kind) => (
            <form method="post" action="/me/requests">
              <Csrf token={c.var.csrfToken} />
              <input type="hidden" name="kind" value={kind} />
              <button type="submit" class="secondary">
                {kind === 'export' ? t.requestExport : t.requestErasure}
              </button>
            </form>
          ))}
        </div>
      </section>
    </>,
  );
}

export function mePlacementPage(c: Context<PageEnv>, p: Placement, agreement: Child, notice?: string) {
  const all = c.var.t;
  const t = all.me;
  return render(
    c,
    { title: t.placementTitle(p.slotTitle) },
    <>
      <h1>{t.placementTitle(p.slotTitle)}</h1>
      <p>{`${p.employerName} – ${all.placements.states[p.state]}${p.startDate ? `, ${all.placements.startDate.toLowerCase()} ${p.startDate}` : ''}`}</p>
      {notice && <Notice>{notice}</Notice>}
      {agreement}
      <section aria-labelledby="hours">
        <h2 id="hours">{t.hoursHeading}</h2>
        {p.hours.length === 0 ? (
          <p>{t.hoursNone}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{all.placements.weekOf}</th>
                <th scope="col">{all.placements.hours}</th>
              </tr>
            </thead>
            <tbody>
              {p.hours.map((h) => (
                <tr>
                  <td>{h.weekStart}</td>
                  <td>{String(h.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="weekly">
        <h2 id="weekly">{t.weeklyHeading}</h2>
        {p.weekly.length === 0 ? (
          <p>{t.weeklyNone}</p>
        ) : (
          <ul>
            {p.weekly.map((w) => (
              <li>{`${t.weekOf(w.weekStart)}: ${t.ratings[w.rating] ?? w.rating}${w.note ? ` – ${w.note}` : ''}`}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="follow-ups">
        <h2 id="follow-ups">{t.followUpsHeading}</h2>
        {p.checkIns.length === 0 ? (
          <p>{t.followUpsNone}</p>
        ) : (
          <ul>
            {p.checkIns.map((x) => (
              <li>{`${x.date}${x.note ? `: ${x.note}` : ''}`}</li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a href="/me">{all.common.back}</a>
      </p>
    </>,
  );
}
