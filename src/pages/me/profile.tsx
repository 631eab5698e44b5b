/** The participant corrects their strengths, interests, avoid list and availability. */
import type { Context } from 'hono';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, TextField } from '../ui/form';
import { render } from '../ui/layout';
import { cellOf, ScheduleGrid, windowsOf } from '../ui/schedule-grid';
import type { FieldErrors, FormValues } from '../ui/validate';

const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/** The correction service's input from the form, and where each schema error is shown. */
export function correctionInput(v: FormValues) {
  const { windows, cells } = windowsOf(v, 'availability');
  const input = {
    strengths: words(v.get('strengths')),
    interests: words(v.get('interests')),
    avoid: words(v.get('avoid')),
    availability: windows,
  };
  const fieldOf = (path: string) => {
    const cell = cellOf(path, 'availability', cells);
    if (cell) return cell;
    for (const list of ['strengths', 'interests', 'avoid']) if (path.startsWith(`${list}.`)) return list;
    return path;
  };
  return { input, fieldOf };
}

export function profilePage(
  c: Context<PageEnv>,
  values: FormValues,
  errors: FieldErrors,
  status: 200 | 400 = 200,
) {
  const all = c.var.t;
  const t = all.me;
  const labels = {
    strengths: t.strengths,
    interests: t.interests,
    avoid: t.avoid,
    availability: t.availability,
  };
  return render(
    c,
    { title: t.profileTitle, status },
    <>
      <h1>{t.profileTitle}</h1>
      <p>{t.profileIntro}</p>
      <form method="post" action="/me/profile" novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={errors} labels={labels} heading={all.common.formHasErrors} />
        {(['strengths', 'interests', 'avoid'] as const).map((f) => (
          <TextField name={f} label={labels[f]} hint={t.wordsHint} value={values.get(f)} errors={errors} />
        ))}
        <ScheduleGrid c={c} name="availability" label={t.availability} v={values} errors={errors} />
        <div class="actions">
          <button type="submit">{t.profileSave}</button>
          <a href="/me">{all.common.cancel}</a>
        </div>
      </form>
    </>,
  );
}
