/**
 * Form fields with their label, hint and error beside them. Every input is named by the path of the
 * service schema's field it fills (`hoursPerWeek.min`), so a zod issue's path finds its field:
 * the error is shown under the label, the input is marked `aria-invalid` and points at the error
 * with `aria-describedby`, and the value the person typed is kept.
 */
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../csrf';
import type { FieldErrors } from './validate';

/** The id of a field's input, from its name (`hoursPerWeek.min` → `f-hoursPerWeek-min`). */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function Csrf(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  required?: boolean;
}

function described(p: FieldProps) {
  const id = fieldId(p.name);
  const error = p.errors?.[p.name];
  const ids = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, error, describedBy: ids || undefined, invalid: error ? 'true' : undefined };
}

function Wrap(props: FieldProps & { children: Child }) {
  const d = described(props);
  return (
    <div class={d.error ? 'field has-error' : 'field'}>
      <label for={d.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${d.id}-hint`}>
          {props.hint}
        </p>
      )}
      {d.error && (
        <p class="error" id={`${d.id}-error`}>
          {d.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | number | null;
    type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'search';
    autocomplete?: string;
    min?: number;
    max?: number;
    step?: string;
    list?: string;
    inputmode?: 'numeric' | 'decimal' | 'email' | 'text';
    /** Type-ahead (with /assets/app.js): JSON suggestions from `url`; the picked entry's code goes to `codeField`. */
    suggest?: { url: string; codeField: string };
  },
) {
  const d = described(props);
  return (
    <Wrap {...props}>
      <input
        id={d.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        min={props.min}
        max={props.max}
        step={props.step}
        list={props.list}
        inputmode={props.inputmode}
        data-suggest={props.suggest?.url}
        data-suggest-code={props.suggest?.codeField}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
      />
    </Wrap>
  );
}

export function TextArea(props: FieldProps & { value?: string | null; rows?: number }) {
  const d = described(props);
  return (
    <Wrap {...props}>
      <textarea
        id={d.id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
      >
        {props.value ?? ''}
      </textarea>
    </Wrap>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | null; options: { value: string; label: string }[]; blank?: string },
) {
  const d = described(props);
  return (
    <Wrap {...props}>
      <select
        id={d.id}
        name={props.name}
        required={props.required}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
      >
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

/** A group of related inputs (radio buttons, checkboxes, a schedule grid) with one legend and one error. */
export function FieldSet(props: FieldProps & { children: Child; class?: string }) {
  const d = described(props);
  return (
    <fieldset
      class={[props.class, d.error ? 'has-error' : ''].filter(Boolean).join(' ') || undefined}
      id={d.id}
      aria-describedby={d.describedBy}
    >
      <legend>{props.label}</legend>
      {props.hint && (
        <p class="hint" id={`${d.id}-hint`}>
          {props.hint}
        </p>
      )}
      {d.error && (
        <p class="error" id={`${d.id}-error`}>
          {d.error}
        </p>
      )}
      {props.children}
    </fieldset>
  );
}

/** Radio buttons (one of a few) or checkboxes (any of a few) in a FieldSet; what was chosen is kept on a form sent back. */
export function Choices(
  props: FieldProps & {
    type: 'radio' | 'checkbox';
    options: readonly { value: string; label: string }[];
    checked: (value: string) => boolean;
  },
) {
  return (
    <FieldSet name={props.name} label={props.label} hint={props.hint} errors={props.errors} class="choices">
      {props.options.map((o) => (
        <label>
          <input type={props.type} name={props.name} value={o.value} checked={props.checked(o.value)} />
          {o.label}
        </label>
      ))}
    </FieldSet>
  );
}

/** One choice among a few values, each labelled by `labelOf`. */
export function RadioChoices<T extends string>(
  props: FieldProps & { options: readonly T[]; labelOf: (option: T) => string; value?: string | null },
) {
  return (
    <Choices
      {...props}
      type="radio"
      options={props.options.map((o) => ({ value: o, label: props.labelOf(o) }))}
      checked={(o) => props.value === o}
    />
  );
}

/** At the top of a form sent back with errors: how many, each a link to its field. */
export function ErrorSummary(props: {
  errors: FieldErrors;
  labels: Record<string, string>;
  heading: (n: number) => string;
}) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>{props.heading(entries.length)}</p>
      <ul>
        {entries.map(([path, message]) => (
          <li>
            <a
              href={`#${fieldId(path)}`}
            >{`${props.labels[path] ?? labelFor(path, props.labels)}: ${message}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A nested path's label is its nearest labelled parent's (`schedule.2.start` → the schedule's label). */
function labelFor(path: string, labels: Record<string, string>) {
  const parts = path.split('.');
  while (parts.length > 1) {
    parts.pop();
    const label = labels[parts.join('.')];
    if (label) return label;
  }
  return path;
}

/** A message after a save or a sign-out, read out by screen readers. */
export function Notice(props: { children: Child; kind?: 'ok' | 'warn' }) {
  return (
    <p class={`notice ${props.kind ?? 'ok'}`} role="status">
      {props.children}
    </p>
  );
}
