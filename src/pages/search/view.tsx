/**
 * The slot search page: the form with its facets (counts beside each choice), the results with the
 * matched words marked, paging. Social enterprises' work-training capacity is listed beside slots,
 * marked as such and linked to its own page.
 */
import type { Context } from 'hono';
import { adaptationVocabulary, slotKinds } from '../../domain/vocabulary';
import { majorGroups, municipalityByCode, unitGroupByCode } from '../../reference';
import { listings } from '../../search/capacity-document';
import { type SlotSearchHit, searchSorts } from '../../search/port';
import type { Participant } from '../../services/participants/index';
import type { SearchPage } from '../../services/search/service';
import type { PageEnv } from '../env';
import { ErrorSummary, FieldSet, fieldId, SelectField, TextField } from '../ui/form';
import { inLang } from '../ui/format';
import { render } from '../ui/layout';
import { mayChange } from '../ui/roles';
import type { FieldErrors } from '../ui/validate';
import type { QueryValues } from './index';

export type DistanceFrom =
  | { kind: 'none' | 'missing' }
  | { kind: 'municipality'; near: string }
  | { kind: 'participant'; participant: Participant; near: string };

export interface SearchData {
  values: QueryValues;
  people: Participant[];
  from: DistanceFrom;
  result: SearchPage | null;
  errors: FieldErrors;
  offset: number;
}

/** "label (n)" when the facet counted it; chosen values stay listed even at 0. */
const withCount = (t: PageEnv['Variables']['t'], label: string, n: number | undefined) =>
  n === undefined ? label : t.search.count(label, n);

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescapeHtml = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => entities[e]!);

/**
 * A hit's highlight (escaped text with `<mark>` around matched words) as elements: split at the
 * marks and unescaped, so JSX escapes the text once again and nothing from the index is ever markup.
 */
export function Marked(props: { html: string }) {
  const parts = props.html.split(/(<mark>|<\/mark>)/);
  let marked = false;
  const out = [];
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) out.push(marked ? <mark>{unescapeHtml(part)}</mark> : unescapeHtml(part));
  }
  return <>{out}</>;
}

/**
 * A list of several choices (`<select multiple>`), laid out as the form's other fields: every
 * chosen value goes in the query as its own parameter, so it works without a script.
 */
