/**
 * An SE handler's pages: the caseload (own participants first), one participant with the slots that
 * fit (score in parts, reasons and gaps in plain words), and proposing a slot with what the
 * participant agreed to show (the placements service's ProposalCreate). Participant data: no-store.
 */
import { type Context, Hono } from 'hono';
import { AccessCodeCreate } from '../../services/participant-access/schemas';
import type { Participant } from '../../services/participants/index';
import { ParticipantCreate, ParticipantUpdate } from '../../services/participants/schemas';
import { ProposalCreate } from '../../services/placements/schemas';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { remap } from '../slots/form';
import { readAll } from '../ui/pages';
import { assertMayChange, mayChange } from '../ui/roles';
import {
  type FieldErrors,
  fieldErrors,
  numberOrUndefined,
  readForm,
  serviceErrors,
  valuesFrom,
} from '../ui/validate';
import { AccessSection, accessCodePage } from './access';
import { changedOnly, participantFormPage, participantInput, participantValues } from './form';
import { caseloadPage, participantPage, proposePage } from './view';

/** A date from the form as the end of that day in Sweden (the schema wants a date-time). */
const endOfDay = (date: string) => (date ? `${date}T23:59:59+01:00` : undefined);

const editForm = (c: Context<PageEnv>, p: Participant) => ({
  action: `/participants/${p.id}`,
  title: c.var.t.participantEdit.title(p.reference),
  submit: c.var.t.participantEdit.save,
  cancel: `/participants/${p.id}`,
});

