/** How a placement looks: the list, and one placement with what the participant chose to share. */
import type { Context } from 'hono';
import { declineReasons } from '../../../db/schema';
import type { PageEnv } from '../env';
import { Csrf, FieldSet, Notice, SelectField, TextArea, TextField } from '../ui/form';
import { dateOf, inLang, scheduleText } from '../ui/format';
import { render } from '../ui/layout';
import { mayChange } from '../ui/roles';
import type { FieldErrors, FormValues } from '../ui/validate';
import type { PlacementDetails, PlacementListItem } from './load';
import { type RecordState, Timeline } from './timeline';

export function placementListPage(c: Context<PageEnv>, items: PlacementListItem[]) {
  const t = c.var.t.placements;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      {items.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="grid-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.slot}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.proposedAt}</th>
                <th scope="col">{t.startDate}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr>
                  <td>
                    <a href={`/placements/${p.id}`}>{p.slotTitle}</a>
                    {p.participantReference && <span class="muted">{` · ${p.participantReference}`}</span>}
                  </td>
                  <td>
                    <span class={p.state === 'proposed' ? 'badge warn' : 'badge'}>{t.states[p.state]}</span>
                  </td>
                  <td>{dateOf(p.dates.proposedAt)}</td>
                  <td>{p.dates.startDate ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
  );
}

function Shared(props: { c: Context<PageEnv>; p: PlacementDetails }) {
  const all = props.c.var.t;
  const t = all.placements;
  const d = props.p.disclosed;
  const rows = [
    d.strengths && [t.fields.strengths, d.strengths.join(', ')],
    d.interests && [t.fields.interests, d.interests.join(', ')],
    d.adaptationNeeds && [
      t.fields.adaptationNeeds,
      d.adaptationNeeds
        .map((n) => `${inLang(all, n.label)} (${n.priority === 'must' ? t.must : t.nice})`)
        .join(', '),
    ],
    d.hoursPerWeek && [t.fields.hoursPerWeek, t.hoursNowTarget(d.hoursPerWeek.now, d.hoursPerWeek.target)],
    d.rampUp && [t.fields.rampUp, d.rampUp.map((s) => all.rampStep(s.afterWeeks, s.hoursPerWeek)).join('; ')],
    d.availability && [t.fields.availability, scheduleText(all, d.availability)],
  ].filter((r): r is [string, string] => !!r);
  return (
    <section aria-labelledby="shared">
      <h2 id="shared">{t.sharedHeading}</h2>
      {rows.length === 0 ? (
        <p>{t.sharedNone}</p>
      ) : (
        <dl class="facts">
          {rows.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
      )}
    </section>
  );
}

export interface AnswerState {
  errors?: FieldErrors;
  values?: FormValues;
  reason?: string;
  note?: string;
}

function Answer(props: { c: Context<PageEnv>; p: PlacementDetails; s: AnswerState }) {
  const t = props.c.var.t.placements;
  const token = props.c.var.csrfToken;
  const { p, s } = props;
  return (
    <section class="card" aria-labelledby="answer">
      <h2 id="answer">{t.answerHeading}</h2>
      <form method="post" action={`/placements/${p.id}/accept`}>
        <Csrf token={token} />
        {p.supervisors.length > 1 && (
          <SelectField
            name="supervisorId"
            label={t.supervisor}
            blank={t.supervisorDefault}
            value={p.supervisorId}
            options={p.supervisors.map((x) => ({ value: x.id, label: x.name }))}
            errors={s.errors}
          />
        )}
        <button type="submit">{t.accept}</button>
      </form>
      <form method="post" action={`/placements/${p.id}/decline`}>
        <Csrf token={token} />
        <FieldSet name="reason" label={t.declineReason} errors={s.errors} class="choices">
          {declineReasons.map((r) => (
            <label>
              <input type="radio" name="reason" value={r} checked={s.reason === r} />
              {t.declineReasons[r]}
            </label>
          ))}
        </FieldSet>
        <TextArea name="note" label={t.declineNote} value={s.note} rows={2} errors={s.errors} />
        <button type="submit" class="secondary">
          {t.decline}
        </button>
      </form>
    </section>
  );
}

/** The handler's forms: start an accepted placement, record hours of one that has started. */
function ProviderActions(props: { c: Context<PageEnv>; p: PlacementDetails; s: AnswerState }) {
  const t = props.c.var.t.placements;
  const { p, s } = props;
  const token = props.c.var.csrfToken;
  if (p.state === 'accepted')
    return (
      <section class="card" aria-labelledby="start">
        <h2 id="start">{t.startHeading}</h2>
        <form method="post" action={`/placements/${p.id}/start`} novalidate>
          <Csrf token={token} />
          {s.errors?.['(form)'] && <p class="error">{s.errors['(form)']}</p>}
          <TextField
            name="date"
            type="date"
            label={t.startDateLabel}
            hint={t.startDateHint}
            value={s.values?.get('date')}
            errors={s.errors}
          />
          <button type="submit">{t.start}</button>
        </form>
      </section>
    );
  if (p.state === 'started')
    return (
      <section class="card" aria-labelledby="record-hours">
        <h2 id="record-hours">{t.hoursFormHeading}</h2>
        <form method="post" action={`/placements/${p.id}/hours`} novalidate>
          <Csrf token={token} />
          <div class="pair">
            <TextField
              name="weekStart"
              type="date"
              label={t.weekStartLabel}
              value={s.values?.get('weekStart')}
              errors={s.errors}
              required
            />
            <TextField
              name="hours"
              type="number"
              inputmode="decimal"
              step="0.25"
              min={0}
              max={60}
              label={t.hoursLabel}
              value={s.values?.get('hours')}
              errors={s.errors}
              required
            />
          </div>
          <button type="submit">{t.recordHours}</button>
        </form>
      </section>
    );
  return null;
}

export function placementPage(
  c: Context<PageEnv>,
  p: PlacementDetails,
  o: { notice?: string; answer?: AnswerState; records?: RecordState; status?: 200 | 400 } = {},
) {
  const all = c.var.t;
  const t = all.placements;
  const employerSide = c.var.session?.actor.organizationKind !== 'provider';
  return render(
    c,
    { title: t.detailTitle(p.slotTitle), status: o.status },
    <>
      <h1>{t.detailTitle(p.slotTitle)}</h1>
      {o.notice && <Notice>{o.notice}</Notice>}
      <dl class="facts">
        <dt>{t.state}</dt>
        <dd>{t.states[p.state]}</dd>
        {p.participantReference && (
          <>
            <dt>{all.nav.participants}</dt>
            <dd>{p.participantReference}</dd>
          </>
        )}
        <dt>{t.proposedAt}</dt>
        <dd>{dateOf(p.dates.proposedAt)}</dd>
        {p.dates.startDate && (
          <>
            <dt>{t.startDate}</dt>
            <dd>{p.dates.startDate}</dd>
          </>
        )}
        {p.decline && (
          <>
            <dt>{t.declineReason}</dt>
            <dd>{t.declineReasons[p.decline.reason]}</dd>
          </>
        )}
      </dl>
      {(p.state === 'accepted' || p.state === 'started' || p.state === 'ended') && (
        <section class="card soft" aria-labelledby="agreement">
          <h2 id="agreement">
            <a href={`/placements/${p.id}/agreement`}>{all.agreement.link}</a>
          </h2>
          <p class="hint">{all.agreement.linkHint}</p>
        </section>
      )}
      {employerSide && <Shared c={c} p={p} />}
      {employerSide && p.state === 'proposed' && <Answer c={c} p={p} s={o.answer ?? {}} />}
      {!employerSide && mayChange(c) && <ProviderActions c={c} p={p} s={o.answer ?? {}} />}
      <Timeline c={c} p={p} s={o.records ?? {}} />
      <section aria-labelledby="hours">
        <h2 id="hours">{t.hoursHeading}</h2>
        {p.hours.length === 0 ? (
          <p>{t.hoursNone}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.weekOf}</th>
                <th scope="col">{t.hours}</th>
              </tr>
            </thead>
            <tbody>
              {p.hours.map((h) => (
                <tr>
                  <td>{h.weekStart}</td>
                  <td>{h.hours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>,
  );
}