function MultiSelect(props: {
  name: string;
  label: string;
  hint: string;
  values: string[];
  options: { value: string; label: string }[];
  errors: FieldErrors;
}) {
  const id = fieldId(props.name);
  const error = props.errors[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select
        id={id}
        name={props.name}
        multiple
        size={Math.min(6, Math.max(2, props.options.length))}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={props.values.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Facets(props: { c: Context<PageEnv>; d: SearchData }) {
  const { c, d } = props;
  const all = c.var.t;
  const t = all.search;
  const v = d.values;
  const f = d.result?.facets;
  const chosenMunicipalities = v.all('municipalityCode').filter((code) => municipalityByCode.has(code));
  const municipalityCodes = [
    ...new Set([...chosenMunicipalities, ...Object.keys(f?.municipalityCode ?? {})]),
  ].sort((a, b) =>
    (municipalityByCode.get(a)?.name ?? a).localeCompare(municipalityByCode.get(b)?.name ?? b, 'sv'),
  );
  // Unit groups: those the facet counted within the chosen occupation area (all 429 would weigh
  // 30 KB), and the chosen one.
  const chosenGroup = v.get('ssyk');
  const major = v.get('majorGroup');
  const groupCodes = [
    ...new Set([
      ...(unitGroupByCode.has(chosenGroup) ? [chosenGroup] : []),
      ...(major ? Object.keys(f?.ssyk ?? {}).filter((code) => code.startsWith(major)) : []),
    ]),
  ].sort();
  return (
    <>
      <div class="pair">
        <SelectField
          name="majorGroup"
          label={t.occupation}
          blank={all.slots.form.pick}
          value={v.get('majorGroup')}
          options={Object.entries(majorGroups).map(([code, label]) => ({
            value: code,
            label: withCount(all, label, f?.majorGroup[code]),
          }))}
          errors={d.errors}
        />
        <SelectField
          name="ssyk"
          label={t.unitGroup}
          hint={t.unitGroupHint}
          blank={t.anyUnitGroup}
          value={chosenGroup}
          options={groupCodes.map((code) => ({
            value: code,
            label: withCount(all, `${unitGroupByCode.get(code)?.label ?? code} (${code})`, f?.ssyk[code]),
          }))}
          errors={d.errors}
        />
        <SelectField
          name="kind"
          label={t.kind}
          blank={all.slots.form.pick}
          value={v.get('kind')}
          options={slotKinds.map((k) => ({
            value: k,
            label: withCount(all, all.slots.kinds[k], f?.kind[k]),
          }))}
          errors={d.errors}
        />
      </div>
      <MultiSelect
        name="municipalityCode"
        label={t.municipality}
        hint={t.municipalityHint}
        values={chosenMunicipalities}
        options={municipalityCodes.map((code) => ({
          value: code,
          label: withCount(all, municipalityByCode.get(code)?.name ?? code, f?.municipalityCode[code]),
        }))}
        errors={d.errors}
      />
      <FieldSet name="adaptations" label={t.adaptations} errors={d.errors} class="choices cols-2">
        {adaptationVocabulary.map((a) => (
          <label>
            <input
              type="checkbox"
              name="adaptations"
              value={a.code}
              checked={v.all('adaptations').includes(a.code)}
            />
            {withCount(all, inLang(all, a), f?.adaptations[a.code])}
          </label>
        ))}
      </FieldSet>
      <div class="pair">
        <SelectField
          name="from"
          label={t.distanceFrom}
          blank={t.distanceNone}
          value={v.get('from')}
          options={[
            { value: 'municipality', label: t.fromMunicipality },
            ...d.people.map((p) => ({ value: p.id, label: t.fromParticipant(p.reference) })),
          ]}
          errors={d.errors}
        />
        <TextField
          name="radiusKm"
          type="number"
          inputmode="numeric"
          label={t.radius}
          value={v.get('radiusKm')}
          min={1}
          max={1000}
          errors={d.errors}
        />
        <TextField
          name="hours"
          type="number"
          inputmode="decimal"
          label={t.hours}
          value={v.get('hours')}
          min={0}
          max={60}
          errors={d.errors}
        />
        <SelectField
          name="sort"
          label={t.sort}
          blank={all.slots.form.pick}
          value={v.get('sort')}
          options={searchSorts.map((s) => ({ value: s, label: t.sorts[s] }))}
          errors={d.errors}
        />
      </div>
      <div class="choices">
        <label>
          <input type="checkbox" name="leadsToHire" value="true" checked={v.has('leadsToHire')} />
          {t.leadsToHire}
        </label>
        <label>
          <input type="checkbox" name="includeFull" value="true" checked={v.has('includeFull')} />
          {t.includeFull}
        </label>
      </div>
    </>
  );
}

function Hit(props: {
  c: Context<PageEnv>;
  h: SlotSearchHit;
  participant: Participant | null;
  words: boolean;
}) {
  const { c, h, participant } = props;
  const all = c.var.t;
  const t = all.search;
  const capacity = h.listing === 'capacity';
  return (
    <li class="card">
      <h3>
        <a href={capacity ? `/capacity/${h.id}` : `/slots/${h.id}`}>
          <Marked html={h.highlight.title} />
        </a>
      </h3>
      {capacity && <p class="badge">{t.capacityBadge}</p>}
      <p>
        {[
          h.organization.name,
          h.municipality.name ?? h.municipality.code,
          capacity ? null : all.slots.kinds[h.kind],
          all.slots.hoursRange(h.hoursPerWeek.min, h.hoursPerWeek.max),
          t.freePlaces(h.freePlaces),
          h.distanceKm === null ? null : t.km(Math.round(h.distanceKm * 10) / 10),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {props.words && h.highlight.snippet.includes('<mark>') && (
        <p>
          <Marked html={h.highlight.snippet} />
        </p>
      )}
      {capacity ? (
        <p>
          {`${t.capacityNote} `}
          <a href={`/employers/${h.organization.id}`}>{t.contact(h.organization.name)}</a>
        </p>
      ) : (
        participant &&
        mayChange(c) && (
          <p>
            <a class="button secondary" href={`/participants/${participant.id}/propose?slot=${h.id}`}>
              {`${all.participants.propose}: ${participant.reference}`}
            </a>
          </p>
        )
      )}
    </li>
  );
}

function Results(props: { c: Context<PageEnv>; d: SearchData }) {
  const { c, d } = props;
  const all = c.var.t;
  const t = all.search;
  const r = d.result;
  if (!r) return null;
  const participant = d.from.kind === 'participant' ? d.from.participant : null;
  const pageLink = (cursor: string | null) => {
    const url = new URL(d.values.url);
    url.searchParams.delete('cursor');
    if (cursor) url.searchParams.set('cursor', cursor);
    return `${url.pathname}${url.search}`;
  };
  return (
    <section aria-labelledby="results">
      <h2 id="results" aria-live="polite">
        {t.results(r.total, r.totalExact)}
      </h2>
      <ol class="plain" start={d.offset + 1}>
        {r.hits.map((h) => (
          <Hit c={c} h={h} participant={participant} words={d.values.get('q') !== ''} />
        ))}
      </ol>
      <nav class="actions" aria-label={t.title}>
        {d.offset > 0 && <a href={pageLink(null)}>{t.first}</a>}
        {r.nextCursor && <a href={pageLink(r.nextCursor)}>{t.next}</a>}
      </nav>
    </section>
  );
}

export function searchPage(c: Context<PageEnv>, d: SearchData) {
  const all = c.var.t;
  const t = all.search;
  const labels = {
    q: t.q,
    majorGroup: t.occupation,
    ssyk: t.unitGroup,
    listing: t.listing,
    kind: t.kind,
    municipalityCode: t.municipality,
    adaptations: t.adaptations,
    from: t.distanceFrom,
    radiusKm: t.radius,
    near: t.distanceFrom,
    hours: t.hours,
    sort: t.sort,
    cursor: t.next,
  };
  return render(
    c,
    { title: t.title, status: Object.keys(d.errors).length ? 400 : 200 },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form method="get" action="/search" novalidate>
        <ErrorSummary errors={d.errors} labels={labels} heading={all.common.formHasErrors} />
        <TextField
          name="q"
          type="search"
          label={t.q}
          hint={t.qHint}
          value={d.values.get('q')}
          errors={d.errors}
        />
        <SelectField
          name="listing"
          label={t.listing}
          value={d.values.get('listing')}
          blank={t.listings.both}
          options={listings.map((l) => ({ value: l, label: t.listings[l] }))}
          errors={d.errors}
        />
        <details open={Object.keys(d.errors).length > 0 || d.values.url.search.length > 0}>
          <summary>{t.filters}</summary>
          <Facets c={c} d={d} />
        </details>
        <div class="actions">
          <button type="submit">{t.submit}</button>
          <a href="/search">{t.clear}</a>
        </div>
      </form>
      <Results c={c} d={d} />
    </>,
  );
}
