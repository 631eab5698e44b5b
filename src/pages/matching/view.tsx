/** The candidates for a slot, and the allocation form with its result explained. */
import type { Context } from 'hono';
import type { Services } from '../../services';
import type { Participant } from '../../services/participants/index';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, FieldSet } from '../ui/form';
import { render } from '../ui/layout';
import type { FieldErrors, FormValues } from '../ui/validate';

type Candidates = Awaited<ReturnType<Services['matching']['candidatesFor']>>;
type Allocation = Awaited<ReturnType<Services['matching']['allocate']>>;
type Rendered = { text: { sv: string; en: string } };

function Reasons(props: { c: Context<PageEnv>; reasons: Rendered[]; gaps: Rendered[] }) {
  const t = props.c.var.t.participants;
  const lang = props.c.var.lang;
  return (
    <div class="cols">
      <div>
        <h4>{t.reasons}</h4>
        <ul>
          {props.reasons.map((r) => (
            <li>{r.text[lang]}</li>
          ))}
        </ul>
      </div>
      {props.gaps.length > 0 && (
        <div>
          <h4>{t.gaps}</h4>
          <ul>
            {props.gaps.map((r) => (
              <li>{r.text[lang]}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function candidatesPage(c: Context<PageEnv>, r: Candidates) {
  const all = c.var.t;
  const t = all.candidates;
  const me = c.var.session?.actor.userId;
  return render(
    c,
    { title: t.title(r.slot.title) },
    <>
      <h1>{t.title(r.slot.title)}</h1>
      <p>
        {`${t.intro} `}
        <a href={`/slots/${r.slot.id}`}>{r.slot.title}</a>
        {` · ${all.slots.statuses[r.slot.status]} · ${t.freePlaces(r.slot.freePlaces)}`}
      </p>
      {r.data.length === 0 && <p>{t.none}</p>}
      {r.data.map((m) => (
        <article class="card" aria-labelledby={`c-${m.participantId}`}>
          <h2 id={`c-${m.participantId}`}>
            <a href={`/participants/${m.participantId}`}>{m.participant.reference}</a>
            {m.participant.handlerId === me && <span class="badge ok">{` ${t.yours}`}</span>}
          </h2>
          <p>
            <strong>{all.participants.score(Math.round(m.score * 100))}</strong>
            {` · ${all.participants.km(m.distanceKm)}`}
          </p>
          <Reasons c={c} reasons={m.reasons} gaps={m.gaps} />
          <p>
            <a
              class="button"
              href={`/participants/${m.participantId}/propose?slot=${r.slot.id}`}
              aria-label={`${all.participants.propose}: ${m.participant.reference}`}
            >
              {all.participants.propose}
            </a>
          </p>
        </article>
      ))}
    </>,
  );
}

export interface AllocationData {
  people: Participant[];
  values: FormValues;
  result?: Allocation;
  errors?: FieldErrors;
  status?: 200 | 400;
}

function Result(props: { c: Context<PageEnv>; d: AllocationData; r: Allocation }) {
  const { c, r } = props;
  const all = c.var.t;
  const t = all.allocation;
  const refs = new Map(props.d.people.map((p) => [p.id, p.reference]));
  return (
    <section aria-labelledby="result">
      <h2 id="result">{t.resultHeading}</h2>
      <p>{`${t.assigned(r.assignments.length)}. ${t.total(Math.round(r.totalScore * 100) / 100, r.slotsConsidered)}`}</p>
      {r.assignments.length > 0 && (
        <div class="grid-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{all.participants.reference}</th>
                <th scope="col">{all.placements.slot}</th>
                <th scope="col">{all.participants.components}</th>
                <th scope="col">
                  <span class="visually-hidden">{all.participants.propose}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.assignments.map((a) => (
                <tr>
                  <td>
                    <a href={`/participants/${a.participantId}`}>
                      {refs.get(a.participantId) ?? a.participantId}
                    </a>
                  </td>
                  <td>
                    <a href={`/slots/${a.slotId}`}>{a.slot?.title ?? a.slotId}</a>
                    {a.slot && (
                      <span class="muted">{` · ${a.slot.organizationName} · ${a.slot.municipalityName ?? ''}`}</span>
                    )}
                  </td>
                  <td>{all.participants.score(Math.round(a.score * 100))}</td>
                  <td>
                    <a href={`/participants/${a.participantId}/propose?slot=${a.slotId}`}>
                      {all.participants.propose}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.unassigned.length > 0 && (
        <>
          <h3>{t.unassignedHeading}</h3>
          <ul>
            {r.unassigned.map((u) => (
              <li>
                <a href={`/participants/${u.participantId}`}>
                  {refs.get(u.participantId) ?? u.participantId}
                </a>
                {`: ${u.reason.text[c.var.lang]}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function allocationPage(c: Context<PageEnv>, d: AllocationData) {
  const all = c.var.t;
  const t = all.allocation;
  const errors = d.errors ?? {};
  const checked = new Set(d.values.all('participantIds'));
  return render(
    c,
    { title: t.title, status: d.status },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form method="post" action="/allocate" novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary
          errors={errors}
          labels={{ participantIds: t.participants }}
          heading={all.common.formHasErrors}
        />
        {errors['(form)'] && <p class="error">{errors['(form)']}</p>}
        <FieldSet
          name="participantIds"
          label={t.participants}
          hint={t.participantsHint}
          errors={errors}
          class="choices cols-2"
        >
          {d.people.map((p) => (
            <label>
              <input type="checkbox" name="participantIds" value={p.id} checked={checked.has(p.id)} />
              {p.reference}
            </label>
          ))}
        </FieldSet>
        <button type="submit">{t.submit}</button>
      </form>
      {d.result && <Result c={c} d={d} r={d.result} />}
    </>,
  );
}
