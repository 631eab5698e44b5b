/**
 * The slot form ↔ the slots service's input (SlotCreate / SlotUpdate). Inputs are named by the
 * schema's paths (`hoursPerWeek.min`, `environment.socialIntensity`), except two that a schema path
 * cannot name: the weekly grid (`schedule.<day>.<n>.start|end`, turned into the schema's list of
 * windows, whose errors are mapped back to their cells) and the adaptations checklist
 * (`adaptations.<code>` = in_place | can_arrange).
 */
import { adaptationVocabulary } from '../../domain/vocabulary';
import type { Slot } from '../../services/slots';
import { cellOf, gridValues, windowsOf } from '../ui/schedule-grid';
import type { FieldErrors, FormValues } from '../ui/validate';
import { numberOrUndefined, stringOrUndefined } from '../ui/validate';

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
  const { windows, cells } = windowsOf(v, 'schedule');
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
    suits: v.all('suits').filter(Boolean),
    ...(mode === 'create' ? { status: stringOrUndefined(v.get('status')) } : {}),
  };
  const fieldOf = (path: string) => {
    const cell = cellOf(path, 'schedule', cells);
    if (cell) return cell;
    if (path.startsWith('occupation')) return 'occupation.label';
    if (path.startsWith('adaptations')) return 'adaptations';
    if (path === 'location') return 'location.municipalityCode';
    if (path.startsWith('supervisorIds')) return 'supervisorIds';
    if (path.startsWith('subsidies')) return 'subsidies';
    if (path.startsWith('suits')) return 'suits';
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
    suits: [...s.suits],
  };
  if (s.openEnded) values.openEnded = 'on';
  if (s.leadsToHire) values.leadsToHire = 'on';
  for (const a of s.adaptations) values[`adaptations.${a.code}`] = a.status;
  Object.assign(values, gridValues('schedule', s.schedule));
  return values;
}
