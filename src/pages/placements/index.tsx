/**
 * Placements: the list, one placement, and the employer's answer to a proposal (accept or decline
 * with a reason). The "new proposal" mail links here (/placements/{id}); a signed-out visitor signs
 * in first and comes back. Participant data: the answers are `Cache-Control: no-store` (as all pages).
 */
import { type Context, Hono } from 'hono';
import type { Member } from '../../auth/actor';
import { ApiError } from '../../lib/problem';
import { Accept, Decline, HoursCreate, Start } from '../../services/placements/schemas';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { fieldErrors, numberOrUndefined, readForm, serviceErrors, stringOrUndefined } from '../ui/validate';
import { listPlacements, loadPlacement } from './load';
import { placementListPage, placementPage } from './view';

/** A start refused for want of approvals names, in plain words, who has not approved (issue #16). */
async function startRefusal(c: Context<PageEnv>, actor: Member, id: string, err: unknown) {
  if (!(err instanceof ApiError) || err.slug !== 'agreement-not-approved') return serviceErrors(err, c.var.t);
  const t = c.var.t.agreement;
  const a = await c.var.services.agreements.get(actor, id);
  return {
    '(form)': a.current
      ? t.startRefused(a.missingApprovals.map((p) => t.parties[p]).join(', '))
      : t.startNoAgreement,
  };
}

export const placementsRouter = new Hono<PageEnv>()
  .use('/placements', requireSignIn)
  .use('/placements/*', requireSignIn)
  .get('/placements', async (c) =>
    placementListPage(c, await listPlacements(c.var.services, signedIn(c).actor)),
  )
  .get('/placements/:id', async (c) => {
    const p = await loadPlacement(c.var.services, signedIn(c).actor, c.req.param('id'));
    const done = c.req.query('done');
    const t = c.var.t.placements;
    const notices: Record<string, string> = {
      accepted: t.accepted,
      declined: t.declined,
      proposed: t.proposedNotice,
      started: t.started,
      hours: t.hoursRecorded,
      'check-in': c.var.t.timeline.checkInSaved,
      meeting: c.var.t.timeline.meetingSaved,
    };
    const notice = done ? notices[done] : undefined;
    return placementPage(c, p, { notice });
  })
  .post('/placements/:id/accept', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const input = Accept.safeParse({ supervisorId: stringOrUndefined(form.get('supervisorId')) });
    let errors = input.success ? {} : fieldErrors(input.error, c.var.t);
    if (input.success)
      try {
        await c.var.services.placements.accept(actor, id, input.data);
        return c.redirect(`/placements/${id}?done=accepted`, 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    const p = await loadPlacement(c.var.services, actor, id);
    return placementPage(c, p, { status: 400, answer: { errors } });
  })
  .post('/placements/:id/decline', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const values = { reason: form.get('reason'), note: form.get('note') };
    const input = Decline.safeParse({
      reason: stringOrUndefined(values.reason),
      note: stringOrUndefined(values.note),
    });
    let errors = input.success
      ? { ...form.textErrors }
      : { ...fieldErrors(input.error, c.var.t), ...form.textErrors };
    if (input.success && Object.keys(errors).length === 0)
      try {
        await c.var.services.placements.decline(actor, id, input.data);
        return c.redirect(`/placements/${id}?done=declined`, 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    const p = await loadPlacement(c.var.services, actor, id);
    return placementPage(c, p, { status: 400, answer: { errors, ...values } });
  })
  .post('/placements/:id/start', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const input = Start.safeParse({ date: stringOrUndefined(form.get('date')) });
    let errors = input.success ? {} : fieldErrors(input.error, c.var.t, form);
    if (input.success)
      try {
        await c.var.services.placements.start(actor, id, input.data);
        return c.redirect(`/placements/${id}?done=started`, 303);
      } catch (err) {
        errors = await startRefusal(c, actor, id, err);
      }
    const p = await loadPlacement(c.var.services, actor, id);
    return placementPage(c, p, { status: 400, answer: { errors, values: form } });
  })
  .post('/placements/:id/hours', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const input = HoursCreate.safeParse({
      weekStart: form.get('weekStart'),
      hours: numberOrUndefined(form.get('hours')),
    });
    let errors = input.success ? {} : fieldErrors(input.error, c.var.t, form);
    if (input.success)
      try {
        await c.var.services.placements.recordHours(actor, id, input.data);
        return c.redirect(`/placements/${id}?done=hours`, 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    const p = await loadPlacement(c.var.services, actor, id);
    return placementPage(c, p, { status: 400, answer: { errors, values: form } });
  });
