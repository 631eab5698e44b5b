/**
 * The programme's socio-economic estimate over a period, after Payoff: the value released in the 12
 * months after by the period's exits, against the cost of exclusion in the 12 months before and the
 * programme's cost; verkningsgrad (value ÷ cost of exclusion), payback time in months and cost per
 * percent of verkningsgrad. Pure: exits in, tables out. Every input is in the answer's first table.
 *
 * Counted: exits to unsubsidized and subsidized work, each valued as one person's move (model.ts)
 * for the months they are known to be in work: 12, unless a follow-up at 3, 6 or 12 months found
 * them out of work, when the count stops at the milestone before (0, 3 or 6). A follow-up not
 * answered or not reached leaves the 12 months. Exits to studies, job-seeking or other count 0 in
 * the first year (Payoff's five-year forecast is not made here).
 */
import { type OutcomeCategory, outcomeCategories } from '../../../../db/schema';
import { outcomeLabels } from '../../placements/labels';
import type { Period } from '../facts';
import { countBy } from '../stats';
import { col, label, type Report, type ReportScope, row, type Table } from '../table';
import { type PayoffAssumptions, personTerms, personValue } from './model';
import { inputsTable, termsTable } from './person';

export interface PayoffExit {
  outcome: OutcomeCategory;
  /** Follow-ups of the exit: months → situation (null: not answered). */
  followUps: { months: number; situation: string | null }[];
}

export interface ProgrammeInputs {
  costPerParticipant: number;
  potentialYearly: number;
}

export const DEFAULT_PROGRAMME: ProgrammeInputs = { costPerParticipant: 80000, potentialYearly: 600000 };

const WORK = new Set(['unsubsidized_work', 'subsidized_work']);

/** Months of the first year after the exit the person is known to be in work. */
export function monthsInWork(exit: PayoffExit): number {
  if (!WORK.has(exit.outcome)) return 0;
  let before = 0;
  for (const f of [...exit.followUps].sort((a, b) => a.months - b.months)) {
    if (f.situation !== null && f.situation !== 'not_reached' && !WORK.has(f.situation)) return before;
    before = f.months;
  }
  return 12;
}

