/** The slot search page: the form with its facets (counts beside each choice), the results, paging. */
import type { Context } from 'hono';
import { adaptationVocabulary, slotKinds } from '../../domain/vocabulary';
import { majorGroups, municipalityByCode } from '../../reference';
import { searchSorts } from '../../search/port';
import type { Participant } from '../../services/participants/index';
import type { SearchPage } from '../../services/search/service';
import type { PageEnv } from '../env';
import { ErrorSummary, FieldSet, SelectField, TextField } from '../ui/form';
import { inLang } from '../ui/format';
import { render } from '../ui/layout';
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

function Facets(props: { c: Context<PageEnv>; d: SearchData }) {
  const { c, d } = props;
  const all = c.var.t;
  const t = all.search;
  const v = d.values;
  const f = d.result?.facets;
  const chosenMunicipality = v.all('municipalityCode')[0] ?? '';
  const municipalityCodes = [
    ...new Set([
      ...(chosenMunicipality ? [chosenMunicipality] : []),
      ...Object.keys(f?.municipalityCode ?? {}),
    ]),
  ].sort((a, b) =>
    (municipalityByCode.get(a)?.name ?? a).localeCompare(municipalityByCode.get(b)?.name ?? b, 'sv'),
  );
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
        <SelectField
          name="municipalityCode"
          label={t.municipality}
          blank={t.anyMunicipality}
          value={chosenMunicipality}
          options={municipalityCodes.map((code) => ({
            value: code,
            label: withCount(all, municipalityByCode.get(code)?.name ?? code, f?.municipalityCode[code]),
          }))}
          errors={d.errors}
        />
      </div>
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
          <li class="card">
            <h3>
              <a href={`/slots/${h.id}`}>{h.title}</a>
            </h3>
            <p>
              {[
                h.organization.name,
                h.municipality.name ?? h.municipality.code,
                all.slots.kinds[h.kind],
                all.slots.hoursRange(h.hoursPerWeek.min, h.hoursPerWeek.max),
                t.freePlaces(h.freePlaces),
                h.distanceKm === null ? null : t.km(Math.round(h.distanceKm * 10) / 10),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {participant && (
              <p>
                <a class="button secondary" href={`/participants/${participant.id}/propose?slot=${h.id}`}>
                  {`${all.participants.propose}: ${participant.reference}`}
                </a>
              </p>
            )}
          </li>
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
