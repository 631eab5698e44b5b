/** The slot form (create and edit): every field of the slots service, grouped as people think of them. */
import type { Context } from 'hono';
import { slotKinds, subsidyVocabulary } from '../../domain/vocabulary';
import { strengthVocabulary } from '../../domain/work-vocabulary';
import type { PageEnv } from '../env';
import { AdaptationChoices } from '../ui/adaptation-choices';
import { LevelChoices, MunicipalityField, NumberField, NumberPair } from '../ui/fields';
import { Choices, Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../ui/form';
import { inLang } from '../ui/format';
import { ScheduleGrid } from '../ui/schedule-grid';
import type { FieldErrors, FormValues } from '../ui/validate';
import type { OccupationSuggestion } from './occupation';

export interface SlotFormData {
  action: string;
  mode: 'create' | 'update';
  values: FormValues;
  errors: FieldErrors;
  sites: { id: string; name: string }[];
  supervisors: { id: string; name: string; room: number }[];
  /** Suggestions for the typed job title, when it named no occupation (no script needed). */
  occupations: OccupationSuggestion[];
}

function Adaptations(props: { c: Context<PageEnv>; v: FormValues; errors: FieldErrors }) {
  const s = props.c.var.t.slots.form;
  const options = [
    { value: '', label: s.adaptationNo },
    { value: 'in_place', label: s.inPlace },
    { value: 'can_arrange', label: s.canArrange },
  ];
  return (
    <AdaptationChoices
      c={props.c}
      name="adaptations"
      label={s.adaptations}
      hint={s.adaptationsHint}
      options={options}
      v={props.v}
      errors={props.errors}
    />
  );
}

export function SlotForm(props: { c: Context<PageEnv>; d: SlotFormData }) {
  const { c, d } = props;
  const t = c.var.t;
  const s = t.slots.form;
  const v = d.values;
  const e = d.errors;
  const labels: Record<string, string> = {
    title: s.title,
    description: s.description,
    tasks: s.tasks,
    'occupation.label': s.occupation,
    kind: s.kind,
    siteId: s.site,
    'location.municipalityCode': s.municipality,
    capacity: s.capacity,
    schedule: s.schedule,
    'hoursPerWeek.min': s.hoursMin,
    'hoursPerWeek.max': s.hoursMax,
    startDate: s.startDate,
    endDate: s.endDate,
    supervisorIds: s.supervisors,
    adaptations: s.adaptations,
    'environment.socialIntensity': s.social,
    'environment.physicalDemand': s.physical,
    subsidies: s.subsidies,
    suits: s.suits,
    '(form)': s.form,
  };
  return (
    <form method="post" action={d.action} novalidate>
      <Csrf token={c.var.csrfToken} />
      <ErrorSummary errors={e} labels={labels} heading={t.common.formHasErrors} />
      {e['(form)'] && <p class="error">{e['(form)']}</p>}
      <TextField name="title" label={s.title} hint={s.titleHint} value={v.get('title')} errors={e} required />
      <div class="field">
        <TextField
          name="occupation.label"
          label={s.occupation}
          hint={s.occupationHint}
          value={v.get('occupation.label')}
          errors={e}
          list="occupation-list"
          autocomplete="off"
          required
          suggest={{ url: '/occupations', codeField: 'occupation.ssyk' }}
        />
        <input type="hidden" name="occupation.ssyk" value={v.get('occupation.ssyk')} />
        <datalist id="occupation-list">
          {d.occupations.map((o) => (
            <option value={o.label}>{`${o.group} (${o.code})`}</option>
          ))}
        </datalist>
      </div>
      <TextArea
        name="description"
        label={s.description}
        hint={s.descriptionHint}
        value={v.get('description')}
        errors={e}
        required
      />
      <TextArea name="tasks" label={s.tasks} hint={s.tasksHint} value={v.get('tasks')} rows={4} errors={e} />
      <Choices
        name="suits"
        type="checkbox"
        label={s.suits}
        hint={s.suitsHint}
        options={strengthVocabulary.map((x) => ({ value: x.code, label: inLang(t, x) }))}
        checked={(code) => v.all('suits').includes(code)}
        errors={e}
      />
      <Choices
        name="kind"
        type="radio"
        label={s.kind}
        options={slotKinds.map((k) => ({ value: k, label: t.slots.kinds[k] }))}
        checked={(k) => v.get('kind') === k}
        errors={e}
      />
      <h2>{s.whereWhen}</h2>
      {d.sites.length > 0 && (
        <SelectField
          name="siteId"
          label={s.site}
          blank={s.noSite}
          value={v.get('siteId')}
          options={d.sites.map((x) => ({ value: x.id, label: x.name }))}
          errors={e}
        />
      )}
      <MunicipalityField
        name="location.municipalityCode"
        label={s.municipality}
        hint={d.sites.length > 0 ? s.municipalityHint : undefined}
        blank={s.pick}
        v={v}
        errors={e}
      />
      <TextField
        name="location.address"
        label={s.address}
        value={v.get('location.address')}
        errors={e}
        autocomplete="street-address"
      />
      <ScheduleGrid c={c} name="schedule" label={s.schedule} hint={s.scheduleHint} v={v} errors={e} />
      <NumberPair
        fields={[
          {
            name: 'hoursPerWeek.min',
            label: s.hoursMin,
            decimal: true,
            min: 0,
            max: 60,
            step: '0.5',
            required: true,
          },
          {
            name: 'hoursPerWeek.max',
            label: s.hoursMax,
            decimal: true,
            min: 1,
            max: 60,
            step: '0.5',
            required: true,
          },
        ]}
        v={v}
        errors={e}
      />
      <NumberField
        name="capacity"
        label={s.capacity}
        hint={s.capacityHint}
        v={v}
        errors={e}
        min={1}
        max={500}
        required
      />
      <div class="pair">
        <TextField
          name="startDate"
          type="date"
          label={s.startDate}
          value={v.get('startDate')}
          errors={e}
          required
        />
        <TextField name="endDate" type="date" label={s.endDate} value={v.get('endDate')} errors={e} />
      </div>
      <div class="field choices">
        <label>
          <input type="checkbox" name="openEnded" checked={v.has('openEnded')} />
          {s.openEnded}
        </label>
      </div>
      <h2>{s.supportHeading}</h2>
      <Choices
        name="supervisorIds"
        type="checkbox"
        label={s.supervisors}
        hint={d.supervisors.length === 0 ? s.noSupervisors : s.supervisorsHint}
        options={d.supervisors.map((x) => ({ value: x.id, label: `${x.name} (${s.room(x.room)})` }))}
        checked={(id) => v.all('supervisorIds').includes(id)}
        errors={e}
      />
      <Adaptations c={c} v={v} errors={e} />
      <LevelChoices
        name="environment.socialIntensity"
        label={s.social}
        hint={s.socialHint}
        labels={t.slots.levels}
        v={v}
        errors={e}
      />
      <LevelChoices
        name="environment.physicalDemand"
        label={s.physical}
        hint={s.physicalHint}
        labels={t.slots.levels}
        v={v}
        errors={e}
      />
      <Choices
        name="subsidies"
        type="checkbox"
        label={s.subsidies}
        options={subsidyVocabulary.map((x) => ({ value: x.code, label: inLang(t, x) }))}
        checked={(code) => v.all('subsidies').includes(code)}
        errors={e}
      />
      <div class="field choices">
        <label>
          <input type="checkbox" name="leadsToHire" checked={v.has('leadsToHire')} />
          {s.leadsToHire}
        </label>
      </div>
      {d.mode === 'create' && (
        <Choices
          name="status"
          type="radio"
          label={s.status}
          options={[
            { value: 'open', label: s.statusOpen },
            { value: 'paused', label: s.statusPaused },
          ]}
          checked={(x) => (v.get('status') || 'open') === x}
          errors={e}
        />
      )}
      <div class="actions">
        <button type="submit">{d.mode === 'create' ? s.create : t.common.save}</button>
        <a href="/slots">{t.common.cancel}</a>
      </div>
    </form>
  );
}
