/**
 * An employer's or a social enterprise's supervisors: the list with each one's room (how many more
 * participants they can take), and the form to add or change one, validated by the supervisors
 * service's own schemas.
 */
import { type Context, Hono } from 'hono';
import { SupervisorCreate, SupervisorUpdate, type toSupervisor } from '../../services/supervisors';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { sitesOf } from '../slots/load';
import { NumberField } from '../ui/fields';
import { Csrf, ErrorSummary, FieldSet, Notice, SelectField, TextField } from '../ui/form';
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

type Supervisor = ReturnType<typeof toSupervisor>;

function listPage(c: Context<PageEnv>, list: Supervisor[], notice?: string) {
  const t = c.var.t.supervisors;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a class="button" href="/supervisors/new">
          {t.new}
        </a>
      </p>
      {list.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="plain">
          {list.map((s) => (
            <li class="card">
              <h2>{s.name}</h2>
              <p>
                <strong>{t.free(Math.max(0, s.maxParticipants - s.activePlacements))}</strong>
                {` · ${t.room(s.activePlacements, s.maxParticipants)}`}
                {s.trained && <span class="badge ok">{` ${t.trained}`}</span>}
              </p>
              <p class="muted">{s.email}</p>
              <a href={`/supervisors/${s.id}/edit`} aria-label={`${t.edit}: ${s.name}`}>
                {t.edit}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

interface FormData {
  title: string;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  sites: { id: string; name: string }[];
  status?: 200 | 400;
}

function formPage(c: Context<PageEnv>, d: FormData) {
  const t = c.var.t.supervisors;
  const v = d.values;
  const e = d.errors;
  const labels = {
    name: t.name,
    email: t.email,
    phone: t.phone,
    maxParticipants: t.maxParticipants,
    languages: t.languages,
    siteId: t.site,
  };
  return render(
    c,
    { title: d.title, status: d.status },
    <>
      <h1>{d.title}</h1>
      <form method="post" action={d.action} novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={e} labels={labels} heading={c.var.t.common.formHasErrors} />
        <TextField name="name" label={t.name} value={v.get('name')} errors={e} autocomplete="name" required />
        <TextField
          name="email"
          type="email"
          label={t.email}
          hint={t.emailHint}
          value={v.get('email')}
          errors={e}
          autocomplete="email"
          required
        />
        <TextField name="phone" label={t.phone} value={v.get('phone')} errors={e} autocomplete="tel" />
        <NumberField
          name="maxParticipants"
          label={t.maxParticipants}
          v={v}
          errors={e}
          min={1}
          max={20}
          required
        />
        <FieldSet name="trained" label={t.trained} errors={e} class="choices">
          <label>
            <input type="checkbox" name="trained" checked={v.has('trained')} />
            {c.var.t.common.yes}
          </label>
        </FieldSet>
        <TextField
          name="languages"
          label={t.languages}
          hint={t.languagesHint}
          value={v.get('languages')}
          errors={e}
        />
        {d.sites.length > 0 && (
          <SelectField
            name="siteId"
            label={t.site}
            blank={t.noSite}
            value={v.get('siteId')}
            options={d.sites.map((s) => ({ value: s.id, label: s.name }))}
            errors={e}
          />
        )}
        <div class="actions">
          <button type="submit">{c.var.t.common.save}</button>
          <a href="/supervisors">{c.var.t.common.cancel}</a>
        </div>
      </form>
    </>,
  );
}

/** The service's input from the form; `blank` is what an emptied optional field becomes. */
function input(v: FormValues, blank: undefined | null) {
  const languages = v
    .get('languages')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    name: v.get('name'),
    email: v.get('email'),
    phone: stringOrUndefined(v.get('phone')) ?? blank,
    maxParticipants: numberOrUndefined(v.get('maxParticipants')),
    trained: v.has('trained'),
    languages: languages.length ? languages : ['sv'],
    siteId: stringOrUndefined(v.get('siteId')) ?? blank,
  };
}

const valuesOf = (s: Supervisor) =>
  valuesFrom({
    name: s.name,
    email: s.email,
    phone: s.phone ?? '',
    maxParticipants: String(s.maxParticipants),
    trained: s.trained ? 'on' : undefined,
    languages: s.languages.join(', '),
    siteId: s.siteId ?? '',
  });

export const supervisorsRouter = new Hono<PageEnv>()
  .use('/supervisors', requireSignIn)
  .use('/supervisors/*', requireSignIn)
  .get('/supervisors', async (c) => {
    const { actor } = signedIn(c);
    const list = await readAll((cursor) =>
      c.var.services.supervisors.list(actor, { organizationId: actor.organizationId, limit: 100, cursor }),
    );
    const done = c.req.query('done');
    const t = c.var.t.supervisors;
    return listPage(c, list, done === 'created' ? t.created : done === 'saved' ? t.saved : undefined);
  })
  .get('/supervisors/new', async (c) =>
    formPage(c, {
      title: c.var.t.supervisors.newTitle,
      action: '/supervisors',
      values: valuesFrom({ maxParticipants: '2', languages: 'sv' }),
      errors: {},
      sites: await sitesOf(c.var.services, signedIn(c).actor),
    }),
  )
  .post('/supervisors', async (c) => {
    const { actor } = signedIn(c);
    const form = await readForm(c);
    const parsed = SupervisorCreate.safeParse(input(form, undefined));
    let errors: FieldErrors = {
      ...form.textErrors,
      ...(parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form)),
    };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        await c.var.services.supervisors.create(actor, parsed.data);
        return c.redirect('/supervisors?done=created', 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    const sites = await sitesOf(c.var.services, actor);
    return formPage(c, {
      title: c.var.t.supervisors.newTitle,
      action: '/supervisors',
      values: form,
      errors,
      sites,
      status: 400,
    });
  })
  .get('/supervisors/:id/edit', async (c) => {
    const { actor } = signedIn(c);
    const s = await c.var.services.supervisors.get(actor, c.req.param('id'));
    const sites = await sitesOf(c.var.services, actor);
    return formPage(c, {
      title: c.var.t.supervisors.editTitle(s.name),
      action: `/supervisors/${s.id}`,
      values: valuesOf(s),
      errors: {},
      sites,
    });
  })
  .post('/supervisors/:id', async (c) => {
    const { actor } = signedIn(c);
    const s = await c.var.services.supervisors.get(actor, c.req.param('id'));
    const form = await readForm(c);
    const parsed = SupervisorUpdate.safeParse(input(form, null));
    let errors: FieldErrors = {
      ...form.textErrors,
      ...(parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form)),
    };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        await c.var.services.supervisors.update(actor, s.id, parsed.data);
        return c.redirect('/supervisors?done=saved', 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    const sites = await sitesOf(c.var.services, actor);
    return formPage(c, {
      title: c.var.t.supervisors.editTitle(s.name),
      action: `/supervisors/${s.id}`,
      values: form,
      errors,
      sites,
      status: 400,
    });
  });
