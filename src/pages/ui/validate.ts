/**
 * Forms are validated by the services' own zod schemas (the same the API uses): a page turns the
 * form's fields into the service's input, `safeParse`s it with the service's schema, and on failure
 * shows each issue beside the field its path names. Messages are in the page's language: zod's
 * generic ones are replaced by plain words from the catalogue; a schema's own message (a privacy
 * refusal, a time format) is kept.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../../lib/problem';
import { textProblem } from '../../lib/text';
import type { PageEnv } from '../env';
import type { Catalogue } from '../i18n';

/** Field path (dotted, as the schema names it) → the message to show beside it. */
export type FieldErrors = Record<string, string>;

/** A form's values by input name, to fill a form again (as typed, or from a stored record). */
export interface FormValues {
  /** The first value, trimmed; '' when absent. */
  get(name: string): string;
  /** Every value (checkboxes). */
  all(name: string): string[];
  has(name: string): boolean;
}

/** Values from a record (a stored thing shown for editing, or defaults for a new one). */
export function valuesFrom(record: Record<string, string | string[] | undefined>): FormValues {
  const list = (name: string) => {
    const v = record[name];
    return v === undefined ? [] : [v].flat();
  };
  return { get: (name) => list(name)[0] ?? '', all: list, has: (name) => record[name] !== undefined };
}

/** The form's fields by name; a name sent more than once (checkboxes) keeps every value. */
export interface FormFields extends FormValues {
  names(): string[];
  /** Fields whose text cannot be stored (control characters, …): shown like any other field error. */
  textErrors: FieldErrors;
}

const generic = /^(Invalid|Too (small|big)|Expected|Required|Unrecognized)/;

function messageFor(issue: z.core.$ZodIssue, v: Catalogue['validation'], typed: string): string {
  const known = v.known[issue.message];
  if (known) return known;
  if (!generic.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of its issues: the form's own value tells "missing" from "not a number".
      if (!typed) return v.required;
      return issue.expected === 'number' ? v.notANumber : v.invalid;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return v.tooShort(n);
      if (issue.origin === 'array' || issue.origin === 'set') return v.tooFewItems(n);
      return v.tooSmall(n);
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return v.tooLong(n);
      if (issue.origin === 'array' || issue.origin === 'set') return v.tooManyItems(n);
      return v.tooBig(n);
    }
    case 'invalid_value':
      return v.invalidChoice;
    case 'invalid_format':
      if (issue.format === 'email') return v.invalidEmail;
      if (issue.format === 'date' || issue.format === 'datetime') return v.invalidDate;
      return v.invalidFormat;
    case 'not_multiple_of':
      return v.notAWholeNumber;
    default:
      return v.invalid;
  }
}

/**
 * One message per field (the first issue of each path). `typed` is the form (inputs named by the
 * schema's paths), to tell a missing value from a wrong one.
 */
export function fieldErrors(error: z.ZodError, t: Catalogue, typed?: FormValues): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(form)';
    out[path] ??= messageFor(issue, t.validation, typed?.get(path) ?? '');
  }
  return out;
}

/** A service's refusal (ApiError with field errors, e.g. a 422) as field errors; rethrows others. */
export function serviceErrors(err: unknown, t: Catalogue): FieldErrors {
  if (!(err instanceof ApiError) || err.status >= 500) throw err;
  const out: FieldErrors = {};
  for (const e of err.errors ?? []) out[e.path] ??= t.validation.known[e.message] ?? e.message;
  if (Object.keys(out).length === 0) out['(form)'] = err.message;
  return out;
}

/** Reads a urlencoded or multipart form. Browsers send textarea line breaks as CRLF: stored as LF. */
export async function readForm(c: Context<PageEnv>): Promise<FormFields> {
  const body = await c.req.parseBody({ all: true });
  const values = new Map<string, string[]>();
  const textErrors: FieldErrors = {};
  for (const [name, raw] of Object.entries(body)) {
    const list = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    const clean = list.map((v) => v.replace(/\r\n?/g, '\n'));
    for (const v of clean) if (textProblem(v)) textErrors[name] = c.var.t.validation.badText;
    values.set(name, clean);
  }
  return {
    get: (name) => values.get(name)?.[0]?.trim() ?? '',
    all: (name) => (values.get(name) ?? []).map((v) => v.trim()),
    has: (name) => values.has(name),
    names: () => [...values.keys()],
    textErrors,
  };
}

/** '' → undefined, else the number (NaN stays NaN so the schema names the field). */
export const numberOrUndefined = (s: string) => (s === '' ? undefined : Number(s.replace(',', '.')));
export const stringOrUndefined = (s: string) => (s === '' ? undefined : s);
