/** The follow-up pages' JSX: the list of reports, the filters, and a protected report as tables and charts. */
import type { Context } from 'hono';
import type { ProtectedReport } from '../../services/reports/protect';
import type { PageEnv } from '../env';
import type { Catalogue } from '../i18n';
import { ErrorSummary, SelectField, TextField } from '../ui/form';
import { inLang } from '../ui/format';
import { render } from '../ui/layout';
import type { FieldErrors } from '../ui/validate';
import { cellText, type ShownTable } from './cells';
import { Chart } from './chart';

export const reportKinds = ['outcomes', 'fidelity', 'supply', 'payoff', 'person'] as const;
export type ReportKind = (typeof reportKinds)[number];

export interface Choices {
  handlers: { id: string; name: string }[];
  municipalities: { code: string; name: string }[];
}

export function indexPage(c: Context<PageEnv>) {
  const t = c.var.t.followUp;
  return render(
    c,
    { title: t.title },
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ul class="reports">
        {reportKinds.map((k) => (
          <li>
            <a href={`/follow-up/${k}`}>{t.reports[k]}</a>
            <p class="hint">{t.descriptions[k]}</p>
          </li>
        ))}
      </ul>
      <p>
        <a class="button secondary" href="/follow-up/sus-export/csv" download>
          {t.susCsv}
        </a>
      </p>
    </>,
  );
}

function Filters(props: {
  t: Catalogue;
  kind: ReportKind;
  values: Record<string, string>;
  choices: Choices;
  errors: FieldErrors;
}) {
  const { t, kind, values, choices, errors } = props;
  const f = t.followUp;
  const period = kind !== 'supply' && kind !== 'person';
  const labels = {
    from: f.from,
    to: f.to,
    handlerId: f.handler,
    municipalityCode: f.municipality,
    benefitMonthly: f.benefitMonthly,
    salaryMonthly: f.salaryMonthly,
  };
  return (
    <form method="get" action={`/follow-up/${kind}`} class="card soft filters">
      <h2>{f.filters}</h2>
      <ErrorSummary errors={errors} labels={labels} heading={t.common.formHasErrors} />
      <div class="pair">
        {period && <TextField name="from" type="date" label={f.from} value={values.from} errors={errors} />}
        {period && <TextField name="to" type="date" label={f.to} value={values.to} errors={errors} />}
        {kind === 'person' && (
          <>
            <TextField
              name="benefitMonthly"
              type="number"
              min={0}
              label={f.benefitMonthly}
              value={values.benefitMonthly}
              errors={errors}
            />
            <TextField
              name="salaryMonthly"
              type="number"
              min={0}
              label={f.salaryMonthly}
              value={values.salaryMonthly}
              errors={errors}
            />
          </>
        )}
        {kind !== 'person' && choices.handlers.length > 1 && (
          <SelectField
            name="handlerId"
            label={f.handler}
            blank={f.allHandlers}
            value={values.handlerId}
            options={choices.handlers.map((h) => ({ value: h.id, label: h.name }))}
            errors={errors}
          />
        )}
        {kind !== 'person' && (
          <SelectField
            name="municipalityCode"
            label={f.municipality}
            blank={f.allMunicipalities}
            value={values.municipalityCode}
            options={choices.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            errors={errors}
          />
        )}
      </div>
      <button type="submit">{kind === 'person' ? f.calculate : f.show}</button>
    </form>
  );
}

function ReportTable(props: { table: ShownTable; t: Catalogue }) {
  const { table, t } = props;
  const id = `table-${table.id}`;
  return (
    <section aria-labelledby={id} class="report-table">
      <h2 id={id}>{inLang(t, table.title)}</h2>
      {table.description && <p class="hint">{inLang(t, table.description)}</p>}
      <Chart table={table} t={t} />
      <section class="grid-scroll" tabindex={0} aria-label={inLang(t, table.title)}>
        <table>
          <thead>
            <tr>
              <td />
              {table.columns.map((c) => (
                <th scope="col">{inLang(t, c.label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr>
                <th scope="row">{inLang(t, r.label)}</th>
                {table.columns.map((c) => (
                  <td class={c.kind === 'text' ? undefined : 'num'}>
                    {cellText(r.cells[c.id] ?? null, c, r.unit, t)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

export function reportPage(
  c: Context<PageEnv>,
  o: {
    kind: ReportKind;
    values: Record<string, string>;
    choices: Choices;
    errors: FieldErrors;
    report: ProtectedReport | null;
    csvQuery: string;
  },
) {
  const t = c.var.t;
  const f = t.followUp;
  const r = o.report;
  return render(
    c,
    { title: f.reports[o.kind], status: r ? 200 : 400 },
    <>
      <p>
        <a href="/follow-up">{f.back}</a>
      </p>
      <h1>{f.reports[o.kind]}</h1>
      <Filters t={t} kind={o.kind} values={o.values} choices={o.choices} errors={o.errors} />
      {r && (
        <>
          {r.period && <p>{f.period(r.period.from, r.period.to)}</p>}
          {o.kind !== 'person' && <p>{f.people(r.population)}</p>}
          <p>
            <a class="button secondary" href={`/follow-up/${o.kind}/csv?${o.csvQuery}`} download>
              {f.csv}
            </a>
          </p>
          {r.message && <p class="notice warn">{inLang(t, r.message)}</p>}
          {r.tables.map((table) => (
            <ReportTable table={table} t={t} />
          ))}
          <h2>{f.notes}</h2>
          <ul>
            {r.notes.map((n) => (
              <li>{inLang(t, n)}</li>
            ))}
          </ul>
        </>
      )}
    </>,
  );
}
