/**
 * The participant form (register): the participants service's ParticipantCreate, whose checks refuse
 * personal data (names, identity numbers, contact details, diagnoses) exactly as the API does.
 */
import type { Context } from 'hono';
import { adaptationVocabulary } from '../../domain/vocabulary';
import { municipalities } from '../../reference';
import type { Participant } from '../../services/participants/index';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, FieldSet, fieldId, SelectField, TextField } from '../ui/form';
import { inLang } from '../ui/format';
import { render } from '../ui/layout';
import { cellOf, gridValues, ScheduleGrid, windowsOf } from '../ui/schedule-grid';
import { type FieldErrors, type FormValues, numberOrUndefined, stringOrUndefined } from '../ui/validate';

const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/** A stored participant as the form's values (to edit it). */
export function participantValues(p: Participant): Record<string, string> {
  const values: Record<string, string> = {
    reference: p.reference,
    strengths: p.strengths.join(', '),
    interests: p.interests.join(', '),
    avoid: p.avoid.join(', '),
    'hoursPerWeek.now': String(p.hoursPerWeek.now),
    'hoursPerWeek.target': String(p.hoursPerWeek.target),
    'location.municipalityCode': p.location.municipalityCode,
    maxTravelKm: String(p.maxTravelKm),
  };
  for (const n of p.adaptationNeeds) values[`adaptationNeeds.${n.code}`] = n.priority;
  return Object.assign(values, gridValues('availability', p.availability));
}

/** The service's input from the form, and where each schema error is shown. */
export function participantInput(v: FormValues) {
  const { windows, cells } = windowsOf(v, 'availability');
  const adaptationNeeds = adaptationVocabulary.flatMap((a) => {
    const priority = v.get(`adaptationNeeds.${a.code}`);
    return priority === 'must' || priority === 'nice' ? [{ code: a.code, priority }] : [];
  });
  const input = {
    reference: v.get('reference'),
    strengths: words(v.get('strengths')),
    interests: words(v.get('interests')),
    avoid: words(v.get('avoid')),
    availability: windows,
    hoursPerWeek: {
      now: numberOrUndefined(v.get('hoursPerWeek.now')),
      target: numberOrUndefined(v.get('hoursPerWeek.target')),
    },
    adaptationNeeds,
    location: { municipalityCode: stringOrUndefined(v.get('location.municipalityCode')) },
    maxTravelKm: numberOrUndefined(v.get('maxTravelKm')),
  };
  const fieldOf = (path: string) => {
    const cell = cellOf(path, 'availability', cells);
    if (cell) return cell;
    for (const list of ['strengths', 'interests', 'avoid', 'adaptationNeeds'])
      if (path.startsWith(`${list}.`)) return list;
    if (path === 'location') return 'location.municipalityCode';
    return path;
  };
  return { input, fieldOf };
}

export function participantFormPage(
  c: Context<PageEnv>,
  values: FormValues,
  errors: FieldErrors,
  status: 200 | 400 = 200,
  /** The same form edits a participant: where it is sent, its heading and button (create by default). */
  o?: { action: string; title: string; submit: string; cancel: string },
) {
  const all = c.var.t;
  const t = all.participants;
  const mode = o ?? { action: '/participants', title: t.newTitle, submit: t.create, cancel: '/participants' };
  const e = errors;
  const labels: Record<string, string> = {
    reference: t.referenceLabel,
    strengths: t.strengths,
    interests: t.interests,
    avoid: t.avoid,
    availability: t.availability,
    'hoursPerWeek.now': t.hoursNow,
    'hoursPerWeek.target': t.hoursTarget,
    adaptationNeeds: t.needs,
    'location.municipalityCode': t.municipality,
    maxTravelKm: t.maxTravelKm,
  };
  return render(
    c,
    { title: mode.title, status },
    <>
      <h1>{mode.title}</h1>
      <p>{t.formIntro}</p>
      <form method="post" action={mode.action} novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={e} labels={labels} heading={all.common.formHasErrors} />
        <TextField
          name="reference"
          label={t.referenceLabel}
          hint={t.referenceHint}
          value={values.get('reference')}
          errors={e}
          autocomplete="off"
          required
        />
        <TextField
          name="strengths"
          label={t.strengths}
          hint={t.wordsHint}
          value={values.get('strengths')}
          errors={e}
        />
        <TextField
          name="interests"
          label={t.interests}
          hint={t.wordsHint}
          value={values.get('interests')}
          errors={e}
        />
        <TextField name="avoid" label={t.avoid} hint={t.wordsHint} value={values.get('avoid')} errors={e} />
        <ScheduleGrid
          c={c}
          name="availability"
          label={t.availability}
          hint={t.availabilityHint}
          v={values}
          errors={e}
        />
        <div class="pair">
          <TextField
            name="hoursPerWeek.now"
            type="number"
            inputmode="decimal"
            label={t.hoursNow}
            value={values.get('hoursPerWeek.now')}
            errors={e}
            min={0}
            max={60}
            required
          />
          <TextField
            name="hoursPerWeek.target"
            type="number"
            inputmode="decimal"
            label={t.hoursTarget}
            value={values.get('hoursPerWeek.target')}
            errors={e}
            min={0}
            max={60}
            required
          />
        </div>
        <FieldSet name="adaptationNeeds" label={t.needs} hint={t.needsHint} errors={e}>
          <ul class="plain adaptations">
            {adaptationVocabulary.map((a) => {
              const name = `adaptationNeeds.${a.code}`;
              return (
                <li>
                  <span class="adaptation-name" id={`${fieldId(name)}-label`}>
                    {inLang(all, a)}
                  </span>
                  <span
                    class="adaptation-choices"
                    role="radiogroup"
                    aria-labelledby={`${fieldId(name)}-label`}
                  >
                    {(['', 'must', 'nice'] as const).map((p) => (
                      <label>
                        <input type="radio" name={name} value={p} checked={values.get(name) === p} />
                        {p === '' ? t.needNo : p === 'must' ? t.must : t.nice}
                      </label>
                    ))}
                  </span>
                </li>
              );
            })}
          </ul>
        </FieldSet>
        <SelectField
          name="location.municipalityCode"
          label={t.municipality}
          blank={all.slots.form.pick}
          value={values.get('location.municipalityCode')}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
          errors={e}
          required
        />
        <TextField
          name="maxTravelKm"
          type="number"
          inputmode="numeric"
          label={t.maxTravelKm}
          value={values.get('maxTravelKm')}
          errors={e}
          min={1}
          max={300}
        />
        <div class="actions">
          <button type="submit">{mode.submit}</button>
          <a href={mode.cancel}>{all.common.cancel}</a>
        </div>
      </form>
    </>,
  );
}
