/**
 * A placement's timeline: its states with their dates, the employer's answer, the hours worked per
 * week as a small chart (inline SVG drawn with classes from the stylesheet: no style attributes, no
 * script, so the strict Content-Security-Policy holds; the table below it has the same numbers),
 * check-ins (provider side) and meetings, each with its form.
 */
import type { Context } from 'hono';
import { checkInWith, meetingKinds } from '../../../db/schema';
import type { PageEnv } from '../env';
import { Csrf, RadioChoices, TextArea, TextField } from '../ui/form';
import { dateOf } from '../ui/format';
import { mayChange } from '../ui/roles';
import type { FieldErrors, FormValues } from '../ui/validate';
import type { PlacementDetails } from './load';

/** A check-in or meeting form sent back with errors: which form, its errors and what was typed. */
export interface RecordState {
  form?: 'check-in' | 'meeting';
  errors?: FieldErrors;
  values?: FormValues;
}

function States(props: { c: Context<PageEnv>; p: PlacementDetails }) {
  const all = props.c.var.t;
  const t = all.timeline;
  const p = props.p;
  const answer = p.dates.acceptedAt
    ? t.answerYes(dateOf(p.dates.acceptedAt))
    : p.dates.declinedAt
      ? t.answerNo(
          dateOf(p.dates.declinedAt),
          p.decline ? all.placements.declineReasons[p.decline.reason] : '–',
        )
      : p.state === 'proposed'
        ? t.answerWaiting
        : '–';
  return (
    <>
      <ol class="timeline">
        {p.history.map((h) => (
          <li>
            <strong>{all.placements.states[h.state]}</strong> <time datetime={h.at}>{dateOf(h.at)}</time>
          </li>
        ))}
      </ol>
      <dl class="facts">
        <dt>{t.answerHeading}</dt>
        <dd>{answer}</dd>
      </dl>
    </>
  );
}

/** Hours per week as bars (0 to the largest week, at least 10 hours high). */
export function HoursChart(props: { c: Context<PageEnv>; hours: { weekStart: string; hours: number }[] }) {
  const t = props.c.var.t.timeline;
  const weeks = props.hours.slice(-26);
  if (weeks.length === 0) return null;
  const top = Math.max(10, ...weeks.map((w) => w.hours));
  const [W, H, pad, base] = [320, 140, 24, 20];
  const step = (W - pad) / weeks.length;
  const y = (h: number) => H - base - (h / top) * (H - base - 10);
  const labelEvery = Math.ceil(weeks.length / 6);
  return (
    <figure class="chart-box">
      <svg
        class="chart"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t.chartLabel(weeks.length, '')}
        focusable="false"
      >
        <title>{t.chartHeading}</title>
        <line class="axis" x1={pad} y1={H - base} x2={W} y2={H - base} />
        <text class="tick" x={pad - 4} y={y(top) + 4} text-anchor="end">
          {String(top)}
        </text>
        <text class="tick" x={pad - 4} y={H - base + 4} text-anchor="end">
          0
        </text>
        {weeks.map((w, i) => (
          <>
            <rect
              class="bar"
              x={pad + i * step + step * 0.15}
              y={y(w.hours)}
              width={step * 0.7}
              height={Math.max(0, H - base - y(w.hours))}
            >
              <title>{`${w.weekStart}: ${w.hours}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text class="tick" x={pad + i * step + step / 2} y={H - 5} text-anchor="middle">
                {w.weekStart.slice(5)}
              </text>
            )}
          </>
        ))}
      </svg>
      <figcaption>{t.chartHeading}</figcaption>
    </figure>
  );
}

function CheckIns(props: { c: Context<PageEnv>; p: PlacementDetails; s: RecordState }) {
  const { c, p } = props;
  const t = c.var.t.timeline;
  const list = p.checkIns ?? [];
  const s = props.s.form === 'check-in' ? props.s : {};
  const open = ['accepted', 'started', 'ended'].includes(p.state) && mayChange(c);
  return (
    <section aria-labelledby="check-ins" id="check-in">
      <h3 id="check-ins">{t.checkInsHeading}</h3>
      {list.length === 0 ? (
        <p>{t.checkInsNone}</p>
      ) : (
        <ul>
          {list.map((x) => (
            <li>{`${x.date} · ${t.withOptions[x.with]}: ${x.note}`}</li>
          ))}
        </ul>
      )}
      {open && (
        <form method="post" action={`/placements/${p.id}/check-ins`} class="card soft" novalidate>
          <h4>{t.checkInFormHeading}</h4>
          <Csrf token={c.var.csrfToken} />
          <TextField
            name="checkIn.date"
            type="date"
            label={t.date}
            value={s.values?.get('checkIn.date')}
            errors={s.errors}
            required
          />
          <RadioChoices
            name="checkIn.with"
            label={t.with}
            options={checkInWith}
            labelOf={(w) => t.withOptions[w]}
            value={s.values?.get('checkIn.with')}
            errors={s.errors}
          />
          <TextArea
            name="checkIn.note"
            label={t.note}
            hint={t.noteHint}
            value={s.values?.get('checkIn.note')}
            rows={2}
            errors={s.errors}
            required
          />
          <button type="submit">{t.recordCheckIn}</button>
        </form>
      )}
    </section>
  );
}

function Meetings(props: { c: Context<PageEnv>; p: PlacementDetails; s: RecordState }) {
  const { c, p } = props;
  const t = c.var.t.timeline;
  const s = props.s.form === 'meeting' ? props.s : {};
  const open = p.state !== 'declined' && p.state !== 'withdrawn' && mayChange(c);
  return (
    <section aria-labelledby="meetings" id="meeting">
      <h3 id="meetings">{t.meetingsHeading}</h3>
      {p.meetings.length === 0 ? (
        <p>{t.meetingsNone}</p>
      ) : (
        <ul>
          {p.meetings.map((m) => (
            <li>{`${m.date} · ${t.kinds[m.kind]}${m.note ? `: ${m.note}` : ''}`}</li>
          ))}
        </ul>
      )}
      {open && (
        <form method="post" action={`/placements/${p.id}/meetings`} class="card soft" novalidate>
          <h4>{t.meetingFormHeading}</h4>
          <Csrf token={c.var.csrfToken} />
          <TextField
            name="meeting.date"
            type="date"
            label={t.date}
            value={s.values?.get('meeting.date')}
            errors={s.errors}
            required
          />
          <RadioChoices
            name="meeting.kind"
            label={t.kind}
            options={meetingKinds}
            labelOf={(k) => t.kinds[k]}
            value={s.values?.get('meeting.kind')}
            errors={s.errors}
          />
          <TextArea
            name="meeting.note"
            label={t.note}
            hint={`${t.noteHint} (${t.noteHidden})`}
            value={s.values?.get('meeting.note')}
            rows={2}
            errors={s.errors}
          />
          <button type="submit">{t.recordMeeting}</button>
        </form>
      )}
    </section>
  );
}

export function Timeline(props: { c: Context<PageEnv>; p: PlacementDetails; s: RecordState }) {
  const { c, p, s } = props;
  const t = c.var.t.timeline;
  const provider = c.var.session?.actor.organizationKind === 'provider';
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{t.heading}</h2>
      <States c={c} p={p} />
      <HoursChart c={c} hours={p.hours} />
      {provider && <CheckIns c={c} p={p} s={s} />}
      <Meetings c={c} p={p} s={s} />
      {provider && (
        <p>
          <a href={`/employers/${p.employerOrganizationId}`}>{t.employerPage}</a>
        </p>
      )}
    </section>
  );
}
