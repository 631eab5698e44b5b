/**
 * The participant form (register and edit): the participants service's ParticipantCreate /
 * ParticipantUpdate, whose checks refuse personal data (names, identity numbers, contact details,
 * diagnoses) exactly as the API does. Every field of the schema but the handler and the coordinate is
 * here: words, availability, hours now and target with the ramp-up steps between, adaptation needs,
 * municipality and travel limit, and the preferences (social and physical level, kinds of place).
 */
import type { Context } from 'hono';
import { adaptationVocabulary, slotKinds } from '../../domain/vocabulary';
import type { Participant } from '../../services/participants/index';
import type { PageEnv } from '../env';
import { AdaptationChoices } from '../ui/adaptation-choices';
import { LevelChoices, MunicipalityField, NumberField, NumberPair } from '../ui/fields';
import { Choices, Csrf, ErrorSummary, TextField } from '../ui/form';
import { render } from '../ui/layout';
import { cellOf, gridValues, ScheduleGrid, windowsOf } from '../ui/schedule-grid';
import {
  type FieldErrors,
  type FormFields,
  type FormValues,
  numberOrUndefined,
  stringOrUndefined,
  valuesFrom,
} from '../ui/validate';
import { RampUpSteps, stepFieldOf, stepsOf, stepValues } from './ramp-up';

const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/** A stored participant as the form's values (to edit it). */
export function participantValues(p: Participant): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    reference: p.reference,
    strengths: p.strengths.join(', '),
    interests: p.interests.join(', '),
    avoid: p.avoid.join(', '),
    'hoursPerWeek.now': String(p.hoursPerWeek.now),
    'hoursPerWeek.target': String(p.hoursPerWeek.target),
    'location.municipalityCode': p.location.municipalityCode,
    maxTravelKm: String(p.maxTravelKm),
    'preferences.socialIntensity': p.preferences.socialIntensity ?? '',
    'preferences.physicalDemand': p.preferences.physicalDemand ?? '',
    'preferences.kinds': p.preferences.kinds ?? [],
  };
  for (const n of p.adaptationNeeds) values[`adaptationNeeds.${n.code}`] = n.priority;
  return Object.assign(values, gridValues('availability', p.availability), stepValues(p.rampUp));
}

/** The preferences as the schema has them: a level or kind left open is absent, not empty. */
function preferencesOf(v: FormValues) {
  const kinds = v.all('preferences.kinds').filter(Boolean);
  return {
    ...(v.get('preferences.socialIntensity')
      ? { socialIntensity: v.get('preferences.socialIntensity') }
      : {}),
    ...(v.get('preferences.physicalDemand') ? { physicalDemand: v.get('preferences.physicalDemand') } : {}),
    ...(kinds.length > 0 ? { kinds } : {}),
  };
}

/** The service's input from the form, and where each schema error is shown. */
export function participantInput(v: FormValues) {
  const { windows, cells } = windowsOf(v, 'availability');
  const { steps, rows } = stepsOf(v);
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
    rampUp: steps,
    adaptationNeeds,
    location: { municipalityCode: stringOrUndefined(v.get('location.municipalityCode')) },
    maxTravelKm: numberOrUndefined(v.get('maxTravelKm')),
    preferences: preferencesOf(v),
  };
  const fieldOf = (path: string) => {
    const cell = cellOf(path, 'availability', cells) ?? stepFieldOf(path, rows);
    if (cell) return cell;
    for (const list of ['strengths', 'interests', 'avoid', 'adaptationNeeds'])
      if (path.startsWith(`${list}.`)) return list;
    if (path === 'location') return 'location.municipalityCode';
    if (path.startsWith('preferences.kinds')) return 'preferences.kinds';
    return path;
  };
  return { input, fieldOf };
}

/** A form field's values as compared for "unchanged": blanks dropped, order not counted (checkboxes). */
const comparable = (list: string[]) => list.filter(Boolean).sort().join('\n');

/**
 * The edit's patch: only the fields the person changed in the form. A field whose inputs read as
 * the stored participant's do is left out, so the service keeps exactly what is stored (a coordinate
 * set through the API, the order of a list, a word with a comma in it); an unchanged save changes nothing.
 */
export function changedOnly<T extends Record<string, unknown>>(
  patch: T,
  form: FormFields,
  stored: Participant,
) {
  const before = participantValues(stored);
  const storedForm = valuesFrom(before);
  const names = [...new Set([...form.names(), ...Object.keys(before)])];
  const out: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T & string)[]) {
    const own = names.filter((n) => n === key || n.startsWith(`${key}.`));
    const same = own.every((n) => comparable(form.all(n)) === comparable(storedForm.all(n)));
    if (!same) out[key] = patch[key];
  }
  return out;
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
    rampUp: t.rampUp,
    adaptationNeeds: t.needs,
    'location.municipalityCode': t.municipality,
    maxTravelKm: t.maxTravelKm,
    preferences: t.preferences,
    'preferences.socialIntensity': t.socialPreference,
    'preferences.physicalDemand': t.physicalPreference,
    'preferences.kinds': t.kindsWanted,
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
        <NumberPair
          fields={[
            { name: 'hoursPerWeek.now', label: t.hoursNow, decimal: true, min: 0, max: 60, required: true },
            {
              name: 'hoursPerWeek.target',
              label: t.hoursTarget,
              decimal: true,
              min: 0,
              max: 60,
              required: true,
            },
          ]}
          v={values}
          errors={e}
        />
        <RampUpSteps c={c} v={values} errors={e} />
        <AdaptationChoices
          c={c}
          name="adaptationNeeds"
          label={t.needs}
          hint={t.needsHint}
          options={[
            { value: '', label: t.needNo },
            { value: 'must', label: t.must },
            { value: 'nice', label: t.nice },
          ]}
          v={values}
          errors={e}
        />
        <MunicipalityField
          name="location.municipalityCode"
          label={t.municipality}
          blank={all.slots.form.pick}
          v={values}
          errors={e}
          required
        />
        <NumberField name="maxTravelKm" label={t.maxTravelKm} v={values} errors={e} min={1} max={300} />
        <h2>{t.preferences}</h2>
        <p class="hint">{t.preferencesHint}</p>
        {(['preferences.socialIntensity', 'preferences.physicalDemand'] as const).map((name) => (
          <LevelChoices
            name={name}
            label={labels[name]!}
            labels={all.slots.levels}
            none={t.noPreference}
            v={values}
            errors={e}
          />
        ))}
        <Choices
          name="preferences.kinds"
          type="checkbox"
          label={t.kindsWanted}
          hint={t.kindsHint}
          options={slotKinds.map((k) => ({ value: k, label: all.slots.kinds[k] }))}
          checked={(k) => values.all('preferences.kinds').includes(k)}
          errors={e}
        />
        <div class="actions">
          <button type="submit">{mode.submit}</button>
          <a href={mode.cancel}>{all.common.cancel}</a>
        </div>
      </form>
    </>,
  );
}
