/**
 * The placement agreement's page (/placements/{id}/agreement), for the handler (write, change,
 * approve, approve on the participant's behalf) and the employer (read what is shared, approve).
 * The approval mails link here; a signed-out visitor signs in first and comes back.
 */
import { Hono } from 'hono';
import { ApiError } from '../../lib/problem';
import { AgreementApprove, AgreementDraft } from '../../services/agreements/schemas';
import type { PageEnv } from '../env';
import type { Catalogue } from '../i18n';
import { requireSignIn, signedIn } from '../session';
import { fieldErrors, numberOrUndefined, readForm, serviceErrors, stringOrUndefined } from '../ui/validate';
import { draftFromForm, placeErrors, valuesOfContent } from './form';
import { loadAgreementPage } from './load';
import { agreementPage } from './view';

/** A refusal as the reader's language says it: the agreement's own conflicts in plain words. */
function refusal(err: unknown, t: Catalogue) {
  const known = err instanceof ApiError && err.slug ? t.agreement.problems[err.slug] : undefined;
  return known ? { '(form)': known } : serviceErrors(err, t);
}

export const agreementsRouter = new Hono<PageEnv>()
  .use('/placements/:id/agreement', requireSignIn)
  .use('/placements/:id/agreement/*', requireSignIn)
  .get('/placements/:id/agreement', async (c) => {
    const d = await loadAgreementPage(c.var.services, signedIn(c).actor, c.req.param('id'));
    const t = c.var.t.agreement;
    const done = c.req.query('done');
    const notice =
      done === 'saved'
        ? t.saved
        : done === 'unchanged'
          ? t.unchanged
          : done === 'approved'
            ? t.approved
            : undefined;
    const cur = d.agreement.current;
    return agreementPage(c, d, valuesOfContent(cur?.content ?? null, cur?.version ?? 0), { notice });
  })
  .post('/placements/:id/agreement', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const { input, ...at } = draftFromForm(form);
    const parsed = AgreementDraft.safeParse(input);
    let errors = parsed.success
      ? { ...form.textErrors }
      : { ...fieldErrors(parsed.error, c.var.t, form), ...form.textErrors };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        const before = input.baseVersion ?? 0;
        const saved = await c.var.services.agreements.draft(actor, id, parsed.data);
        const done = (saved.current?.version ?? 0) > before ? 'saved' : 'unchanged';
        return c.redirect(`/placements/${id}/agreement?done=${done}`, 303);
      } catch (err) {
        errors = refusal(err, c.var.t);
      }
    const d = await loadAgreementPage(c.var.services, actor, id);
    return agreementPage(c, d, form, { status: 400, errors: placeErrors(errors, at), values: form });
  })
  .post('/placements/:id/agreement/approve', async (c) => {
    const { actor } = signedIn(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const parsed = AgreementApprove.safeParse({
      version: numberOrUndefined(form.get('version')),
      onBehalfOfParticipant: form.get('onBehalfOfParticipant') === 'yes' || undefined,
      reason: stringOrUndefined(form.get('reason')),
    });
    let errors = parsed.success
      ? { ...form.textErrors }
      : { ...fieldErrors(parsed.error, c.var.t, form), ...form.textErrors };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        await c.var.services.agreements.approve(actor, id, parsed.data);
        return c.redirect(`/placements/${id}/agreement?done=approved`, 303);
      } catch (err) {
        errors = refusal(err, c.var.t);
      }
    const d = await loadAgreementPage(c.var.services, actor, id);
    const cur = d.agreement.current;
    return agreementPage(c, d, valuesOfContent(cur?.content ?? null, cur?.version ?? 0), {
      status: 400,
      approveErrors: errors,
      approveValues: form,
    });
  });
