/**
 * The agreement form ⇄ the service's input. Inputs are named by the schema path they fill
 * (`hoursPlan.steps.0.fromWeek`, `supportTeam.1.consent`), so a schema error lands beside its field;
 * tasks are one per line; empty step and contact rows are left out.
 */
import type { AgreementContent } from '../../../db/schema';
import { cellOf, gridValues, windowsOf } from '../ui/schedule-grid';
import {
  type FieldErrors,
  type FormValues,
  numberOrUndefined,
  stringOrUndefined,
  valuesFrom,
} from '../ui/validate';

/** Rows of the ramp-up and of the support team the form offers. */
export const STEP_ROWS = 3;
export const CONTACT_ROWS = 4;

export function draftFromForm(v: FormValues) {
  const { windows, cells } = windowsOf(v, 'schedule');
  const steps = [];
  const stepRows: number[] = [];
  for (let i = 0; i < STEP_ROWS; i++) {
    const week = v.get(`hoursPlan.steps.${i}.fromWeek`);
    const hours = v.get(`hoursPlan.steps.${i}.hoursPerWeek`);
    if (!week && !hours) continue;
    steps.push({ fromWeek: numberOrUndefined(week), hoursPerWeek: numberOrUndefined(hours) });
    stepRows.push(i);
  }
  const supportTeam = [];
  const contactRows: number[] = [];
  for (let i = 0; i < CONTACT_ROWS; i++) {
    const party = v.get(`supportTeam.${i}.party`);
    const name = v.get(`supportTeam.${i}.name`);
    if (!party && !name) continue;
    supportTeam.push({
      party: stringOrUndefined(party),
      name,
      role: stringOrUndefined(v.get(`supportTeam.${i}.role`)),
      consent: v.get(`supportTeam.${i}.consent`) === 'yes',
    });
    contactRows.push(i);
  }
  const input = {
    baseVersion: numberOrUndefined(v.get('baseVersion')),
    tasks: v
      .get('tasks')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    goals: v.all('goals'),
    hoursPlan: { startHoursPerWeek: numberOrUndefined(v.get('hoursPlan.startHoursPerWeek')), steps },
    schedule: windows,
    adaptations: v.all('adaptations'),
    supervisorId: stringOrUndefined(v.get('supervisorId')),
    followUp: { cadence: v.get('followUp.cadence'), by: v.get('followUp.by') },
    dates: {
      start: v.get('dates.start'),
      review: v.get('dates.review'),
      end: stringOrUndefined(v.get('dates.end')) ?? null,
    },
    supportTeam,
  };
  return { input, cells, stepRows, contactRows };
}

/** Schema error paths → the input that shows them (a list item's error goes beside its row's input). */
export function placeErrors(
  errors: FieldErrors,
  at: { cells: string[]; stepRows: number[]; contactRows: number[] },
): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const cell = cellOf(path, 'schedule', at.cells);
    let target = cell ?? path;
    if (/^tasks\.\d+/.test(path)) target = 'tasks';
    const step = /^hoursPlan\.steps\.(\d+)(\..*)?$/.exec(path);
    if (step) target = `hoursPlan.steps.${at.stepRows[Number(step[1])] ?? 0}${step[2] ?? '.fromWeek'}`;
    const contact = /^supportTeam\.(\d+)(\..*)?$/.exec(path);
    if (contact) target = `supportTeam.${at.contactRows[Number(contact[1])] ?? 0}${contact[2] ?? '.name'}`;
    out[target] ??= message;
  }
  return out;
}

/** A stored version (or sensible defaults for the first draft) as the form's values. */
export function valuesOfContent(c: AgreementContent | null, version: number): FormValues {
  const record: Record<string, string | string[]> = { baseVersion: String(version) };
  if (!c) return valuesFrom({ ...record, 'followUp.cadence': 'weekly', 'followUp.by': 'handler' });
  Object.assign(record, {
    tasks: c.tasks.join('\n'),
    goals: c.goals,
    'hoursPlan.startHoursPerWeek': String(c.hoursPlan.startHoursPerWeek),
    adaptations: c.adaptations,
    supervisorId: c.supervisorId ?? '',
    'followUp.cadence': c.followUp.cadence,
    'followUp.by': c.followUp.by,
    'dates.start': c.dates.start,
    'dates.review': c.dates.review,
    'dates.end': c.dates.end ?? '',
    ...gridValues('schedule', c.schedule),
  });
  c.hoursPlan.steps.slice(0, STEP_ROWS).forEach((s, i) => {
    record[`hoursPlan.steps.${i}.fromWeek`] = String(s.fromWeek);
    record[`hoursPlan.steps.${i}.hoursPerWeek`] = String(s.hoursPerWeek);
  });
  c.supportTeam.slice(0, CONTACT_ROWS).forEach((m, i) => {
    record[`supportTeam.${i}.party`] = m.party;
    record[`supportTeam.${i}.name`] = m.name;
    record[`supportTeam.${i}.role`] = m.role ?? '';
    if (m.consent) record[`supportTeam.${i}.consent`] = 'yes';
  });
  return valuesFrom(record);
}
