/**
 * A social enterprise's work-training capacity: the list with free places, and the form to add or
 * change a listing, validated by the capacity service's own schemas.
 */
import { type Context, Hono } from 'hono';
import { programmeKinds, referralSources, slotStatuses } from '../../domain/vocabulary';
import { CapacityListingCreate, CapacityListingUpdate, type toCapacity } from '../../services/capacity';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { MunicipalityField, NumberField, NumberPair } from '../ui/fields';
import { Choices, Csrf, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../ui/form';
import { render } from '../ui/layout';
import { readAll } from '../ui/pages';
import {
  type FieldErrors,
  type FormValues,
  fieldErrors,
  numberOrUndefined,
  readForm,
  serviceErrors,
  stringOrUndefined,
  valuesFrom,
} from '../ui/validate';

type Capacity = ReturnType<typeof toCapacity>;

function listPage(c: Context<PageEnv>, list: Capacity[], notice?: string) {
  const t = c.var.t.capacity;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a class="button" href="/capacity/new">
          {t.new}
        </a>
      </p>
      {list.length === 0 && <p>{t.none}</p>}
      {list.map((x) => (
        <article class="card" aria-labelledby={`cap-${x.id}`}>
          <h2 id={`cap-${x.id}`}>{x.title}</h2>
          <p>
            <span class={x.status === 'open' ? 'badge ok' : 'badge'}>{c.var.t.slots.statuses[x.status]}</span>{' '}
            <strong>{t.free(x.freePlaces, x.places)}</strong>
            {` · ${x.activityAreas.join(', ')}`}
          </p>
          <a href={`/capacity/${x.id}/edit`} aria-label={`${t.edit}: ${x.title}`}>
            {t.edit}
          </a>
        </article>
      ))}
    </>,
  );
}

interface FormData {
  title: string;
  action: string;
  mode: 'create' | 'update';
  values: FormValues;
  errors: FieldErrors;
  status?: 200 | 400;
}

function formPage(c: Context<PageEnv>, d: FormData) {
  const t = c.var.t.capacity;
  const v = d.values;
  const e = d.errors;
  const labels: Record<string, string> = {
    title: t.titleLabel,
    description: t.description,
    activityAreas: t.activityAreas,
    municipalityCode: t.municipality,
    places: t.places,
    placesTaken: t.placesTaken,
    participantsPerSupervisor: t.ratio,
    programmes: t.programmes,
    referralSources: t.referralSources,
    'hoursPerWeek.min': t.hoursMin,
    'hoursPerWeek.max': t.hoursMax,
    status: t.status,
  };
  const checks = (name: string, options: readonly string[], label: (o: string) => string) => (
    <Choices
      name={name}
      type="checkbox"
      label={labels[name]!}
      options={options.map((o) => ({ value: o, label: label(o) }))}
      checked={(o) => v.all(name).includes(o)}
      errors={e}
    />
  );
  return render(
    c,
    { title: d.title, status: d.status },
    <>
      <h1>{d.title}</h1>
      <form method="post" action={d.action} novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={e} labels={labels} heading={c.var.t.common.formHasErrors} />
        <TextField name="title" label={t.titleLabel} value={v.get('title')} errors={e} required />
        <TextArea name="description" label={t.description} value={v.get('description')} errors={e} required />
        <TextArea
          name="activityAreas"
          label={t.activityAreas}
          hint={t.activityAreasHint}
          value={v.get('activityAreas')}
          errors={e}
          rows={3}
          required
        />
        <MunicipalityField
          name="municipalityCode"
          label={t.municipality}
          blank={c.var.t.slots.form.pick}
          v={v}
          errors={e}
          required
        />
        <NumberPair
          fields={[
            { name: 'places', label: t.places, min: 1, required: true },
            { name: 'placesTaken', label: t.placesTaken, min: 0 },
          ]}
          v={v}
          errors={e}
        />
        <NumberField
          name="participantsPerSupervisor"
          decimal
          label={t.ratio}
          hint={t.ratioHint}
          v={v}
          errors={e}
          min={1}
          max={50}
          required
        />
        <NumberPair
          fields={[
            { name: 'hoursPerWeek.min', label: t.hoursMin, decimal: true, min: 0, max: 60, required: true },
            { name: 'hoursPerWeek.max', label: t.hoursMax, decimal: true, min: 1, max: 60, required: true },
          ]}
          v={v}
          errors={e}
        />
        {checks('programmes', programmeKinds, (o) => t.programmeLabels[o as keyof typeof t.programmeLabels])}
        {checks(
          'referralSources',
          referralSources,
          (o) => t.referralLabels[o as keyof typeof t.referralLabels],
        )}
        <SelectField
          name="status"
          label={t.status}
          value={v.get('status') || 'open'}
          options={(d.mode === 'create' ? (['open', 'paused'] as const) : slotStatuses).map((s) => ({
            value: s,
            label: c.var.t.slots.statuses[s],
          }))}
          errors={e}
        />
        <div class="actions">
          <button type="submit">{c.var.t.common.save}</button>
          <a href="/capacity">{c.var.t.common.cancel}</a>
        </div>
      </form>
    </>,
  );
}