export function payoffReport(f: {
  scope: ReportScope;
  period: Period;
  now: string;
  exits: PayoffExit[];
  assumptions: PayoffAssumptions;
  programme: ProgrammeInputs;
}): Report {
  const a = f.assumptions;
  const unsubsidized = personValue(personTerms(a, false));
  const subsidized = personValue(personTerms(a, true));
  let society = 0;
  let municipality = 0;
  let months = 0;
  for (const e of f.exits) {
    const m = monthsInWork(e);
    const v = e.outcome === 'subsidized_work' ? subsidized : unsubsidized;
    society += (v.society * m) / 12;
    municipality += (v.municipality * m) / 12;
    months += m;
  }
  const n = f.exits.length;
  const exclusion = n * f.programme.potentialYearly;
  const cost = n * f.programme.costPerParticipant;
  const efficiency = exclusion > 0 ? society / exclusion : null;
  const payback = society > 0 ? cost / (society / 12) : null;
  const perPercent = efficiency ? f.programme.costPerParticipant / (efficiency * 100) : null;
  const r = (x: number | null, d = 0) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

  const counts = countBy(
    outcomeCategories,
    f.exits.map((e) => e.outcome),
  );
  const exitsTable: Table = {
    id: 'exits',
    title: label('Avslut under perioden', 'Exits in the period'),
    description: label(
      'Avslut till arbete räknas med de månader personen är känd i arbete (uppföljningarna efter 3, 6 och 12 månader); övriga avslut räknas 0 det första året.',
      'Exits to work count for the months the person is known to be in work (the follow-ups at 3, 6 and 12 months); other exits count 0 in the first year.',
    ),
    columns: [col.people('count', label('Antal', 'Count'))],
    rows: [
      ...outcomeCategories.map((c) => row(c, outcomeLabels[c], { count: counts.get(c) ?? 0 })),
      row('total', label('Alla avslut', 'All exits'), { count: n }),
    ],
    partition: { total: 'total', parts: [...outcomeCategories] },
    chart: { kind: 'bars', value: 'count', rows: [...outcomeCategories] },
  };

  const fig = (
    key: string,
    l: ReturnType<typeof label>,
    value: number | null,
    unit: 'kr' | 'percent' | 'months',
    how: ReturnType<typeof label>,
  ) => row(key, l, { value, how }, unit);
  const keyFigures: Table = {
    id: 'key_figures',
    title: label('Nyckeltal', 'Key figures'),
    description: label(
      'Efter Payoffs nyckeltal: värdet som frigörs de 12 månaderna efter avslutet mot kostnaden för utanförskapet de 12 månaderna före.',
      'After Payoff’s key figures: the value released in the 12 months after the exit against the cost of exclusion in the 12 months before.',
    ),
    columns: [
      col.number('value', label('Värde', 'Value')),
      col.text('how', label('Så räknas det', 'How it is computed')),
    ],
    rows: [
      fig(
        'value_society',
        label('Värde för samhället, 12 månader efter', 'Value to society, 12 months after'),
        r(society),
        'kr',
        label(
          'Summan över avsluten till arbete av en persons värde × månader i arbete ÷ 12.',
          'The sum over exits to work of one person’s value × months in work ÷ 12.',
        ),
      ),
      fig(
        'value_municipality',
        label('Värde för kommunen, 12 månader efter', 'Value to the municipality, 12 months after'),
        r(municipality),
        'kr',
        label(
          'Samma för kommunens del (ersättning, handläggning, skatt).',
          'The same for the municipality’s part (benefit, handling, tax).',
        ),
      ),
      fig(
        'months_in_work',
        label('Månader i arbete, sammanlagt', 'Months in work, in total'),
        months,
        'months',
        label('Över alla avslut till arbete.', 'Over every exit to work.'),
      ),
      fig(
        'exclusion_cost',
        label('Kostnad för utanförskapet, 12 månader före', 'Cost of exclusion, 12 months before'),
        r(exclusion),
        'kr',
        label('Avslut × potential per person och år.', 'Exits × potential per person and year.'),
      ),
      fig(
        'programme_cost',
        label('Insatsens kostnad', 'Programme cost'),
        r(cost),
        'kr',
        label('Avslut × kostnad per deltagare.', 'Exits × cost per participant.'),
      ),
      fig(
        'profitability',
        label('Lönsamhet första året', 'Profitability in the first year'),
        r(society - cost),
        'kr',
        label('Värde för samhället − insatsens kostnad.', 'Value to society − programme cost.'),
      ),
      fig(
        'efficiency',
        label('Verkningsgrad', 'Verkningsgrad (efficiency)'),
        r(efficiency, 3),
        'percent',
        label(
          'Värde för samhället ÷ kostnad för utanförskapet. Payoff: AMT 26 %, TUNA 13 %, Balder 12 %.',
          'Value to society ÷ cost of exclusion. Payoff: AMT 26 %, TUNA 13 %, Balder 12 %.',
        ),
      ),
      fig(
        'payback_months',
        label('Återbetalningstid', 'Payback time'),
        r(payback, 1),
        'months',
        label('Insatsens kostnad ÷ värdet per månad.', 'Programme cost ÷ value per month.'),
      ),
      fig(
        'cost_per_percent',
        label('Kostnad per procent verkningsgrad', 'Cost per percent of verkningsgrad'),
        r(perPercent),
        'kr',
        label(
          'Kostnad per deltagare ÷ verkningsgrad i procent.',
          'Cost per participant ÷ verkningsgrad in percent.',
        ),
      ),
    ],
  };

  return {
    report: 'payoff',
    title: label('Samhällsekonomisk uppskattning', 'Socio-economic estimate'),
    period: f.period,
    scope: f.scope,
    population: n,
    generatedAt: f.now,
    tables: [
      inputsTable(a, [
        {
          key: 'costPerParticipant',
          label: label('Kostnad per deltagare', 'Cost per participant'),
          value: f.programme.costPerParticipant,
          unit: 'kr',
          source: label(
            'Payoffs databas: i snitt omkring 80 000 kr (15 000–300 000).',
            'Payoff’s database: about 80,000 kr on average (15,000–300,000).',
          ),
        },
        {
          key: 'potentialYearly',
          label: label('Potential: utanförskapets kostnad per år', 'Potential: yearly cost of exclusion'),
          value: f.programme.potentialYearly,
          unit: 'kr',
          source: label(
            'Payoff: omkring 600 000 kr per person och år.',
            'Payoff: about 600,000 kr per person and year.',
          ),
        },
      ]),
      keyFigures,
      exitsTable,
      termsTable(
        personTerms(a),
        label(
          'En person till arbete utan lönestöd, per år',
          'One person to work without wage subsidy, per year',
        ),
      ),
    ],
    notes: [
      label(
        'En uppskattning efter Payoffs modell från det som registrerats: den visar storleksordningen, inte en utvärdering.',
        'An estimate after Payoff’s model from what is recorded: it shows the order of magnitude, not an evaluation.',
      ),
    ],
  };
}
