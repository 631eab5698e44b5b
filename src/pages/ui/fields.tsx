/**
 * Fields the forms share beyond the plain ones of ./form.tsx: a number, a pair of numbers side by
 * side (hours now and target, hours min and max), the municipality picker, and a row of small inputs
 * with one error (a schedule window, a ramp-up step). Each is bound to the form's values and errors
 * by the field's name, as the plain fields are.
 */
import { type Level, levels } from '../../domain/vocabulary';
import { municipalities } from '../../reference';
import { Choices, fieldId, SelectField, TextField } from './form';
import type { FieldErrors, FormValues } from './validate';

interface NumberProps {
  name: string;
  label: string;
  hint?: string;
  /** Decimals allowed (hours); whole numbers otherwise (places, weeks). */
  decimal?: boolean;
  min?: number;
  max?: number;
  step?: string;
  required?: boolean;
}

/** A number input with the keyboard for it on a phone, its value and error taken from the form. */
export function NumberField(props: NumberProps & { v: FormValues; errors: FieldErrors }) {
  const { v, decimal, ...rest } = props;
  return (
    <TextField
      {...rest}
      type="number"
      inputmode={decimal ? 'decimal' : 'numeric'}
      value={v.get(props.name)}
    />
  );
}

/** Two numbers side by side that belong together (a range, now and target). */
export function NumberPair(props: {
  fields: [NumberProps, NumberProps];
  v: FormValues;
  errors: FieldErrors;
}) {
  return (
    <div class="pair">
      {props.fields.map((f) => (
        <NumberField {...f} v={props.v} errors={props.errors} />
      ))}
    </div>
  );
}

/** A level (low, medium, high) as radio buttons; with `none`, a first choice for "no level" (value ''). */
export function LevelChoices(props: {
  name: string;
  label: string;
  hint?: string;
  labels: Record<Level, string>;
  none?: string;
  v: FormValues;
  errors: FieldErrors;
}) {
  const options = [
    ...(props.none === undefined ? [] : [{ value: '', label: props.none }]),
    ...levels.map((l) => ({ value: l, label: props.labels[l] })),
  ];
  return (
    <Choices
      name={props.name}
      type="radio"
      label={props.label}
      hint={props.hint}
      options={options}
      checked={(l) => props.v.get(props.name) === l}
      errors={props.errors}
    />
  );
}

/** The municipality, picked from the list of Sweden's 290 (stored as its four-digit code). */
export function MunicipalityField(props: {
  name: string;
  label: string;
  hint?: string;
  blank: string;
  v: FormValues;
  errors: FieldErrors;
  required?: boolean;
}) {
  const { v, ...rest } = props;
  return (
    <SelectField
      {...rest}
      value={v.get(props.name)}
      options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
    />
  );
}

/**
 * A row of small inputs that make one entry (a window's start and end, a step's week and hours),
 * each labelled, with the row's one error under them: the first of its inputs' errors or the row's own.
 */
export function InputRow(props: {
  /** The row's name (`schedule.mon.0`); its inputs are named below it. */
  name: string;
  inputs: {
    name: string;
    label: string;
    type: 'time' | 'number';
    decimal?: boolean;
    min?: number;
    max?: number;
    step?: string;
  }[];
  v: FormValues;
  errors: FieldErrors;
}) {
  const error = props.inputs.map((i) => props.errors[i.name]).find(Boolean) ?? props.errors[props.name];
  const errorId = `${fieldId(props.name)}-error`;
  return (
    <div class="window">
      {props.inputs.map((i) => (
        <label>
          <span>{i.label}</span>
          <input
            type={i.type}
            inputmode={i.type === 'number' ? (i.decimal ? 'decimal' : 'numeric') : undefined}
            min={i.min}
            max={i.max}
            step={i.step}
            id={fieldId(i.name)}
            name={i.name}
            value={props.v.get(i.name)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
      ))}
      {error && (
        <p class="error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
