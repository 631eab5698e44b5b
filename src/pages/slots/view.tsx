/** The slot pages: the organization's list, one slot, and the form pages. */
import type { Context } from 'hono';
import { adaptationByCode } from '../../domain/vocabulary';
import { strengthVocabulary } from '../../domain/work-vocabulary';
import type { PageEnv } from '../env';
import { Csrf, Notice } from '../ui/form';
import { inLang, scheduleText } from '../ui/format';
import { render } from '../ui/layout';
import { mayChange } from '../ui/roles';
import { SlotForm, type SlotFormData } from './form-view';
import type { SlotWithPeople } from './load';

function Placed(props: { c: Context<PageEnv>; s: SlotWithPeople }) {
  const t = props.c.var.t;
  const placed = props.s.placed.filter((p) => p.state !== 'proposed');
  const waiting = props.s.placed.filter((p) => p.state === 'proposed');
  return (
    <>
      {placed.length === 0 ? (
        <p class="muted">{t.slots.placedNone}</p>
      ) : (
        <ul>
          {placed.map((p) => (
            <li>
              <a href={`/placements/${p.id}`}>
                {t.slots.placedLine(t.placements.states[p.state], p.date ?? '', p.supervisorName ?? '–')}
              </a>
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && (
        <p>
          <a class="badge warn" href={`/placements/${waiting[0]!.id}`}>
            {t.slots.waiting(waiting.length)}
          </a>
        </p>
      )}
    </>
  );
}

export function slotListPage(c: Context<PageEnv>, slots: SlotWithPeople[], notice?: string) {
  const t = c.var.t.slots;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a class="button" href="/slots/new">
          {t.new}
        </a>
      </p>
      {slots.length === 0 && <p>{t.none}</p>}
      {slots.map((s) => (
        <article class="card" aria-labelledby={`slot-${s.id}`}>
          <h2 id={`slot-${s.id}`}>
            <a href={`/slots/${s.id}`}>{s.title}</a>
          </h2>
          <p>
            <span class={s.status === 'open' ? 'badge ok' : 'badge'}>{t.statuses[s.status]}</span>{' '}
            <strong>{t.free(s.freePlaces, s.capacity)}</strong>
            {` · ${t.kinds[s.kind]} · ${s.location.municipalityName ?? s.location.municipalityCode}`}
          </p>
          <h3>{t.placed}</h3>
          <Placed c={c} s={s} />
        </article>
      ))}
    </>,
  );
}

export function slotPage(
  c: Context<PageEnv>,
  s: SlotWithPeople,
  o: { notice?: string; supervisors: Map<string, string>; own: boolean },
) {
  const all = c.var.t;
  const t = all.slots;
  return render(
    c,
    { title: s.title },
    <>
      <h1>{s.title}</h1>
      {o.notice && <Notice>{o.notice}</Notice>}
      <p>
        <span class={s.status === 'open' ? 'badge ok' : 'badge'}>{t.statuses[s.status]}</span>{' '}
        <strong>{t.free(s.freePlaces, s.capacity)}</strong>
      </p>
      <p>{s.description}</p>
      <dl class="facts">
        <dt>{t.occupation}</dt>
        <dd>{`${s.occupation.label}${s.occupation.ssyk ? ` (SSYK ${s.occupation.ssyk})` : ''}`}</dd>
        <dt>{t.kind}</dt>
        <dd>{t.kinds[s.kind]}</dd>
        <dt>{t.schedule}</dt>
        <dd>{scheduleText(all, s.schedule)}</dd>
        <dt>{t.hours}</dt>
        <dd>{t.hoursRange(s.hoursPerWeek.min, s.hoursPerWeek.max)}</dd>
        <dt>{t.supervisors}</dt>
        <dd>{s.supervisorIds.map((id) => o.supervisors.get(id) ?? id).join(', ')}</dd>
        <dt>{t.adaptations}</dt>
        <dd>
          {s.adaptations.length === 0
            ? all.common.none
            : s.adaptations
                .map((a) => {
                  const v = adaptationByCode.get(a.code);
                  return `${v ? inLang(all, v) : a.code} (${a.status === 'in_place' ? t.inPlace : t.canArrange})`;
                })
                .join(', ')}
        </dd>
        {s.suits.length > 0 && (
          <>
            <dt>{t.form.suits}</dt>
            <dd>
              {strengthVocabulary
                .filter((x) => s.suits.includes(x.code))
                .map((x) => inLang(all, x).toLowerCase())
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      {c.var.session?.actor.organizationKind === 'provider' && (
        <p class="actions">
          {mayChange(c) && (
            <a class="button" href={`/slots/${s.id}/candidates`}>
              {all.candidates.link}
            </a>
          )}
          <a href={`/employers/${s.organizationId}`}>{all.timeline.employerPage}</a>
        </p>
      )}
      <h2>{t.placed}</h2>
      <Placed c={c} s={s} />
      {o.own && (
        <div class="actions">
          <a class="button" href={`/slots/${s.id}/edit`}>
            {t.edit}
          </a>
          {(s.status === 'open'
            ? (['paused', 'closed'] as const)
            : s.status === 'paused'
              ? (['open', 'closed'] as const)
              : (['open'] as const)
          ).map((status) => (
            <form method="post" action={`/slots/${s.id}/status`} class="inline">
              <Csrf token={c.var.csrfToken} />
              <input type="hidden" name="status" value={status} />
              <button type="submit" class={status === 'closed' ? 'danger' : 'secondary'}>
                {status === 'paused' ? t.pause : status === 'closed' ? t.close : t.reopen}
              </button>
            </form>
          ))}
        </div>
      )}
    </>,
  );
}

export function slotFormPage(c: Context<PageEnv>, title: string, d: SlotFormData, status: 200 | 400 = 200) {
  return render(
    c,
    { title, status },
    <>
      <h1>{title}</h1>
      <SlotForm c={c} d={d} />
    </>,
  );
}
