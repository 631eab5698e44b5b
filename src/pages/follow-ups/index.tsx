/**
 * Follow-ups 3, 6 and 12 months after an exit or a hire: the organization's list (due first) and one
 * follow-up with the form to record where the person is now (the follow-ups service's FollowUpRecord).
 * The "follow-up due" mail links to `/follow-ups/{id}`.
 */
import { Hono } from 'hono';
import { FollowUpRecord } from '../../services/follow-ups/schemas';
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
import { followUpListPage, followUpPage } from './view';

const order = { due: 0, upcoming: 1, recorded: 2 } as const;

export const followUpsRouter = new Hono<PageEnv>()
  .use('/follow-ups', requireSignIn)
  .use('/follow-ups/*', requireSignIn)
  .get('/follow-ups', async (c) => {
    const { actor } = signedIn(c);
    const list = await readAll((cursor) => c.var.services.followUps.list(actor, { limit: 100, cursor }), 500);
    list.sort((a, b) => order[a.status] - order[b.status] || a.dueDate.localeCompare(b.dueDate));
    return followUpListPage(c, list);
  })
  .get('/follow-ups/:id', async (c) => {
    const f = await c.var.services.followUps.get(signedIn(c).actor, c.req.param('id'));
    const notice = c.req.query('done') === 'recorded' ? c.var.t.followUps.recorded : undefined;
    return followUpPage(c, f, valuesFrom({ situation: f.situation ?? undefined }), {}, { notice });
  })
  .post('/follow-ups/:id', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const parsed = FollowUpRecord.safeParse({
      situation: stringOrUndefined(form.get('situation')),
      date: stringOrUndefined(form.get('date')),
    });
    let errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form);
    if (parsed.success)
      try {
        await c.var.services.followUps.record(actor, id, parsed.data);
        return c.redirect(`/follow-ups/${id}?done=recorded`, 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    const f = await c.var.services.followUps.get(actor, id);
    return followUpPage(c, f, form, errors, { status: 400 });
  });
