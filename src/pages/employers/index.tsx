/**
 * Employer relations for a provider's people: the employers with the next steps that are due, and
 * one employer's page with its open slots, the shared contact log (every handler of the provider
 * sees it, so the relationship outlives staff changes) and the form to log a contact (the
 * employer-contacts service's EmployerContactCreate, which refuses personal data).
 */
import { z } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import { localDate } from '../../lib/local-time';
import { EmployerContactCreate } from '../../services/employer-contacts';
import { OrganizationListQuery } from '../../services/organizations';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { readAll } from '../ui/pages';
import {
  type FieldErrors,
  fieldErrors,
  readForm,
  serviceErrors,
  stringOrUndefined,
  valuesFrom,
} from '../ui/validate';
import {
  type Contact,
  type EmployerPageData,
  employerListPage,
  employerPage,
  PAGE_SIZE,
  RECENT,
} from './view';

/** Each employer's latest contact; a next step is due when its date has come and no contact followed. */
export function dueSteps(contacts: Contact[], today: string) {
  const latest = new Map<string, Contact>();
  for (const x of contacts)
    if (!latest.has(x.employerOrganizationId)) latest.set(x.employerOrganizationId, x);
  return [...latest.values()]
    .filter((x) => x.nextStep && x.nextStepDate && x.nextStepDate <= today)
    .sort((a, b) => (a.nextStepDate ?? '').localeCompare(b.nextStepDate ?? ''));
}

const PageSize = z.coerce.number().int().min(1).max(100).catch(PAGE_SIZE);
/** The page's number, carried in the links only to say "Sida 3" (the cursor says where it is). */
const PageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/**
 * Names for the organizations the due and recent lists link to: those on the page shown, and the
 * others read one by one (the due ones and RECENT more).
 */
async function namesOf(c: Context<PageEnv>, shown: { id: string; name: string }[], wanted: string[]) {
  const names = new Map(shown.map((o) => [o.id, o.name]));
  const missing = [...new Set(wanted)].filter((id) => !names.has(id));
  const { actor } = signedIn(c);
  const found = await Promise.all(
    missing.map((id) => c.var.services.organizations.get(actor, id).catch(() => null)),
  );
  for (const o of found) if (o) names.set(o.id, o.name);
  return names;
}

async function load(c: Context<PageEnv>, id: string): Promise<Omit<EmployerPageData, 'values' | 'errors'>> {
  const { actor } = signedIn(c);
  const s = c.var.services;
  const [organization, slots, contacts] = await Promise.all([
    s.organizations.get(actor, id),
    s.slots.list(actor, { organizationId: id, status: 'open', limit: 50 }),
    readAll((cursor) => s.employerContacts.forEmployer(actor, id, { limit: 100, cursor }), 200),
  ]);
  const today = localDate(new Date());
  return { organization, slots: slots.data, contacts, due: dueSteps(contacts, today)[0] ?? null };
}

export const employersRouter = new Hono<PageEnv>()
  .use('/employers', requireSignIn)
  .use('/employers/*', requireSignIn)
  .get('/employers', async (c) => {
    const { actor } = signedIn(c);
    const s = c.var.services;
    // One kind at a time, a page at a time (every organization reachable), filtered by name.
    const kind: 'employer' | 'social_enterprise' =
      c.req.query('kind') === 'social_enterprise' ? 'social_enterprise' : 'employer';
    const values = valuesFrom({ name: c.req.query('name') ?? '' });
    const parsed = OrganizationListQuery.safeParse({ kind, name: stringOrUndefined(values.get('name')) });
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, c.var.t, values);
    const cursor = c.req.query('cursor') || undefined;
    const before = c.req.query('before') || undefined;
    const limit = PageSize.parse(c.req.query('limit') ?? PAGE_SIZE);
    const [page, contacts] = await Promise.all([
      parsed.success
        ? s.organizations.list(actor, { ...parsed.data, limit, cursor, before })
        : { data: [], nextCursor: null, prevCursor: null },
      // Every employer's latest contact, not the newest N contacts: no due step is missed.
      s.employerContacts.latestPerEmployer(actor),
    ]);
    const due = dueSteps(contacts, localDate(new Date()));
    const names = await namesOf(c, page.data, [
      ...due.map((x) => x.employerOrganizationId),
      ...[...new Set(contacts.map((x) => x.employerOrganizationId))].slice(0, RECENT),
    ]);
    // Page one is the page with none before it, whatever the address says; others are at least two.
    const number = page.prevCursor ? Math.max(2, PageNumber.parse(c.req.query('page'))) : 1;
    const paging = { limit, number, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
    const data = { kind, organizations: page.data, paging, values, errors };
    return employerListPage(c, { ...data, contacts, due, names }, parsed.success ? 200 : 400);
  })
  .get('/employers/:id', async (c) => {
    const d = await load(c, c.req.param('id'));
    const notice = c.req.query('done') === 'logged' ? c.var.t.employers.logged : undefined;
    const values = valuesFrom({ date: localDate(new Date()) });
    return employerPage(c, { ...d, values, errors: {} }, { notice });
  })
  .post('/employers/:id/contacts', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const parsed = EmployerContactCreate.safeParse({
      employerOrganizationId: id,
      date: stringOrUndefined(form.get('date')),
      channel: stringOrUndefined(form.get('channel')),
      outcome: stringOrUndefined(form.get('outcome')),
      nextStep: stringOrUndefined(form.get('nextStep')),
      nextStepDate: stringOrUndefined(form.get('nextStepDate')),
    });
    let errors: FieldErrors = {
      ...form.textErrors,
      ...(parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form)),
    };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        await c.var.services.employerContacts.create(actor, parsed.data);
        return c.redirect(`/employers/${id}?done=logged#log`, 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    const d = await load(c, id);
    return employerPage(c, { ...d, values: form, errors }, { status: 400 });
  });
