/**
 * The slot form ↔ the slots service's input (SlotCreate / SlotUpdate). Inputs are named by the
 * schema's paths (`hoursPerWeek.min`, `environment.socialIntensity`), except two that a schema path
 * cannot name: the weekly grid (`schedule.<day>.<n>.start|end`, turned into the schema's list of
 * windows, whose errors are mapped back to their cells) and the adaptations checklist
 * (`adaptations.<code>` = in_place | can_arrange).
 */
import { adaptationVocabulary, weekdays } from '../../domain/vocabulary';
import type { Slot } from '../../services/slots';
import type { FieldErrors, FormValues } from '../ui/validate';
import { numberOrUndefined, stringOrUndefined } from '../ui/validate';

/** Windows per day in the grid: enough for a split day (morning and afternoon). */
export const WINDOWS_PER_DAY = 2;

export const cellName = (day: string, n: number, part?: 'start' | 'end') =>
  `schedule.${day}.${n}${part ? `.${part}` : ''}`;

/** The grid's filled cells as the schema's windows, and which cell each window came from. */
function scheduleOf(v: FormValues) {
  const windows: { day: string; start: string; end: string }[] = [];
  const cells: string[] = [];
  for (const day of weekdays)
    for (let n = 0; n < WINDOWS_PER_DAY; n++) {
      const start = v.get(cellName(day, n, 'start'));
      const end = v.get(cellName(day, n, 'end'));
      if (!start && !end) continue;
      windows.push({ day, start, end });
      cells.push(cellName(day, n));
    }
  return { windows, cells };
}

export interface SlotInput {
  /** What to validate with the service's schema (unknown: the schema decides). */
  input: Record<string, unknown>;
  /** Turns a schema error's path into the form field that shows it. */
  fieldOf: (path: string) => string;
}

/**
 * The service input from the form. `mode` create leaves blanks out (the schema's defaults apply);
 * update sends every field, blanks as null where the schema allows it (the form shows all fields).
 */
export function slotInput(
  v: FormValues,
  mode: 'create' | 'update',
  occupationCode: string | null,
): SlotInput {
  const { windows, cells } = scheduleOf(v);
  const blank = mode === 'create' ? undefined : null;
  const siteId = stringOrUndefined(v.get('siteId')) ?? blank;
  const municipalityCode = stringOrUndefined(v.get('location.municipalityCode'));
  const adaptations = adaptationVocabulary.flatMap((a) => {
    const status = v.get(`adaptations.${a.code}`);
    return status === 'in_place' || status === 'can_arrange' ? [{ code: a.code, status }] : [];
  });
  const input: Record<string, unknown> = {
    title: v.get('title'),
    description: v.get('description'),
    tasks: v
      .get('tasks')
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
    occupation: { ssyk: occupationCode, label: v.get('occupation.label') },
    kind: stringOrUndefined(v.get('kind')),
    ...(siteId !== undefined ? { siteId } : {}),
    ...(municipalityCode
      ? { location: { municipalityCode, address: stringOrUndefined(v.get('location.address')) ?? blank } }
      : {}),
    capacity: numberOrUndefined(v.get('capacity')),
    schedule: windows,
    hoursPerWeek: {
      min: numberOrUndefined(v.get('hoursPerWeek.min')),
      max: numberOrUndefined(v.get('hoursPerWeek.max')),
    },
    startDate: stringOrUndefined(v.get('startDate')),
    openEnded: v.has('openEnded'),
    ...(v.has('openEnded')
      ? mode === 'update'
        ? { endDate: null }
        : {}
      : { endDate: stringOrUndefined(v.get('endDate')) ?? blank }),
    supervisorIds: v.all('supervisorIds').filter(Boolean),
    adaptations,
    environment: {
      socialIntensity: stringOrUndefined(v.get('environment.socialIntensity')),
      physicalDemand: stringOrUndefined(v.get('environment.physicalDemand')),
    },
    subsidies: v.all('subsidies').filter(Boolean),
    leadsToHire: v.has('leadsToHire'),
    ...(mode === 'create' ? { status: stringOrUndefined(v.get('status')) } : {}),
  };
  const fieldOf = (path: string) => {
    const m = /^schedule\.(\d+)(\..*)?$/.exec(path);
    if (m) return `${cells[Number(m[1])] ?? 'schedule'}${m[2] ?? ''}`;
    if (path.startsWith('occupation')) return 'occupation.label';
    if (path.startsWith('adaptations')) return 'adaptations';
    if (path === 'location') return 'location.municipalityCode';
    if (path.startsWith('supervisorIds')) return 'supervisorIds';
    if (path.startsWith('subsidies')) return 'subsidies';
    if (path.startsWith('tasks')) return 'tasks';
    return path;
  };
  return { input, fieldOf };
}

/** Schema errors re-keyed by the form field that shows them (first error per field). */
export function remap(errors: FieldErrors, fieldOf: (path: string) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) out[fieldOf(path)] ??= message;
  return out;
}

/** A stored slot as the form's values, for the edit page. */
export function slotValues(s: Slot): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    title: s.title,
    description: s.description,
    tasks: s.tasks.join('\n'),
    'occupation.label': s.occupation.label,
    'occupation.ssyk': s.occupation.ssyk ?? '',
    kind: s.kind,
    siteId: s.siteId ?? '',
    'location.municipalityCode': s.siteId ? '' : s.location.municipalityCode,
    'location.address': s.siteId ? '' : (s.location.address ?? ''),
    capacity: String(s.capacity),
    'hoursPerWeek.min': String(s.hoursPerWeek.min),
    'hoursPerWeek.max': String(s.hoursPerWeek.max),
    startDate: s.startDate,
    endDate: s.endDate ?? '',
    supervisorIds: s.supervisorIds,
    'environment.socialIntensity': s.environment.socialIntensity,
    'environment.physicalDemand': s.environment.physicalDemand,
    subsidies: [...s.subsidies],
  };
  if (s.openEnded) values.openEnded = 'on';
  if (s.leadsToHire) values.leadsToHire = 'on';
  for (const a of s.adaptations) values[`adaptations.${a.code}`] = a.status;
  const perDay = new Map<string, number>();
  for (const w of s.schedule) {
    const n = perDay.get(w.day) ?? 0;
    if (n >= WINDOWS_PER_DAY) continue;
    perDay.set(w.day, n + 1);
    values[cellName(w.day, n, 'start')] = w.start;
    values[cellName(w.day, n, 'end')] = w.end;
  }
  return values;
}
