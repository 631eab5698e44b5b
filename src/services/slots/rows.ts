import { adaptationMask, canArrangeMask } from '../../domain/vocabulary';
import { strengthCodes } from '../../domain/work-vocabulary';
import { type FieldError, unprocessable } from '../../lib/problem';
import { daysMask, normaliseWindows, toIntervals, totalMinutes } from '../../lib/schedule';
import { matchTermsVersion, storedMatchTerms } from '../../matching/terms';
import type { SlotUpdate } from './schemas';
import type { SlotRow } from './view';

/** Applies the API fields of an input onto a row (create: onto nothing). */
export function applyFields(base: Partial<SlotRow>, input: SlotUpdate): Partial<SlotRow> {
  const row: Partial<SlotRow> = { ...base };
  if (input.title !== undefined) row.title = input.title;
  if (input.description !== undefined) row.description = input.description;
  if (input.tasks !== undefined) row.tasks = input.tasks;
  if (input.occupation !== undefined) {
    row.ssyk = input.occupation.ssyk ?? null;
    row.occupationLabel = input.occupation.label;
  }
  if (input.kind !== undefined) row.kind = input.kind;
  if (input.capacity !== undefined) row.capacity = input.capacity;
  if (input.schedule !== undefined) {
    row.schedule = normaliseWindows(input.schedule);
    row.daysMask = daysMask(row.schedule);
  }
  if (input.hoursPerWeek !== undefined) {
    row.hoursMin = input.hoursPerWeek.min;
    row.hoursMax = input.hoursPerWeek.max;
  }
  if (input.startDate !== undefined) row.startDate = input.startDate;
  if (input.openEnded !== undefined) {
    row.openEnded = input.openEnded;
    if (input.openEnded && input.endDate === undefined) row.endDate = null;
  }
  if (input.endDate !== undefined) row.endDate = input.endDate;
  if (input.adaptations !== undefined) {
    row.adaptations = input.adaptations;
    row.adaptationMask = adaptationMask(input.adaptations.map((a) => a.code));
    row.adaptationArrangeMask = canArrangeMask(input.adaptations);
  }
  if (input.environment !== undefined) {
    row.socialIntensity = input.environment.socialIntensity;
    row.physicalDemand = input.environment.physicalDemand;
  }
  if (input.subsidies !== undefined) row.subsidies = [...new Set(input.subsidies)];
  if (input.leadsToHire !== undefined) row.leadsToHire = input.leadsToHire;
  if (input.suits !== undefined) row.suits = strengthCodes.filter((code) => input.suits?.includes(code));
  if (input.status !== undefined) row.status = input.status;
  // Rewritten when the words change, and on any write to a slot whose terms are of an older key
  // function, so those are replaced as slots are edited. Terms of the current function from the same
  // words are what they were (deriving them costs a tenth of a slot write's CPU).
  const wordsKept =
    input.title === undefined &&
    input.tasks === undefined &&
    input.occupation === undefined &&
    input.suits === undefined &&
    typeof base.matchTerms === 'string' &&
    base.matchTerms.startsWith(`${matchTermsVersion()} `);
  if (!wordsKept && row.title !== undefined && row.tasks !== undefined && row.occupationLabel !== undefined)
    row.matchTerms = storedMatchTerms({
      title: row.title,
      tasks: row.tasks,
      occupationLabel: row.occupationLabel,
      ssyk: row.ssyk ?? null,
      suits: row.suits ?? [],
    });
  return row;
}

/** Rules that tie several fields together; checked on the merged result of a create or an update. */
function consistencyErrors(s: SlotRow): FieldError[] {
  const errors: FieldError[] = [];
  if (s.hoursMin > s.hoursMax)
    errors.push({ path: 'hoursPerWeek.min', message: 'must not exceed hoursPerWeek.max' });
  const supervisedHours = totalMinutes(toIntervals(s.schedule)) / 60;
  if (supervisedHours < s.hoursMin)
    errors.push({
      path: 'schedule',
      message: `supervised windows cover ${supervisedHours} h/week, less than hoursPerWeek.min (${s.hoursMin})`,
    });
  if (s.openEnded && s.endDate)
    errors.push({ path: 'endDate', message: 'must be empty when openEnded is true' });
  if (!s.openEnded && !s.endDate)
    errors.push({ path: 'endDate', message: 'is required unless openEnded is true' });
  if (s.endDate && s.endDate < s.startDate)
    errors.push({ path: 'endDate', message: 'must not be before startDate' });
  if (new Set(s.adaptations.map((a) => a.code)).size !== s.adaptations.length)
    errors.push({ path: 'adaptations', message: 'lists an adaptation code twice' });
  return errors;
}

export function assertConsistent(row: SlotRow) {
  const errors = consistencyErrors(row);
  if (errors.length) throw unprocessable('The slot’s fields do not fit together.', errors);
}
