/**
 * The adaptation checklist: every adaptation of the vocabulary on its own row with a few choices
 * and "no" (a slot: already in place / can be arranged; a participant: must / nice to have). Inputs
 * are named `<field>.<code>`, so the form's values say for each code which choice was made.
 */
import type { Context } from 'hono';
import { adaptationVocabulary } from '../../domain/vocabulary';
import type { PageEnv } from '../env';
import { FieldSet, fieldId } from './form';
import { inLang } from './format';
import type { FieldErrors, FormValues } from './validate';

export function AdaptationChoices(props: {
  c: Context<PageEnv>;
  name: string;
  label: string;
  hint?: string;
  /** The choices of every row; the first is usually "no" (value ''). */
  options: readonly { value: string; label: string }[];
  v: FormValues;
  errors: FieldErrors;
}) {
  const t = props.c.var.t;
  return (
    <FieldSet name={props.name} label={props.label} hint={props.hint} errors={props.errors}>
      <ul class="plain adaptations">
        {adaptationVocabulary.map((a) => {
          const name = `${props.name}.${a.code}`;
          const current = props.v.get(name);
          return (
            <li>
              <span class="adaptation-name" id={`${fieldId(name)}-label`}>
                {inLang(t, a)}
              </span>
              <span class="adaptation-choices" role="radiogroup" aria-labelledby={`${fieldId(name)}-label`}>
                {props.options.map((o) => (
                  <label>
                    <input type="radio" name={name} value={o.value} checked={current === o.value} />
                    {o.label}
                  </label>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
    </FieldSet>
  );
}