export const participantsRouter = new Hono<PageEnv>()
  .use('/participants', requireSignIn)
  .use('/participants/*', requireSignIn)
  .get('/participants', async (c) => {
    const { actor } = signedIn(c);
    const list = await readAll((cursor) => c.var.services.participants.list(actor, { limit: 100, cursor }));
    // Own first (in the order registered), then the colleagues'.
    const own = list.filter((p) => p.handlerId === actor.userId);
    const others = list.filter((p) => p.handlerId !== actor.userId);
    return caseloadPage(c, [...own, ...others], actor.userId);
  })
  .get('/participants/new', (c) => {
    assertMayChange(c);
    return participantFormPage(c, valuesFrom({ maxTravelKm: '20' }), {});
  })
  .post('/participants', async (c) => {
    const form = await readForm(c);
    const { input, fieldOf } = participantInput(form);
    const parsed = ParticipantCreate.safeParse(input);
    let errors: FieldErrors = {
      ...form.textErrors,
      ...(parsed.success ? {} : remap(fieldErrors(parsed.error, c.var.t, form), fieldOf)),
    };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        const p = await c.var.services.participants.create(signedIn(c).actor, parsed.data);
        return c.redirect(`/participants/${p.id}?done=created`, 303);
      } catch (err) {
        errors = remap(serviceErrors(err, c.var.t), fieldOf);
      }
    return participantFormPage(c, form, errors, 400);
  })
  .get('/participants/:id/edit', async (c) => {
    assertMayChange(c);
    const p = await c.var.services.participants.get(signedIn(c).actor, c.req.param('id'));
    return participantFormPage(c, valuesFrom(participantValues(p)), {}, 200, editForm(c, p));
  })
  .post('/participants/:id', async (c) => {
    const { actor } = signedIn(c);
    const p = await c.var.services.participants.get(actor, c.req.param('id'));
    const form = await readForm(c);
    const { input, fieldOf } = participantInput(form);
    // The same checks as the API's PATCH: personal data refused field by field.
    const parsed = ParticipantUpdate.safeParse(input);
    let errors: FieldErrors = {
      ...form.textErrors,
      ...(parsed.success ? {} : remap(fieldErrors(parsed.error, c.var.t, form), fieldOf)),
    };
    if (parsed.success && Object.keys(errors).length === 0)
      try {
        // Only what the person changed: every untouched field keeps exactly what is stored.
        await c.var.services.participants.update(actor, p.id, changedOnly(parsed.data, form, p));
        return c.redirect(`/participants/${p.id}?done=saved`, 303);
      } catch (err) {
        errors = remap(serviceErrors(err, c.var.t), fieldOf);
      }
    return participantFormPage(c, form, errors, 400, editForm(c, p));
  })
  .get('/participants/:id', async (c) => {
    const { actor } = signedIn(c);
    const p = await c.var.services.participants.get(actor, c.req.param('id'));
    // A coordinator reads the participant; matching and access codes are the handler's (403 to them).
    const handles = mayChange(c);
    const matches =
      handles && p.status === 'active'
        ? (await c.var.services.matching.matchesFor(actor, p.id, { limit: 10 })).data
        : [];
    const access = handles ? await c.var.services.participantAccess.forHandler(actor, p.id) : null;
    const done = c.req.query('done');
    const t = c.var.t;
    const notice =
      done === 'created'
        ? t.participants.created
        : done === 'saved'
          ? t.participantEdit.saved
          : done === 'revoked'
            ? t.me.access.revoked
            : done === 'confirmed'
              ? t.me.access.confirmed
              : undefined;
    const accessSection = access && <AccessSection c={c} participantId={p.id} a={access} />;
    return participantPage(c, p, matches, notice, accessSection);
  })
  .post('/participants/:id/access-codes', async (c) => {
    const { actor } = signedIn(c);
    const form = await readForm(c);
    const parsed = AccessCodeCreate.safeParse({ validDays: numberOrUndefined(form.get('validDays')) });
    const id = c.req.param('id');
    const p = await c.var.services.participants.get(actor, id);
    const issued = await c.var.services.participantAccess.codes.issue(
      actor,
      id,
      parsed.success ? parsed.data : { validDays: 14 },
    );
    return accessCodePage(c, p.reference, p.id, issued);
  })
  .post('/participants/:id/access-codes/:codeId/revoke', async (c) => {
    const id = c.req.param('id');
    await c.var.services.participantAccess.codes.revoke(signedIn(c).actor, id, c.req.param('codeId'));
    return c.redirect(`/participants/${id}?done=revoked`, 303);
  })
  .post('/participants/:id/requests/:requestId/:verb{confirm|decline}', async (c) => {
    const id = c.req.param('id');
    const { requests } = c.var.services.participantAccess;
    const verb = c.req.param('verb') === 'confirm' ? requests.confirm : requests.decline;
    const r = await verb(signedIn(c).actor, id, c.req.param('requestId'));
    if (r.kind === 'erasure' && r.status === 'confirmed') return c.redirect('/participants', 303);
    return c.redirect(`/participants/${id}?done=confirmed`, 303);
  })
  .get('/participants/:id/propose', async (c) => {
    assertMayChange(c);
    const { actor } = signedIn(c);
    const participant = await c.var.services.participants.get(actor, c.req.param('id'));
    const slot = await c.var.services.slots.get(actor, c.req.query('slot') ?? '');
    return proposePage(c, { participant, slot, values: valuesFrom({}), errors: {} });
  })
  .post('/participants/:id/propose', async (c) => {
    const { actor } = signedIn(c);
    const participant = await c.var.services.participants.get(actor, c.req.param('id'));
    const form = await readForm(c);
    const slot = await c.var.services.slots.get(actor, form.get('slotId'));
    const parsed = ProposalCreate.safeParse({
      participantId: participant.id,
      slotId: slot.id,
      disclose: form.all('disclose'),
      consentExpiresAt: endOfDay(form.get('consentExpiresAt')),
    });
    let errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form);
    if (errors.consentExpiresAt) errors.consentExpiresAt = c.var.t.validation.invalidDate;
    if (parsed.success)
      try {
        const placement = await c.var.services.placements.propose(actor, parsed.data);
        return c.redirect(`/placements/${placement.id}?done=proposed`, 303);
      } catch (err) {
        errors = serviceErrors(err, c.var.t);
      }
    return proposePage(c, { participant, slot, values: form, errors, status: 400 });
  });
