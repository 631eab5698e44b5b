/** The employer pages: the list with the due next steps, and one employer with its contact log. */
import type { Context } from 'hono';
import { contactChannels } from '../../../db/schema';
import { municipalityByCode } from '../../reference';
import type { Services } from '../../services';
import type { PageEnv } from '../env';
import { Csrf, ErrorSummary, FieldSet, Notice, TextArea, TextField } from '../ui/form';
import { render } from '../ui/layout';
import type { FieldErrors, FormValues } from '../ui/validate';

export type Contact = Awaited<ReturnType<Services['employerContacts']['list']>>['data'][number];
type Organization = Awaited<ReturnType<Services['organizations']['get']>>;
type Slot = Awaited<ReturnType<Services['slots']['list']>>['data'][number];

const placeName = (code: string) => municipalityByCode.get(code)?.name ?? code;

function DueList(props: { c: Context<PageEnv>; due: Contact[]; names: Map<string, string> }) {
  const t = props.c.var.t.employers;
  if (props.due.length === 0) return <p>{t.dueNone}</p>;
  return (
    <ul>
      {props.due.map((x) => (
        <li>
          <a href={`/employers/${x.employerOrganizationId}`}>
            {props.names.get(x.employerOrganizationId) ?? x.employerOrganizationId}
          </a>
          {`: ${t.nextStepLine(x.nextStep ?? '', x.nextStepDate ?? '')} `}
          <span class="badge warn">{t.due}</span>
        </li>
      ))}
    </ul>
  );
}

export interface EmployerListData {
  kind: 'employer' | 'social_enterprise';
  /** This page of the chosen kind, by name in Swedish order; the filter and where the page is. */
  organizations: Organization[];
  paging: Paging;
  values: FormValues;
  errors: FieldErrors;
  contacts: Contact[];
  due: Contact[];
  /** Names of the organizations the contacts name (those on this page and those due or recent). */
  names: Map<string, string>;
}

/** Where a page of the list is: its size, its number (1 = first) and the cursors either side. */
export interface Paging {
  limit: number;
  number: number;
  nextCursor: string | null;
  prevCursor: string | null;
}

/** The list's address with the same kind, filter and page size (and where to go from here). */
function listHref(kind: string, name: string, at: Record<string, string | number> = {}, limit?: number) {
  const q = new URLSearchParams({ kind });
  if (name) q.set('name', name);
  if (limit !== undefined && limit !== PAGE_SIZE) q.set('limit', String(limit));
  for (const [k, v] of Object.entries(at)) q.set(k, String(v));
  return `/employers?${q}`;
}

/** "Föregående" and "Nästa" around the current page's number, in a labelled nav. */
function Pager(props: { c: Context<PageEnv>; d: EmployerListData; name: string }) {
  const t = props.c.var.t.employers;
  const { kind, paging: p } = props.d;
  if (!p.prevCursor && !p.nextCursor) return null;
  return (
    <nav class="actions pager" aria-label={t.pagesNav}>
      {p.prevCursor && (
        <a
          href={listHref(kind, props.name, { before: p.prevCursor, page: p.number - 1 }, p.limit)}
          rel="prev"
        >
          {t.prevPage}
        </a>
      )}
      <span aria-current="page">{t.pageNumber(p.number)}</span>
      {p.nextCursor && (
        <a
          href={listHref(kind, props.name, { cursor: p.nextCursor, page: p.number + 1 }, p.limit)}
          rel="next"
        >
          {t.nextPage}
        </a>
      )}
    </nav>
  );
}

/** Employers a page unless the address asks for another size (`limit`, 1–100, as in the API). */
export const PAGE_SIZE = 50;

/** How many recently contacted employers the list page names. */
export const RECENT = 10;

/** The employers the provider was last in touch with, latest first. */
function Recent(props: { c: Context<PageEnv>; d: EmployerListData }) {
  const t = props.c.var.t.employers;
  const seen = new Map<string, string>();
  for (const x of props.d.contacts)
    if (!seen.has(x.employerOrganizationId) && seen.size < RECENT) seen.set(x.employerOrganizationId, x.date);
  if (seen.size === 0) return <p>{t.recentNone}</p>;
  return (
    <ul>
      {[...seen].map(([id, date]) => (
        <li>
          <a href={`/employers/${id}`}>{props.d.names.get(id) ?? id}</a>
          {` · ${date}`}
        </li>
      ))}
    </ul>
  );
}