function input(v: FormValues, mode: 'create' | 'update') {
  return {
    title: v.get('title'),
    description: v.get('description'),
    activityAreas: v
      .get('activityAreas')
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean),
    municipalityCode: stringOrUndefined(v.get('municipalityCode')),
    places: numberOrUndefined(v.get('places')),
    ...(v.get('placesTaken') !== '' || mode === 'update'
      ? { placesTaken: numberOrUndefined(v.get('placesTaken')) ?? 0 }
      : {}),
    participantsPerSupervisor: numberOrUndefined(v.get('participantsPerSupervisor')),
    programmes: v.all('programmes'),
    referralSources: v.all('referralSources'),
    hoursPerWeek: {
      min: numberOrUndefined(v.get('hoursPerWeek.min')),
      max: numberOrUndefined(v.get('hoursPerWeek.max')),
    },
    status: stringOrUndefined(v.get('status')),
  };
}

const valuesOf = (x: Capacity) =>
  valuesFrom({
    title: x.title,
    description: x.description,
    activityAreas: x.activityAreas.join('\n'),
    municipalityCode: x.municipalityCode,
    places: String(x.places),
    placesTaken: String(x.placesTaken),
    participantsPerSupervisor: String(x.participantsPerSupervisor),
    programmes: [...x.programmes],
    referralSources: [...x.referralSources],
    'hoursPerWeek.min': String(x.hoursPerWeek.min),
    'hoursPerWeek.max': String(x.hoursPerWeek.max),
    status: x.status,
  });

export const capacityRouter = new Hono<PageEnv>()
  .use('/capacity', requireSignIn)
  .use('/capacity/*', requireSignIn)
  .get('/capacity', async (c) => {
    const { actor } = signedIn(c);
    const list = await readAll((cursor) =>
      c.var.services.capacity.list(actor, { organizationId: actor.organizationId, limit: 100, cursor }),
    );
    const done = c.req.query('done');
    const t = c.var.t.capacity;
    return listPage(c, list, done === 'created' ? t.created : done === 'saved' ? t.saved : undefined);
  })
  .get('/capacity/new', (c) =>
    formPage(c, {
      title: c.var.t.capacity.newTitle,
      action: '/capacity',
      mode: 'create',
      values: valuesFrom({ participantsPerSupervisor: '4', status: 'open' }),
      errors: {},
    }),
  )
  .post('/capacity', async (c) => {
    const form = await readForm(c);
    const parsed = CapacityListingCreate.safeParse(input(form, 'create'));
    let errors: FieldErrors = {
      ...form.textErrors,
      ...(parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form)),
    };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        await c.var.services.capacity.create(signedIn(c).actor, parsed.data);
        return c.redirect('/capacity?done=created', 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    return formPage(c, {
      title: c.var.t.capacity.newTitle,
      action: '/capacity',
      mode: 'create',
      values: form,
      errors,
      status: 400,
    });
  })
  .get('/capacity/:id/edit', async (c) => {
    const x = await c.var.services.capacity.get(signedIn(c).actor, c.req.param('id'));
    return formPage(c, {
      title: c.var.t.capacity.editTitle(x.title),
      action: `/capacity/${x.id}`,
      mode: 'update',
      values: valuesOf(x),
      errors: {},
    });
  })
  .post('/capacity/:id', async (c) => {
    const { actor } = signedIn(c);
    const x = await c.var.services.capacity.get(actor, c.req.param('id'));
    const form = await readForm(c);
    const parsed = CapacityListingUpdate.safeParse(input(form, 'update'));
    let errors: FieldErrors = {
      ...form.textErrors,
      ...(parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form)),
    };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        await c.var.services.capacity.update(actor, x.id, parsed.data);
        return c.redirect('/capacity?done=saved', 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    return formPage(c, {
      title: c.var.t.capacity.editTitle(x.title),
      action: `/capacity/${x.id}`,
      mode: 'update',
      values: form,
      errors,
      status: 400,
    });
  });
