/**
 * A handler's matching pages beside a participant's own matches (src/pages/participants): the
 * organization's participants who fit one slot (ranked, with reasons and gaps), and sharing out
 * places among a group of participants at once (the matching service's allocate: the highest total
 * score under every slot's free places and every supervisor's room), with its result explained.
 * Nothing is booked here: each line links to the proposal form.
 */
import { type Context, Hono } from 'hono';
import { AllocationRequest } from '../../services/matching/schemas';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { readAll } from '../ui/pages';
import { assertMayChange } from '../ui/roles';
import { type FieldErrors, readForm, serviceErrors, valuesFrom } from '../ui/validate';
import { allocationPage, candidatesPage } from './view';

/** The organization's active participants, own first. */
async function caseload(c: Context<PageEnv>) {
  const { actor } = signedIn(c);
  const list = await readAll((cursor) =>
    c.var.services.participants.list(actor, { status: 'active', limit: 100, cursor }),
  );
  return [
    ...list.filter((p) => p.handlerId === actor.userId),
    ...list.filter((p) => p.handlerId !== actor.userId),
  ];
}

export const matchingPagesRouter = new Hono<PageEnv>()
  .use('/slots/*', requireSignIn)
  .use('/allocate', requireSignIn)
  .get('/slots/:id/candidates', async (c) => {
    const { actor } = signedIn(c);
    const result = await c.var.services.matching.candidatesFor(actor, c.req.param('id'), { limit: 20 });
    return candidatesPage(c, result);
  })
  .get('/allocate', async (c) => {
    // The matching service lets handlers and admins allocate; a coordinator gets the forbidden page.
    assertMayChange(c);
    return allocationPage(c, { people: await caseload(c), values: valuesFrom({}) });
  })
  .post('/allocate', async (c) => {
    const { actor } = signedIn(c);
    const form = await readForm(c);
    const people = await caseload(c);
    const parsed = AllocationRequest.safeParse({ participantIds: form.all('participantIds') });
    let errors: FieldErrors = {};
    if (!parsed.success) errors.participantIds = c.var.t.allocation.noneChecked;
    else
      try {
        const result = await c.var.services.matching.allocate(actor, parsed.data);
        return allocationPage(c, { people, values: form, result });
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
        if (Object.keys(errors).some((k) => k.startsWith('participantIds.')))
          errors = { participantIds: Object.values(errors).join(' ') };
      }
    return allocationPage(c, { people, values: form, errors, status: 400 });
  });
