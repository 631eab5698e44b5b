/**
 * A weekly grid of time windows, for a slot's supervised schedule and a participant's availability.
 * Each day shows two rows (a split day: morning and afternoon), and as many as it has filled plus
 * one empty row once those are full, up to MAX_WINDOWS_PER_DAY: a schedule with three windows on a
 * day is shown whole and kept on save, and a fourth can be added without any script (save, and the
 * day offers one more row). Inputs are named `<field>.<day>.<n>.start|end`; `windowsOf` turns them
 * into the schema's list of windows and remembers each window's cell, so a schema error on
 * `<field>.3.end` is shown beside its cell.
 */
import type { Context } from 'hono';
import { weekdays } from '../../domain/vocabulary';
import type { PageEnv } from '../env';
import { InputRow } from './fields';
import { FieldSet } from './form';
import type { FieldErrors, FormValues } from './validate';

/** Rows a day always shows: enough for a split day (morning and afternoon). */
export const WINDOWS_PER_DAY = 2;
/** The most windows one day can hold in the grid (a schedule holds at most 50 in all). */
export const MAX_WINDOWS_PER_DAY = 7;

export const cellName = (field: string, day: string, n: number, part?: 'start' | 'end') =>
  `${field}.${day}.${n}${part ? `.${part}` : ''}`;

/** Rows to show for a day: the filled ones (up to the last filled row) and one empty once two are full. */
export function rowsFor(v: FormValues, field: string, day: string) {
  let last = -1;
  for (let n = 0; n < MAX_WINDOWS_PER_DAY; n++)
    if (v.get(cellName(field, day, n, 'start')) || v.get(cellName(field, day, n, 'end'))) last = n;
  return Math.min(MAX_WINDOWS_PER_DAY, Math.max(WINDOWS_PER_DAY, last + 2));
}

/** The grid's filled cells as the schema's windows, and which cell each window came from. */
export function windowsOf(v: FormValues, field: string) {
  const windows: { day: string; start: string; end: string }[] = [];
  const cells: string[] = [];
  for (const day of weekdays)
    for (let n = 0; n < MAX_WINDOWS_PER_DAY; n++) {
      const start = v.get(cellName(field, day, n, 'start'));
      const end = v.get(cellName(field, day, n, 'end'));
      if (!start && !end) continue;
      windows.push({ day, start, end });
      cells.push(cellName(field, day, n));
    }
  return { windows, cells };
}

/** A schema error's path (`schedule.3.end`) as the grid cell that shows it, or null when not the grid's. */
export function cellOf(path: string, field: string, cells: string[]): string | null {
  const m = new RegExp(`^${field}\\.(\\d+)(\\..*)?$`).exec(path);
  return m ? `${cells[Number(m[1])] ?? field}${m[2] ?? ''}` : null;
}

/** Stored windows as the grid's values, in their order within each day. */
export function gridValues(field: string, windows: readonly { day: string; start: string; end: string }[]) {
  const values: Record<string, string> = {};
  const perDay = new Map<string, number>();
  for (const w of windows) {
    const n = perDay.get(w.day) ?? 0;
    if (n >= MAX_WINDOWS_PER_DAY) continue;
    perDay.set(w.day, n + 1);
    values[cellName(field, w.day, n, 'start')] = w.start;
    values[cellName(field, w.day, n, 'end')] = w.end;
  }
  return values;
}

export function ScheduleGrid(props: {
  c: Context<PageEnv>;
  /** The schema field the windows fill (`schedule`, `availability`). */
  name: string;
  label: string;
  hint?: string;
  v: FormValues;
  errors: FieldErrors;
}) {
  const t = props.c.var.t;
  const s = t.slots.form;
  return (
    <FieldSet name={props.name} label={props.label} hint={props.hint} errors={props.errors} class="schedule">
      {weekdays.map((day) => (
        <fieldset class="day">
          <legend class="day-name">{t.daysLong[day]}</legend>
          {Array.from({ length: rowsFor(props.v, props.name, day) }, (_, n) => (
            <InputRow
              name={cellName(props.name, day, n)}
              inputs={(['start', 'end'] as const).map((part) => ({
                name: cellName(props.name, day, n, part),
                label: `${s.window(n + 1)} ${part === 'start' ? s.from : s.to}`,
                type: 'time',
              }))}
              v={props.v}
              errors={props.errors}
            />
          ))}
        </fieldset>
      ))}
    </FieldSet>
  );
}