export function employerListPage(c: Context<PageEnv>, d: EmployerListData, status: 200 | 400 = 200) {
  const t = c.var.t.employers;
  const name = d.values.get('name');
  const last = new Map<string, string>();
  for (const x of d.contacts)
    if (!last.has(x.employerOrganizationId)) last.set(x.employerOrganizationId, x.date);
  return render(
    c,
    { title: t.title, status },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section aria-labelledby="due">
        <h2 id="due">{t.dueHeading}</h2>
        <DueList c={c} due={d.due} names={d.names} />
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">{t.recentHeading}</h2>
        <Recent c={c} d={d} />
      </section>
      <section aria-labelledby="all">
        <h2 id="all">{t.allHeading}</h2>
        <nav class="actions" aria-label={t.kindNav}>
          {(['employer', 'social_enterprise'] as const).map((k) => (
            <a href={listHref(k, name, {}, d.paging.limit)} aria-current={k === d.kind ? 'page' : undefined}>
              {t.kindTabs[k]}
            </a>
          ))}
        </nav>
        <form method="get" action="/employers">
          <input type="hidden" name="kind" value={d.kind} />
          {d.paging.limit !== PAGE_SIZE && (
            <input type="hidden" name="limit" value={String(d.paging.limit)} />
          )}
          <TextField name="name" type="search" label={t.nameFilter} value={name} errors={d.errors} />
          <button type="submit">{t.filter}</button>
        </form>
        {d.organizations.length === 0 ? (
          <p>{t.listNone}</p>
        ) : (
          <div class="grid-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{c.var.t.participants.municipality}</th>
                  <th scope="col">{t.lastContact}</th>
                </tr>
              </thead>
              <tbody>
                {d.organizations.map((o) => (
                  <tr>
                    <td>
                      <a href={`/employers/${o.id}`}>{o.name}</a>
                    </td>
                    <td>{placeName(o.municipalityCode)}</td>
                    <td>{last.get(o.id) ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager c={c} d={d} name={name} />
      </section>
    </>,
  );
}

export interface EmployerPageData {
  organization: Organization;
  slots: Slot[];
  contacts: Contact[];
  due: Contact | null;
  values: FormValues;
  errors: FieldErrors;
}

function ContactForm(props: { c: Context<PageEnv>; d: EmployerPageData }) {
  const { c, d } = props;
  const t = c.var.t.employers;
  const e = d.errors;
  const v = d.values;
  return (
    <form method="post" action={`/employers/${d.organization.id}/contacts`} class="card soft" novalidate>
      <h3>{t.formHeading}</h3>
      <Csrf token={c.var.csrfToken} />
      <ErrorSummary
        errors={e}
        labels={{
          date: t.date,
          channel: t.channel,
          outcome: t.outcome,
          nextStep: t.nextStep,
          nextStepDate: t.nextStepDate,
        }}
        heading={c.var.t.common.formHasErrors}
      />
      <TextField name="date" type="date" label={t.date} value={v.get('date')} errors={e} required />
      <FieldSet name="channel" label={t.channel} errors={e} class="choices">
        {contactChannels.map((ch) => (
          <label>
            <input type="radio" name="channel" value={ch} checked={v.get('channel') === ch} />
            {t.channels[ch]}
          </label>
        ))}
      </FieldSet>
      <TextArea
        name="outcome"
        label={t.outcome}
        hint={t.outcomeHint}
        value={v.get('outcome')}
        rows={3}
        errors={e}
        required
      />
      <TextField name="nextStep" label={t.nextStep} value={v.get('nextStep')} errors={e} />
      <TextField
        name="nextStepDate"
        type="date"
        label={t.nextStepDate}
        value={v.get('nextStepDate')}
        errors={e}
      />
      <button type="submit">{t.log}</button>
    </form>
  );
}

export function employerPage(
  c: Context<PageEnv>,
  d: EmployerPageData,
  o: { notice?: string; status?: 200 | 400 } = {},
) {
  const all = c.var.t;
  const t = all.employers;
  const org = d.organization;
  return render(
    c,
    { title: t.detailTitle(org.name), status: o.status },
    <>
      <h1>{t.detailTitle(org.name)}</h1>
      {o.notice && <Notice>{o.notice}</Notice>}
      <dl class="facts">
        <dt>{all.account.organization}</dt>
        <dd>{org.kind === 'provider' ? org.name : `${org.name} (${t.kinds[org.kind]})`}</dd>
        <dt>{all.participants.municipality}</dt>
        <dd>{placeName(org.municipalityCode)}</dd>
        <dt>{all.account.email}</dt>
        <dd>
          <a href={`mailto:${org.contactEmail}`}>{org.contactEmail}</a>
        </dd>
      </dl>
      {d.due && (
        <Notice kind="warn">{`${t.dueHeading}: ${t.nextStepLine(d.due.nextStep ?? '', d.due.nextStepDate ?? '')}`}</Notice>
      )}
      <section aria-labelledby="slots">
        <h2 id="slots">{t.slotsHeading}</h2>
        {d.slots.length === 0 ? (
          <p>{t.slotsNone}</p>
        ) : (
          <ul>
            {d.slots.map((s) => (
              <li>
                <a href={`/slots/${s.id}`}>{s.title}</a>
                {` · ${all.slots.kinds[s.kind]} · ${all.slots.hoursRange(s.hoursPerWeek.min, s.hoursPerWeek.max)}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="log-heading" id="log">
        <h2 id="log-heading">{t.logHeading}</h2>
        {d.contacts.length === 0 ? (
          <p>{t.logNone}</p>
        ) : (
          <ol class="plain">
            {d.contacts.map((x) => (
              <li class="card">
                <p>
                  <strong>{`${x.date} · ${t.channels[x.channel]}`}</strong>
                  {` · ${t.by}: ${x.loggedBy.name ?? '–'}`}
                </p>
                <p>{x.outcome}</p>
                {x.nextStep && <p>{t.nextStepLine(x.nextStep, x.nextStepDate ?? '–')}</p>}
              </li>
            ))}
          </ol>
        )}
        <ContactForm c={c} d={d} />
      </section>
    </>,
  );
}
