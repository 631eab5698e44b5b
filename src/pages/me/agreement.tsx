/**
 * The participant's agreement on their placement page (the agreement part of issue #16): the current
 * version in plain words, who has yet to approve it, and the participant's own approve button. The
 * approval is the agreements service's `approveAsParticipant`; a changed version asks again.
 */
import type { Context } from 'hono';
import { adaptationByCode } from '../../domain/vocabulary';
import type { AgreementView } from '../../services/agreements/view';
import type { PageEnv } from '../env';
import { Csrf } from '../ui/form';
import { dateOf, inLang, scheduleText } from '../ui/format';

export function MeAgreement(props: { c: Context<PageEnv>; a: AgreementView }) {
  const { c, a } = props;
  const all = c.var.t;
  const t = all.agreement;
  const me = all.me;
  const v = a.current;
  return (
    <section class="card" aria-labelledby="agreement">
      <h2 id="agreement">{me.agreementHeading}</h2>
      {!v ? (
        <p>{a.approvalRequired ? me.agreementNone : t.notRequired}</p>
      ) : (
        <>
          <p>{`${t.version(v.version)}, ${t.changedAt(dateOf(v.changedAt))}. ${me.agreementIntro}`}</p>
          <dl class="stack">
            <dt>{t.fields.tasks}</dt>
            <dd>{v.content.tasks.join(', ') || t.noneListed}</dd>
            <dt>{t.fields.goals}</dt>
            <dd>{v.content.goals.map((g) => t.goals[g]).join(', ') || t.noneListed}</dd>
            <dt>{t.fields.hoursPlan}</dt>
            <dd>
              {[
                t.startHours(v.content.hoursPlan.startHoursPerWeek),
                ...v.content.hoursPlan.steps.map((s) => t.step(s.fromWeek, s.hoursPerWeek)),
              ].join('; ')}
            </dd>
            <dt>{t.fields.schedule}</dt>
            <dd>{scheduleText(all, v.content.schedule) || t.noneListed}</dd>
            <dt>{t.fields.adaptations}</dt>
            <dd>
              {v.content.adaptations
                .map((code) => {
                  const label = adaptationByCode.get(code);
                  return label ? inLang(all, label) : code;
                })
                .join(', ') || t.noneListed}
            </dd>
            <dt>{t.fields.followUp}</dt>
            <dd>
              {t.followUpText(t.cadences[v.content.followUp.cadence], t.followUpBy[v.content.followUp.by])}
            </dd>
            <dt>{t.fields.dates}</dt>
            <dd>{t.datesText(v.content.dates.start, v.content.dates.review, v.content.dates.end)}</dd>
          </dl>
          <p>
            {a.missingApprovals.length === 0
              ? t.allApproved
              : t.waitingFor(a.missingApprovals.map((p) => t.parties[p]).join(', '))}
          </p>
          {a.missingApprovals.includes('participant') ? (
            <form method="post" action={`/me/placements/${a.placementId}/agreement/approve`}>
              <Csrf token={c.var.csrfToken} />
              <input type="hidden" name="version" value={String(v.version)} />
              <button type="submit">{me.agreementApprove}</button>
            </form>
          ) : (
            <p>{me.agreementApproved}</p>
          )}
        </>
      )}
    </section>
  );
}
