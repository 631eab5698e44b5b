/**
 * The agreement page: the current version with its approvals, the approve forms of the caller's
 * party, the handler's form to write or change it, and the earlier versions. It prints cleanly: the
 * print stylesheet hides the menus and forms (no inline styles or scripts, the CSP stays strict).
 */
import type { Context } from 'hono';
import {
  type AgreementContent,
  type AgreementParty,
  agreementGoals,
  checkInCadences,
  followUpBy,
  supportParties,
} from '../../../db/schema';
import { adaptationVocabulary } from '../../domain/vocabulary';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, FieldSet, Notice, SelectField, TextArea, TextField } from '../ui/form';
import { dateOf, inLang, scheduleText } from '../ui/format';
import { render } from '../ui/layout';
import { ScheduleGrid } from '../ui/schedule-grid';
import type { FieldErrors, FormValues } from '../ui/validate';
import { CONTACT_ROWS, STEP_ROWS } from './form';
import type { AgreementPageData, Version } from './load';

type T = PageEnv['Variables']['t']['agreement'];

function Content(props: {
  c: Context<PageEnv>;
  content: AgreementContent;
  supervisors: Map<string, string>;
}) {
  const all = props.c.var.t;
  const t = all.agreement;
  const k = props.content;
  const adaptation = new Map(adaptationVocabulary.map((a) => [a.code, a]));
  const rows: [string, string][] = [
    [t.fields.tasks, k.tasks.join('; ')],
    [t.fields.goals, k.goals.map((g) => t.goals[g]).join(', ')],
    [
      t.fields.hoursPlan,
      [
        t.startHours(k.hoursPlan.startHoursPerWeek),
        ...k.hoursPlan.steps.map((s) => t.step(s.fromWeek, s.hoursPerWeek)),
      ].join('; '),
    ],
    [t.fields.schedule, scheduleText(all, k.schedule)],
    [
      t.fields.adaptations,
      k.adaptations
        .map((a) => {
          const v = adaptation.get(a);
          return v ? inLang(all, v) : a;
        })
        .join(', ') || t.noneListed,
    ],
    [t.fields.supervisorId, (k.supervisorId && props.supervisors.get(k.supervisorId)) || '–'],
    [t.fields.followUp, t.followUpText(t.cadences[k.followUp.cadence], t.followUpBy[k.followUp.by])],
    [t.fields.dates, t.datesText(k.dates.start, k.dates.review, k.dates.end)],
    [
      t.fields.supportTeam,
      k.supportTeam
        .map(
          (m) =>
            `${t.supportParties[m.party]}: ${m.name}${m.role ? ` (${m.role})` : ''}, ${m.consent ? t.consentYes : t.consentNo}`,
        )
        .join('; ') || t.noneListed,
    ],
  ];
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

function Approvals(props: { t: T; v: Version }) {
  const { t, v } = props;
  if (v.approvals.length === 0) return <p>{t.noApprovals}</p>;
  return (
    <ul class="approvals">
      {v.approvals.map((a) => (
        <li>
          {`${t.partyTitles[a.party]} ${t.approvedAt(dateOf(a.at))}`}
          {a.onBehalfOfParticipant && <span class="muted">{` – ${t.onBehalf}`}</span>}
          {a.reason && <span class="muted">{`. ${t.onBehalfReason(a.reason)}`}</span>}
        </li>
      ))}
    </ul>
  );
}

const partyList = (t: T, parties: readonly AgreementParty[]) => parties.map((p) => t.parties[p]).join(', ');

function ApproveForms(props: {
  c: Context<PageEnv>;
  d: AgreementPageData;
  errors: FieldErrors;
  values?: FormValues;
}) {
  const { c, d } = props;
  const t = c.var.t.agreement;
  const current = d.agreement.current;
  if (!current || !d.canApprove) return null;
  const missing = d.agreement.missingApprovals;
  const mine: AgreementParty = d.side === 'provider' ? 'handler' : 'employer';
  const action = `/placements/${d.agreement.placementId}/agreement/approve`;
  const token = c.var.csrfToken;
  return (
    <section class="card no-print" aria-labelledby="approve">
      <h2 id="approve">{t.approveHeading}</h2>
      {props.errors['(form)'] && <p class="error">{props.errors['(form)']}</p>}
      {missing.includes(mine) ? (
        <form method="post" action={action}>
          <Csrf token={token} />
          <input type="hidden" name="version" value={String(current.version)} />
          <button type="submit">{d.side === 'provider' ? t.approveAsHandler : t.approveAsEmployer}</button>
        </form>
      ) : (
        <p>{t.youApproved}</p>
      )}
      {d.side === 'provider' && missing.includes('participant') && (
        <form method="post" action={action} novalidate>
          <Csrf token={token} />
          <input type="hidden" name="version" value={String(current.version)} />
          <input type="hidden" name="onBehalfOfParticipant" value="yes" />
          <h3>{t.onBehalfLegend}</h3>
          <TextArea
            name="reason"
            label={t.reasonLabel}
            hint={t.reasonHint}
            rows={2}
            value={props.values?.get('reason')}
            errors={props.errors}
          />
          <button type="submit" class="secondary">
            {t.approveOnBehalf}
          </button>
        </form>
      )}
    </section>
  );
}

function EditForm(props: { c: Context<PageEnv>; d: AgreementPageData; v: FormValues; errors: FieldErrors }) {
  const { c, d, v, errors } = props;
  const all = c.var.t;
  const t = all.agreement;
  const labels: Record<string, string> = { ...t.fields, '(form)': t.editHeading };
  return (
    <section class="card no-print" aria-labelledby="edit">
      <h2 id="edit">{d.agreement.current ? t.editHeading : t.draftHeading}</h2>
      <p class="hint">{t.editHint}</p>
      <ErrorSummary errors={errors} labels={labels} heading={all.common.formHasErrors} />
      {errors['(form)'] && <p class="error">{errors['(form)']}</p>}
      <form method="post" action={`/placements/${d.agreement.placementId}/agreement`} novalidate>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="baseVersion" value={v.get('baseVersion')} />
        <TextArea
          name="tasks"
          label={t.fields.tasks}
          hint={t.tasksHint}
          rows={3}
          value={v.get('tasks')}
          errors={errors}
        />
        <FieldSet name="goals" label={t.fields.goals} errors={errors} class="choices">
          {agreementGoals.map((g) => (
            <label>
              <input type="checkbox" name="goals" value={g} checked={v.all('goals').includes(g)} />
              {t.goals[g]}
            </label>
          ))}
        </FieldSet>
        <TextField
          name="hoursPlan.startHoursPerWeek"
          type="number"
          inputmode="decimal"
          min={1}
          max={60}
          label={t.startHoursLabel}
          value={v.get('hoursPlan.startHoursPerWeek')}
          errors={errors}
        />
        <FieldSet name="hoursPlan.steps" label={t.stepsLegend} hint={t.stepsHint} errors={errors}>
          {Array.from({ length: STEP_ROWS }, (_, i) => (
            <div class="pair">
              <TextField
                name={`hoursPlan.steps.${i}.fromWeek`}
                type="number"
                inputmode="numeric"
                label={t.stepWeek(i + 1)}
                value={v.get(`hoursPlan.steps.${i}.fromWeek`)}
                errors={errors}
              />
              <TextField
                name={`hoursPlan.steps.${i}.hoursPerWeek`}
                type="number"
                inputmode="decimal"
                label={t.stepHours(i + 1)}
                value={v.get(`hoursPlan.steps.${i}.hoursPerWeek`)}
                errors={errors}
              />
            </div>
          ))}
        </FieldSet>
        <ScheduleGrid
          c={c}
          name="schedule"
          label={t.fields.schedule}
          hint={t.scheduleHint}
          v={v}
          errors={errors}
        />
        <FieldSet name="adaptations" label={t.fields.adaptations} errors={errors} class="choices">
          {adaptationVocabulary.map((a) => (
            <label>
              <input
                type="checkbox"
                name="adaptations"
                value={a.code}
                checked={v.all('adaptations').includes(a.code)}
              />
              {inLang(all, a)}
            </label>
          ))}
        </FieldSet>
        <SelectField
          name="supervisorId"
          label={t.fields.supervisorId}
          blank={t.supervisorDefault}
          value={v.get('supervisorId')}
          options={d.supervisors.map((s) => ({ value: s.id, label: s.name }))}
          errors={errors}
        />
        <div class="pair">
          <SelectField
            name="followUp.cadence"
            label={t.cadenceLabel}
            value={v.get('followUp.cadence')}
            options={checkInCadences.map((x) => ({ value: x, label: t.cadences[x] }))}
            errors={errors}
          />
          <SelectField
            name="followUp.by"
            label={t.byLabel}
            value={v.get('followUp.by')}
            options={followUpBy.map((x) => ({ value: x, label: t.followUpBy[x] }))}
            errors={errors}
          />
        </div>
        <div class="pair">
          <TextField
            name="dates.start"
            type="date"
            label={t.startLabel}
            value={v.get('dates.start')}
            errors={errors}
          />
          <TextField
            name="dates.review"
            type="date"
            label={t.reviewLabel}
            value={v.get('dates.review')}
            errors={errors}
          />
          <TextField
            name="dates.end"
            type="date"
            label={t.endLabel}
            value={v.get('dates.end')}
            errors={errors}
          />
        </div>
        <FieldSet name="supportTeam" label={t.fields.supportTeam} hint={t.teamHint} errors={errors}>
          {Array.from({ length: CONTACT_ROWS }, (_, i) => (
            <fieldset class="contact">
              <legend>{t.contact(i + 1)}</legend>
              <SelectField
                name={`supportTeam.${i}.party`}
                label={t.partyLabel}
                blank={t.partyBlank}
                value={v.get(`supportTeam.${i}.party`)}
                options={supportParties.map((p) => ({ value: p, label: t.supportParties[p] }))}
                errors={errors}
              />
              <TextField
                name={`supportTeam.${i}.name`}
                label={t.nameLabel}
                value={v.get(`supportTeam.${i}.name`)}
                errors={errors}
              />
              <TextField
                name={`supportTeam.${i}.role`}
                label={t.roleLabel}
                value={v.get(`supportTeam.${i}.role`)}
                errors={errors}
              />
              <label>
                <input
                  type="checkbox"
                  name={`supportTeam.${i}.consent`}
                  value="yes"
                  checked={v.get(`supportTeam.${i}.consent`) === 'yes'}
                />
                {t.consentLabel}
              </label>
            </fieldset>
          ))}
        </FieldSet>
        <button type="submit">{t.save}</button>
      </form>
    </section>
  );
}

function Shared(props: { c: Context<PageEnv>; d: AgreementPageData }) {
  const all = props.c.var.t;
  const t = all.placements;
  const s = props.d.agreement.participant.disclosed;
  const rows = [
    s.strengths && [t.fields.strengths, s.strengths.join(', ')],
    s.interests && [t.fields.interests, s.interests.join(', ')],
    s.adaptationNeeds && [
      t.fields.adaptationNeeds,
      s.adaptationNeeds.map((n) => inLang(all, n.label)).join(', '),
    ],
    s.hoursPerWeek && [t.fields.hoursPerWeek, t.hoursNowTarget(s.hoursPerWeek.now, s.hoursPerWeek.target)],
    s.rampUp && [t.fields.rampUp, s.rampUp.map((r) => all.rampStep(r.afterWeeks, r.hoursPerWeek)).join('; ')],
    s.availability && [t.fields.availability, scheduleText(all, s.availability)],
  ].filter((r): r is [string, string] => !!r);
  return (
    <section aria-labelledby="shared">
      <h2 id="shared">{all.agreement.sharedHeading}</h2>
      {rows.length === 0 ? (
        <p>{t.sharedNone}</p>
      ) : (
        <dl class="facts">
          {rows.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
      )}
    </section>
  );
}

export interface PageState {
  notice?: string;
  status?: 200 | 400 | 409;
  errors?: FieldErrors;
  values?: FormValues;
  approveErrors?: FieldErrors;
  approveValues?: FormValues;
}

export function agreementPage(
  c: Context<PageEnv>,
  d: AgreementPageData,
  form: FormValues,
  s: PageState = {},
) {
  const t = c.var.t.agreement;
  const a = d.agreement;
  const cur = a.current;
  const names = new Map(d.supervisors.map((x) => [x.id, x.name]));
  return render(
    c,
    { title: t.title(d.slotTitle), status: s.status },
    <>
      <h1>{t.title(d.slotTitle)}</h1>
      {s.notice && <Notice>{s.notice}</Notice>}
      <p class="no-print">
        <a href={`/placements/${a.placementId}`}>{c.var.t.common.back}</a>
      </p>
      <p>{t.intro}</p>
      {!a.approvalRequired && <p class="notice warn">{t.notRequired}</p>}
      <section aria-labelledby="current">
        <h2 id="current">
          {cur ? `${t.version(cur.version)} (${t.changedAt(dateOf(cur.changedAt))})` : t.link}
        </h2>
        {cur ? (
          <>
            <p class={a.missingApprovals.length ? 'badge warn' : 'badge'}>
              {a.missingApprovals.length ? t.waitingFor(partyList(t, a.missingApprovals)) : t.allApproved}
            </p>
            <Content c={c} content={cur.content} supervisors={names} />
            <h3>{t.approvalsHeading}</h3>
            <Approvals t={t} v={cur} />
          </>
        ) : (
          <p>{d.side === 'provider' ? t.none : t.noneEmployer}</p>
        )}
      </section>
      {d.side === 'employer' && <Shared c={c} d={d} />}
      <ApproveForms c={c} d={d} errors={s.approveErrors ?? {}} values={s.approveValues} />
      {d.canEdit && <EditForm c={c} d={d} v={s.values ?? form} errors={s.errors ?? {}} />}
      <section aria-labelledby="history">
        <h2 id="history">{t.historyHeading}</h2>
        {a.history.length === 0 ? (
          <p>{t.historyNone}</p>
        ) : (
          a.history.map((v) => (
            <details class="version">
              <summary>{`${t.version(v.version)} (${t.changedAt(dateOf(v.changedAt))}) – ${t.changedParts(
                v.changedFields
                  .map((f) => Object.entries(t.fields).find(([k]) => k === f)?.[1] ?? f)
                  .join(', '),
              )}`}</summary>
              <Content c={c} content={v.content} supervisors={names} />
              <Approvals t={t} v={v} />
            </details>
          ))
        )}
      </section>
      <p class="hint no-print">{t.print}</p>
    </>,
  );
}
