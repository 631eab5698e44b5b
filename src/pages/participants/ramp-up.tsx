/**
 * The ramp-up steps of the participant form: how the hours rise from now towards the target, each
 * step "after N weeks, H hours a week" (the participants service's RampStep). Rows like the schedule
 * grid's: every stored step plus empty rows to add more (at least three, one empty once those are
 * filled, at most the schema's 12), so steps are added without any script. Inputs are named
 * `rampUp.<row>.afterWeeks|hoursPerWeek`; `stepsOf` sends the filled rows in week order (the order the
 * service stores and checks them in) and remembers each step's row, so an error on `rampUp.1.hoursPerWeek`
 * is shown beside the row the person typed it in.
 */
import type { Context } from 'hono';
import type { PageEnv } from '../env';
import { InputRow } from '../ui/fields';
import { FieldSet } from '../ui/form';
import { type FieldErrors, type FormValues, numberOrUndefined } from '../ui/validate';

/** The most steps the schema takes. */
export const MAX_STEPS = 12;
const MIN_ROWS = 3;

const stepName = (n: number, part?: 'afterWeeks' | 'hoursPerWeek') => `rampUp.${n}${part ? `.${part}` : ''}`;

function filled(v: FormValues, n: number) {
  return v.get(stepName(n, 'afterWeeks')) !== '' || v.get(stepName(n, 'hoursPerWeek')) !== '';
}

/** Rows to show: up to the last filled one, and one more empty (at least MIN_ROWS, at most MAX_STEPS). */
export function stepRows(v: FormValues) {
  let last = -1;
  for (let n = 0; n < MAX_STEPS; n++) if (filled(v, n)) last = n;
  return Math.min(MAX_STEPS, Math.max(MIN_ROWS, last + 2));
}

/** The filled rows as the schema's steps, in week order, and the row each step came from. */
export function stepsOf(v: FormValues) {
  const typed: { step: { afterWeeks?: number; hoursPerWeek?: number }; row: number }[] = [];
  for (let n = 0; n < MAX_STEPS; n++)
    if (filled(v, n))
      typed.push({
        step: {
          afterWeeks: numberOrUndefined(v.get(stepName(n, 'afterWeeks'))),
          hoursPerWeek: numberOrUndefined(v.get(stepName(n, 'hoursPerWeek'))),
        },
        row: n,
      });
  // A step without a readable week goes last (the schema names it); the sort is stable.
  const week = (x: (typeof typed)[number]) =>
    Number.isFinite(x.step.afterWeeks) ? (x.step.afterWeeks ?? 0) : Number.POSITIVE_INFINITY;
  typed.sort((a, b) => (week(a) === week(b) ? 0 : week(a) < week(b) ? -1 : 1));
  return { steps: typed.map((x) => x.step), rows: typed.map((x) => x.row) };
}

/** A schema or service error's path (`rampUp.1.hoursPerWeek`) as the row's field, or null when not a step's. */
export function stepFieldOf(path: string, rows: number[]): string | null {
  const m = /^rampUp\.(\d+)(\..*)?$/.exec(path);
  if (!m) return null;
  const row = rows[Number(m[1])];
  return row === undefined ? 'rampUp' : `${stepName(row)}${m[2] ?? ''}`;
}

/** Stored steps as the rows' values. */
export function stepValues(steps: readonly { afterWeeks: number; hoursPerWeek: number }[]) {
  const values: Record<string, string> = {};
  steps.forEach((s, n) => {
    values[stepName(n, 'afterWeeks')] = String(s.afterWeeks);
    values[stepName(n, 'hoursPerWeek')] = String(s.hoursPerWeek);
  });
  return values;
}

export function RampUpSteps(props: { c: Context<PageEnv>; v: FormValues; errors: FieldErrors }) {
  const t = props.c.var.t.participants;
  const e = props.errors;
  return (
    <FieldSet name="rampUp" label={t.rampUp} hint={t.rampUpHint} errors={e} class="schedule steps">
      {Array.from({ length: stepRows(props.v) }, (_, n) => (
        <InputRow
          name={stepName(n)}
          inputs={[
            {
              name: stepName(n, 'afterWeeks'),
              label: `${t.rampStep(n + 1)}: ${t.afterWeeks}`,
              min: 1,
              max: 104,
            },
            {
              name: stepName(n, 'hoursPerWeek'),
              label: `${t.rampStep(n + 1)}: ${t.stepHours}`,
              decimal: true,
            },
          ].map((i) => ({ type: 'number', min: 0, max: 60, step: i.decimal ? 'any' : '1', ...i }))}
          v={props.v}
          errors={e}
        />
      ))}
    </FieldSet>
  );
}
