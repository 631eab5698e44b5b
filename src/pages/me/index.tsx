/**
 * The participant's own pages. `/me/sign-in` takes an access code (wrong codes count against the
 * same database-backed rate limit kind as wrong API keys: 429 past it); the device then keeps a
 * session (./session.ts). Everything else is behind it and reads only the signed-in participant's
 * own record: another participant's placement is 404. Every read and change is audited by the
 * participant-access services. Pages are `Cache-Control: no-store` like every page.
 */
import { Hono } from 'hono';
import { ProfileCorrection, RequestKind, WeeklyCheckIn } from '../../services/participant-access/schemas';
import type { PageEnv } from '../env';
import type { CookiePolicy } from '../session';
import { remap } from '../slots/form';
import { gridValues } from '../ui/schedule-grid';
import { fieldErrors, readForm, valuesFrom } from '../ui/validate';
import { MeAgreement } from './agreement';
import { correctionInput, profilePage } from './profile';
import { clearParticipantCookie, me, requireParticipant, setParticipantCookie } from './session';
import { codeSignInPage, mePage, mePlacementPage } from './view';

export function meRouter(cookies: CookiePolicy) {
  const start = async (
    c: Parameters<typeof mePage>[0],
    extra: { notice?: string; errors?: Record<string, string> } = {},
  ) => {
    const who = me(c);
    const { participantAccess: access } = c.var.services;
    const [overview, checkIns, requests, exportReady, notices] = await Promise.all([
      access.self.overview(who),
      access.checkIns.list(who.participantId, 4),
      access.requests.listOf(who.participantId),
      access.requests.exportReady(who),
      c.var.services.agreements.noticesFor(who.participantId),
    ]);
    const agreementsWanted = notices.flatMap((n) => {
      const p = overview.placements.find((x) => x.id === n.placementId);
      return p ? [{ placementId: p.id, title: p.slotTitle }] : [];
    });
    return mePage(c, { overview, checkIns, requests, exportReady, agreementsWanted, ...extra });
  };
  const notices = (c: { var: PageEnv['Variables'] }, done: string | undefined) => {
    const t = c.var.t.me;
    const map: Record<string, string> = {
      profile: t.profileSaved,
      unchanged: t.profileUnchanged,
      withdrawn: t.withdrawDone,
      checkIn: t.checkInSaved,
      request: t.requestSent,
    };
    return done ? map[done] : undefined;
  };

  return new Hono<PageEnv>()
    .get('/me/sign-in', (c) =>
      c.var.participantSession
        ? c.redirect('/me', 303)
        : codeSignInPage(c, {
            code: c.req.query('code')?.slice(0, 40),
            notice: c.req.query('signedOut') ? c.var.t.me.signedOut : undefined,
          }),
    )
    .post('/me/sign-in', async (c) => {
      const form = await readForm(c);
      const code = form.get('code').slice(0, 40);
      const { rateLimits } = c.var.services;
      const rule = rateLimits.rules.accessCodeFailuresByAddress;
      const before = await rateLimits.check(rule, c.var.clientAddress);
      if (before.limited)
        return codeSignInPage(c, { code, status: 429, error: c.var.t.me.tooMany(before.retryAfterSeconds) });
      const opened = await c.var.services.participantAccess.sessions.signIn(code);
      if (!opened) {
        const v = await rateLimits.hit(rule, c.var.clientAddress);
        const error = v.limited ? c.var.t.me.tooMany(v.retryAfterSeconds) : c.var.t.me.codeWrong;
        return codeSignInPage(c, { code, status: v.limited ? 429 : 400, error });
      }
      if (c.var.participantToken) await c.var.services.participantAccess.sessions.end(c.var.participantToken);
      setParticipantCookie(c, opened, cookies);
      return c.redirect('/me', 303);
    })
    .post('/me/sign-out', async (c) => {
      if (c.var.participantToken) await c.var.services.participantAccess.sessions.end(c.var.participantToken);
      clearParticipantCookie(c, cookies);
      return c.redirect('/me/sign-in?signedOut=1', 303);
    })
    .use('/me', requireParticipant)
    .use('/me/*', requireParticipant)
    .get('/me', (c) => start(c, { notice: notices(c, c.req.query('done')) }))
    .get('/me/profile', async (c) => {
      const p = await c.var.services.participantAccess.self.profileRow(me(c));
      return profilePage(
        c,
        valuesFrom({
          strengths: p.strengths.join(', '),
          interests: p.interests.join(', '),
          avoid: p.avoid.join(', '),
          ...gridValues('availability', p.availability),
        }),
        {},
      );
    })
    .post('/me/profile', async (c) => {
      const form = await readForm(c);
      const { input, fieldOf } = correctionInput(form);
      const parsed = ProfileCorrection.safeParse(input);
      const errors = {
        ...form.textErrors,
        ...(parsed.success ? {} : remap(fieldErrors(parsed.error, c.var.t, form), fieldOf)),
      };
      if (!parsed.success || Object.keys(errors).length) return profilePage(c, form, errors, 400);
      const changes = await c.var.services.participantAccess.self.correct(me(c), parsed.data);
      return c.redirect(`/me?done=${changes.length ? 'profile' : 'unchanged'}`, 303);
    })
    .post('/me/consents/:employer/withdraw', async (c) => {
      await c.var.services.participantAccess.self.withdrawConsent(me(c), c.req.param('employer'));
      return c.redirect('/me?done=withdrawn', 303);
    })
    .post('/me/check-in', async (c) => {
      const form = await readForm(c);
      const parsed = WeeklyCheckIn.safeParse({
        rating: form.get('rating') || undefined,
        note: form.get('note') || undefined,
      });
      if (!parsed.success || Object.keys(form.textErrors).length)
        return start(c, {
          errors: { ...form.textErrors, ...(parsed.success ? {} : fieldErrors(parsed.error, c.var.t, form)) },
        });
      await c.var.services.participantAccess.checkIns.record(me(c), parsed.data);
      return c.redirect('/me?done=checkIn', 303);
    })
    .post('/me/requests', async (c) => {
      const kind = RequestKind.safeParse((await readForm(c)).get('kind'));
      if (kind.success) await c.var.services.participantAccess.requests.request(me(c), kind.data);
      return c.redirect('/me?done=request', 303);
    })
    .get('/me/export', async (c) => {
      const record = await c.var.services.participantAccess.requests.exportFor(me(c));
      c.header('content-disposition', 'attachment; filename="min-kopia.json"');
      return c.json(record);
    })
    .get('/me/placements/:id', async (c) => {
      const who = me(c);
      const placement = await c.var.services.participantAccess.self.placement(who, c.req.param('id'));
      const agreement = await c.var.services.agreements.forParticipant(placement.id, who.participantId);
      const notice = c.req.query('done') === 'approved' ? c.var.t.me.agreementDone : undefined;
      return mePlacementPage(c, placement, <MeAgreement c={c} a={agreement} />, notice);
    })
    .post('/me/placements/:id/agreement/approve', async (c) => {
      const who = me(c);
      const id = c.req.param('id');
      const version = Number((await readForm(c)).get('version'));
      await c.var.services.agreements.approveAsParticipant(id, version, who.participantId);
      await c.var.services.participantAccess.audit(who, 'participant_approve', id, [`agreement:${version}`]);
      return c.redirect(`/me/placements/${id}?done=approved`, 303);
    });
}
