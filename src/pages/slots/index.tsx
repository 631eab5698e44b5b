/**
 * An employer's or a social enterprise's slots: the list (free places, who is placed, proposals
 * waiting), one slot, the form to create and edit one, and pause / close / reopen. The form is
 * validated by the slots service's own schemas (SlotCreate, SlotUpdate); the occupation is picked by
 * typing a job title (GET /occupations, the occupations service).
 */
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { slotStatuses } from '../../domain/vocabulary';
import { SlotCreate, SlotUpdate } from '../../services/slots/schemas';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import {
  type FormFields,
  type FormValues,
  fieldErrors,
  readForm,
  serviceErrors,
  valuesFrom,
} from '../ui/validate';
import { remap, slotInput, slotValues } from './form';
import type { SlotFormData } from './form-view';
import { sitesOf, slotsWithPeople, supervisorsOf } from './load';
import { occupationMatches, resolveOccupation, suggestOccupations } from './occupation';
import { slotFormPage, slotListPage, slotPage } from './view';

async function formData(
  c: Context<PageEnv>,
  d: Omit<SlotFormData, 'sites' | 'supervisors'>,
): Promise<SlotFormData> {
  const { actor } = signedIn(c);
  const [sites, supervisors] = await Promise.all([
    sitesOf(c.var.services, actor),
    supervisorsOf(c.var.services, actor),
  ]);
  return { ...d, sites, supervisors };
}

/** The SSYK code for the typed title: the picked suggestion's, else an exact name; null when none fits. */
function occupationCode(c: Context<PageEnv>, v: FormValues) {
  const label = v.get('occupation.label');
  const picked = v.get('occupation.ssyk');
  if (picked && occupationMatches(picked, label)) return picked;
  return resolveOccupation(label)?.code ?? null;
}

/**
 * Validates the form with the service's schema (SlotCreate or SlotUpdate, as given); the typed
 * title must also name an occupation. Errors are keyed by the form field that shows them.
 */
function validate<T>(
  c: Context<PageEnv>,
  form: FormFields,
  mode: 'create' | 'update',
  schema: { safeParse(input: unknown): z.ZodSafeParseResult<T> },
) {
  const code = occupationCode(c, form);
  const { input, fieldOf } = slotInput(form, mode, code);
  const parsed = schema.safeParse(input);
  const errors = {
    ...form.textErrors,
    ...(parsed.success ? {} : remap(fieldErrors(parsed.error, c.var.t, form), fieldOf)),
  };
  if (!code && form.get('occupation.label')) errors['occupation.label'] ??= c.var.t.slots.form.occupationPick;
  return { data: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null, errors, fieldOf };
}

const today = () => new Date().toISOString().slice(0, 10);

export const slotsRouter = new Hono<PageEnv>()
  .use('/slots', requireSignIn)
  .use('/slots/*', requireSignIn)
  .use('/occupations', requireSignIn)
  .get('/occupations', (c) => c.json(suggestOccupations(c.req.query('q') ?? '', 12)))
  .get('/slots', async (c) => {
    const done = c.req.query('done');
    const notice = done === 'created' ? c.var.t.slots.created : undefined;
    return slotListPage(c, await slotsWithPeople(c.var.services, signedIn(c).actor), notice);
  })
  .get('/slots/new', async (c) => {
    const values = valuesFrom({
      kind: 'work_training',
      'environment.socialIntensity': 'medium',
      'environment.physicalDemand': 'medium',
      status: 'open',
      startDate: today(),
      openEnded: 'on',
    });
    return slotFormPage(
      c,
      c.var.t.slots.newTitle,
      await formData(c, { action: '/slots', mode: 'create', values, errors: {}, occupations: [] }),
    );
  })
  .post('/slots', async (c) => {
    const form = await readForm(c);
    const { data, errors, fieldOf } = validate(c, form, 'create', SlotCreate);
    if (data)
      try {
        const slot = await c.var.services.slots.create(signedIn(c).actor, data);
        return c.redirect(`/slots/${slot.id}?done=created`, 303);
      } catch (err) {
        Object.assign(errors, remap(serviceErrors(err, c.var.t), fieldOf));
      }
    const occupations = errors['occupation.label'] ? suggestOccupations(form.get('occupation.label')) : [];
    const d = await formData(c, { action: '/slots', mode: 'create', values: form, errors, occupations });
    return slotFormPage(c, c.var.t.slots.newTitle, d, 400);
  })
  .get('/slots/:id', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const slot = await c.var.services.slots.get(actor, id);
    const own = slot.organizationId === actor.organizationId;
    const withPeople = own
      ? (await slotsWithPeople(c.var.services, actor)).find((s) => s.id === id)
      : undefined;
    const supervisors = own ? await supervisorsOf(c.var.services, actor) : [];
    const done = c.req.query('done');
    const t = c.var.t.slots;
    const changed = slotStatuses.find((s) => s === done);
    const notice =
      done === 'created'
        ? t.created
        : done === 'saved'
          ? t.saved
          : changed
            ? t.statusChanged(t.statuses[changed])
            : undefined;
    return slotPage(c, withPeople ?? { ...slot, placed: [] }, {
      notice,
      own,
      supervisors: new Map(supervisors.map((s) => [s.id, s.name])),
    });
  })
  .get('/slots/:id/edit', async (c) => {
    const slot = await c.var.services.slots.get(signedIn(c).actor, c.req.param('id'));
    const d = await formData(c, {
      action: `/slots/${slot.id}`,
      mode: 'update',
      values: valuesFrom(slotValues(slot)),
      errors: {},
      occupations: [],
    });
    return slotFormPage(c, c.var.t.slots.editTitle(slot.title), d);
  })
  .post('/slots/:id', async (c) => {
    const { actor } = signedIn(c);
    const slot = await c.var.services.slots.get(actor, c.req.param('id'));
    const form = await readForm(c);
    const { data, errors, fieldOf } = validate(c, form, 'update', SlotUpdate);
    if (data)
      try {
        await c.var.services.slots.update(actor, slot.id, data);
        return c.redirect(`/slots/${slot.id}?done=saved`, 303);
      } catch (err) {
        Object.assign(errors, remap(serviceErrors(err, c.var.t), fieldOf));
      }
    const occupations = errors['occupation.label'] ? suggestOccupations(form.get('occupation.label')) : [];
    const d = await formData(c, {
      action: `/slots/${slot.id}`,
      mode: 'update',
      values: form,
      errors,
      occupations,
    });
    return slotFormPage(c, c.var.t.slots.editTitle(slot.title), d, 400);
  })
  .post('/slots/:id/status', async (c) => {
    const form = await readForm(c);
    const status = slotStatuses.find((s) => s === form.get('status'));
    const id = c.req.param('id');
    if (status) await c.var.services.slots.setStatus(signedIn(c).actor, id, status);
    return c.redirect(`/slots/${id}${status ? `?done=${status}` : ''}`, 303);
  });
