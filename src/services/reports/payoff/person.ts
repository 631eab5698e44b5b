/**
 * One person's calculation, term by term (`GET /v1/reports/payoff/person`): the inputs with their
 * sources, each yearly term with who gains it and how it is computed, and the totals. It is a worked
 * example, not data about anyone, so nothing in it needs protecting; it has the report shape so JSON,
 * CSV and pages show it like the others.
 */
import type { ProtectedReport, ProtectedTable } from '../protect';
import { protectTable } from '../protect';
import { type Cell, col, type Label, label, row, type Table } from '../table';
import {
  ASSUMPTIONS,
  type AssumptionKey,
  type Party,
  type PayoffAssumptions,
  partyLabels,
  personTerms,
  personValue,
  type Term,
} from './model';

const yes = label('Ja', 'Yes');
const no = label('Nej', 'No');
const payerLabels: Record<PayoffAssumptions['benefitPayer'], Label> = {
  municipality: label('Kommunen', 'The municipality'),
  state: label('Staten', 'The state'),
};

function assumptionCell(a: PayoffAssumptions, key: AssumptionKey): Cell {
  const v = a[key];
  if (typeof v === 'boolean') return v ? yes : no;
  if (key === 'benefitPayer') return payerLabels[a.benefitPayer];
  return v;
}

/** Every input, its value, the query parameter that changes it and where the default comes from. */
export function inputsTable(
  a: PayoffAssumptions,
  extra: { key: string; label: Label; value: number; unit: 'kr'; source: Label }[] = [],
): Table {
  const keys = Object.keys(ASSUMPTIONS) as AssumptionKey[];
  return {
    id: 'inputs',
    title: label('Antaganden och indata', 'Assumptions and inputs'),
    description: label(
      'Varje antagande kan ändras i frågan med parametern som står bredvid.',
      'Each assumption can be changed in the request with the parameter named beside it.',
    ),
    columns: [
      col.number('value', label('Värde', 'Value')),
      col.text('parameter', label('Parameter', 'Parameter')),
      col.text('source', label('Källa', 'Source')),
    ],
    rows: [
      ...keys.map((k) => {
        const info = ASSUMPTIONS[k];
        return row(
          k,
          info.label,
          { value: assumptionCell(a, k), parameter: k, source: info.source },
          info.unit ?? undefined,
        );
      }),
      ...extra.map((x) =>
        row(x.key, x.label, { value: x.value, parameter: x.key, source: x.source }, x.unit),
      ),
    ],
  };
}

export function termsTable(terms: readonly Term[], title: Label): Table {
  return {
    id: 'terms',
    title,
    columns: [
      col.number('yearly', label('Per år', 'Per year'), 'kr'),
      col.number('monthly', label('Per månad', 'Per month'), 'kr'),
      col.text('society', label('Räknas för samhället', 'Counted for society')),
      col.text('party', label('Till', 'To')),
      col.text('how', label('Så räknas det', 'How it is computed')),
    ],
    rows: terms.map((t) =>
      row(t.key, t.label, {
        yearly: t.yearly,
        monthly: Math.round(t.yearly / 12),
        society: t.society ? yes : no,
        party: t.party ? partyLabels[t.party] : label('–', '–'),
        how: t.how,
      }),
    ),
  };
}

const parties: readonly Party[] = ['municipality', 'state', 'person', 'agreement'];

export function totalsTable(terms: readonly Term[]): Table {
  const v = personValue(terms);
  const tax = terms.find((t) => t.key === 'municipal_tax')?.yearly ?? 0;
  const cells = (yearly: number) => ({ yearly, monthly: Math.round(yearly / 12) });
  return {
    id: 'totals',
    title: label('Summa per år', 'Totals per year'),
    description: label(
      'Samhällets värde är summan av termerna som räknas för samhället; parternas är det var och en får.',
      'Society’s value is the sum of the terms counted for society; each party’s is what it gains.',
    ),
    columns: [
      col.number('yearly', label('Per år', 'Per year'), 'kr'),
      col.number('monthly', label('Per månad', 'Per month'), 'kr'),
    ],
    rows: [
      row('society', label('Samhället', 'Society'), cells(v.society)),
      ...parties.map((p) => row(p, partyLabels[p], cells(v.byParty(p)))),
      row('municipal_tax', label('varav kommunalskatt', 'of which municipal tax'), cells(tax)),
    ],
    chart: { kind: 'bars', value: 'yearly', rows: ['society', ...parties] },
  };
}

export function personPayoffReport(a: PayoffAssumptions, providerId: string, now: string): ProtectedReport {
  const terms = personTerms(a);
  const tables: ProtectedTable[] = [
    inputsTable(a),
    termsTable(terms, label('En person, term för term', 'One person, term by term')),
    totalsTable(terms),
  ].map(protectTable);
  return {
    report: 'payoff_person',
    title: label('Samhällsekonomisk kalkyl för en person', 'Socio-economic calculation for one person'),
    scope: { providerId },
    population: 1,
    withheld: false,
    generatedAt: now,
    tables,
    notes: [
      label(
        'Ett räkneexempel efter Payoffs modell, inte uppgifter om någon person. Från ersättning till heltidsarbete utan lönestöd, under det första året.',
        'A worked example after Payoff’s model, not data about anyone. From a benefit to full-time work without wage subsidy, over the first year.',
      ),
    ],
  };
}
