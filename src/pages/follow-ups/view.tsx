/** The follow-up pages: the list and one follow-up with its form. */
import type { Context } from 'hono';
import { followUpSituations } from '../../../db/schema';
import type { FollowUp } from '../../services/follow-ups/view';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, FieldSet, Notice, TextField } from '../ui/form';
import { render } from '../ui/layout';
import type { FieldErrors, FormValues } from '../ui/validate';

export function followUpListPage(c: Context<PageEnv>, list: FollowUp[]) {
  const t = c.var.t.followUps;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {list.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="grid-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.participant}</th>
                <th scope="col">{t.cause}</th>
                <th scope="col">{t.dueDate}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((f) => (
                <tr>
                  <td>
                    <a href={`/follow-ups/${f.id}`}>{f.reference}</a>
                  </td>
                  <td>{t.after(f.months, t.causes[f.cause])}</td>
                  <td>{f.dueDate}</td>
                  <td>
                    <span class={f.status === 'due' ? 'badge warn' : 'badge'}>{t.statuses[f.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
  );
}

export function followUpPage(
  c: Context<PageEnv>,
  f: FollowUp,
  values: FormValues,
  errors: FieldErrors,
  o: { notice?: string; status?: 200 | 400 },
) {
  const t = c.var.t.followUps;
  const title = t.detailTitle(f.months, f.reference);
  return render(
    c,
    { title, status: o.status },
    <>
      <h1>{title}</h1>
      {o.notice && <Notice>{o.notice}</Notice>}
      <dl class="facts">
        <dt>{t.participant}</dt>
        <dd>
          <a href={`/participants/${f.participantId}`}>{f.reference}</a>
        </dd>
        <dt>{t.cause}</dt>
        <dd>{t.causes[f.cause]}</dd>
        <dt>{t.baseDate}</dt>
        <dd>{f.baseDate}</dd>
        <dt>{t.dueDate}</dt>
        <dd>{f.dueDate}</dd>
        <dt>{t.status}</dt>
        <dd>{t.statuses[f.status]}</dd>
        {f.situation && (
          <>
            <dt>{t.situation}</dt>
            <dd>{`${t.situations[f.situation]} (${f.situationDate ?? ''})`}</dd>
          </>
        )}
        {f.placementId && (
          <>
            <dt>{t.placement}</dt>
            <dd>
              <a href={`/placements/${f.placementId}`}>{t.placement}</a>
            </dd>
          </>
        )}
      </dl>
      <form method="post" action={`/follow-ups/${f.id}`} novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary
          errors={errors}
          labels={{ situation: t.situation, date: t.situationDate }}
          heading={c.var.t.common.formHasErrors}
        />
        <FieldSet name="situation" label={t.situation} errors={errors} class="choices">
          {followUpSituations.map((s) => (
            <label>
              <input type="radio" name="situation" value={s} checked={values.get('situation') === s} />
              {t.situations[s]}
            </label>
          ))}
        </FieldSet>
        <TextField
          name="date"
          type="date"
          label={t.situationDate}
          hint={t.situationDateHint}
          value={values.get('date')}
          errors={errors}
        />
        <button type="submit">{t.record}</button>
      </form>
    </>,
  );
}
