/**
 * The forms of a placement's timeline: a check-in (provider side) and a meeting (either side), each
 * validated by the placements service's own schema; errors are shown beside the fields of the form
 * that was sent, with what was typed kept.
 */
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { CheckInCreate, MeetingCreate } from '../../services/placements/schemas';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { type FieldErrors, fieldErrors, readForm, serviceErrors, stringOrUndefined } from '../ui/validate';
import { loadPlacement } from './load';
import { placementPage } from './view';

async function record<T>(
  c: Context<PageEnv>,
  form: 'check-in' | 'meeting',
  schema: { safeParse(input: unknown): z.ZodSafeParseResult<T> },
  save: (id: string, input: T) => Promise<unknown>,
) {
  const { actor } = signedIn(c);
  const id = c.req.param('id') ?? '';
  const values = await readForm(c);
  // Both forms are on one page: their inputs are named apart (`checkIn.date`, `meeting.date`).
  const prefix = form === 'check-in' ? 'checkIn' : 'meeting';
  const field = (name: string) => stringOrUndefined(values.get(`${prefix}.${name}`));
  const parsed = schema.safeParse({
    date: field('date'),
    note: field('note'),
    ...(form === 'check-in' ? { with: field('with') } : { kind: field('kind') }),
  });
  const named = (e: FieldErrors): FieldErrors =>
    Object.fromEntries(Object.entries(e).map(([k, m]) => [k === '(form)' ? k : `${prefix}.${k}`, m]));
  let errors: FieldErrors = {
    ...values.textErrors,
    ...(parsed.success ? {} : named(fieldErrors(parsed.error, c.var.t))),
  };
  if (parsed.success && Object.keys(errors).length === 0)
    try {
      await save(id, parsed.data);
      return c.redirect(`/placements/${id}?done=${form}#${form}`, 303);
    } catch (err) {
      errors = named(serviceErrors(err, c.var.t));
    }
  const p = await loadPlacement(c.var.services, actor, id);
  return placementPage(c, p, { status: 400, records: { form, errors, values } });
}

export const placementRecordsRouter = new Hono<PageEnv>()
  .use('/placements/*', requireSignIn)
  .post('/placements/:id/check-ins', (c) =>
    record(c, 'check-in', CheckInCreate, (id, input) =>
      c.var.services.placements.recordCheckIn(signedIn(c).actor, id, input),
    ),
  )
  .post('/placements/:id/meetings', (c) =>
    record(c, 'meeting', MeetingCreate, (id, input) =>
      c.var.services.placements.recordMeeting(signedIn(c).actor, id, input),
    ),
  );
