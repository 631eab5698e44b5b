/**
 * IPS process figures: the items of the IPS-25 fidelity scale that recorded events can show, each with
 * its figure, the IPS threshold (the scale's top anchor, or the registry's reading of it where the
 * anchor says "most" or "all") and how it is computed. Pure: facts in, tables out.
 *
 * The Swedish IPS trial found that internships delayed the first competitive job, so the last item
 * compares the time to a first competitive job after a trial with the time when the first start was
 * a job: whether trials lead on or hold back.
 */
import type { SlotKind } from '../../domain/vocabulary';
import { addDays } from '../../lib/local-time';
import {
  activeIn,
  inPeriod,
  type MilestoneFact,
  type ParticipantFact,
  type Period,
  type PlacementFact,
} from './facts';
import type { Caseload, FollowAlongFact } from './fidelity-facts';
import { TRIAL_KINDS } from './outcomes';
import { daysBetween, mean, median, round1 } from './stats';
import { col, type Label, label, type Report, type ReportScope, row, type Table, type Unit } from './table';

export interface FidelityFacts {
  scope: ReportScope;
  period: Period;
  now: string;
  today: string;
  participants: ParticipantFact[];
  placements: PlacementFact[];
  caseloads: Caseload[];
  contacts: { userId: string; contacts: number }[];
  followAlong: FollowAlongFact[];
  milestones: MilestoneFact[];
}

interface Item {
  key: string;
  label: Label;
  figure: number | null;
  unit: Unit;
  /** How many people (or placements) the figure is taken over. */
  n: number;
  /** `max`: the figure should be at most the threshold; `min`: at least. */
  threshold: { value: number; direction: 'max' | 'min' } | null;
  target: Label;
  how: Label;
}

const JOB_KINDS: readonly SlotKind[] = ['subsidized_job', 'competitive_job'];
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const yes = label('Ja', 'Yes');
const no = label('Nej', 'No');

function meets(i: Item): Label | null {
  if (i.figure === null || !i.threshold) return null;
  const ok = i.threshold.direction === 'max' ? i.figure <= i.threshold.value : i.figure >= i.threshold.value;
  return ok ? yes : no;
}

/** Check-in days after the start, for one placement. */
const daysOf = (f: FollowAlongFact) => f.checkIns.map((d) => daysBetween(f.start, d));

/** No gap over 35 days between follow-along contacts after the first month (day 28) to the stop. */
function monthlyAfterFirstMonth(f: FollowAlongFact) {
  const days = [28, ...daysOf(f).filter((d) => d >= 28), daysBetween(f.start, f.stop)];
  return days.every((d, i) => i === 0 || d - days[i - 1]! <= 35);
}

function followAlongItems(f: FidelityFacts): Item[] {
  const { today } = f;
  const length = (x: FollowAlongFact) => daysBetween(x.start, x.stop);
  const first = f.followAlong.filter((x) => length(x) >= 3 && x.start <= addDays(today, -3));
  const month = f.followAlong.filter((x) => length(x) >= 28);
  const long = f.followAlong.filter((x) => length(x) >= 63);
  const hires = f.milestones.filter((m) => m.cause === 'hire' && m.months === 3 && m.dueDate <= today);
  const n3 = first.filter((x) => daysOf(x).some((d) => d <= 3)).length;
  const weekly = month.filter((x) => {
    const weeks = new Set(
      daysOf(x)
        .filter((d) => d < 28)
        .map((d) => Math.floor(d / 7)),
    );
    return weeks.size === 4;
  }).length;
  const most = (sv: string, en: string) => label(`≥ 80 % (${sv})`, `≥ 80 % (${en})`);
  return [
    {
      key: 'contact_within_3_days',
      label: label('Kontakt inom 3 dagar efter start', 'Contact within 3 days of a start'),
      figure: share(n3, first.length),
      unit: 'percent',
      n: first.length,
      threshold: { value: 0.8, direction: 'min' },
      target: most('de flesta', 'most'),
      how: label(
        'Placeringar som startade under perioden (minst 3 dagar sedan): andel med en uppföljning (check-in) dag 0–3. IPS-25, tidsobegränsat stöd.',
        'Placements started in the period (at least 3 days ago): the share with a check-in on days 0–3. IPS-25, time-unlimited follow-along supports.',
      ),
    },
    {
      key: 'weekly_first_month',
      label: label('Varje vecka första månaden', 'Weekly in the first month'),
      figure: share(weekly, month.length),
      unit: 'percent',
      n: month.length,
      threshold: { value: 0.8, direction: 'min' },
      target: most('de flesta', 'most'),
      how: label(
        'Placeringar som pågått minst 28 dagar: andel med en uppföljning i var och en av de fyra första veckorna.',
        'Placements that have run at least 28 days: the share with a check-in in each of the first four weeks.',
      ),
    },
    {
      key: 'monthly_after_first_month',
      label: label('Stödet fortsätter, minst varje månad', 'Support continues, at least monthly'),
      figure: share(long.filter(monthlyAfterFirstMonth).length, long.length),
      unit: 'percent',
      n: long.length,
      threshold: { value: 0.8, direction: 'min' },
      target: most('de flesta', 'most'),
      how: label(
        'Placeringar som pågått minst 63 dagar: andel utan glapp över 35 dagar mellan uppföljningar efter första månaden (tidsobegränsat stöd).',
        'Placements that have run at least 63 days: the share with no gap over 35 days between check-ins after the first month (time-unlimited support).',
      ),
    },
    {
      key: 'support_after_hire',
      label: label('Stödet fortsätter efter anställning', 'Support continues after a hire'),
      figure: share(hires.filter((m) => m.situation !== null).length, hires.length),
      unit: 'percent',
      n: hires.length,
      threshold: { value: 0.8, direction: 'min' },
      target: most('de flesta', 'most'),
      how: label(
        'Anställningar under perioden vars uppföljning efter 3 månader fallit ut: andel där den är besvarad.',
        'Hires in the period whose 3-month follow-up has fallen due: the share where it was answered.',
      ),
    },
  ];
}

function placementItems(f: FidelityFacts): Item[] {
  const started = f.placements.filter((x) => inPeriod(x.startDate, f.period));
  const withSsyk = started.filter((x) => x.ssyk !== null);
  const hires = f.placements.filter((x) => x.hired && inPeriod(x.endDate, f.period));
  const jobs = started.filter((x) => JOB_KINDS.includes(x.kind)).length + hires.length;
  const competitive =
    started.filter((x) => x.kind === 'competitive_job').length +
    hires.filter((x) => x.outcome === 'unsubsidized_work').length;
  return [
    {
      key: 'employer_diversity',
      label: label('Olika arbetsgivare', 'Diversity of employers'),
      figure: share(new Set(started.map((x) => x.employerId)).size, started.length),
      unit: 'percent',
      n: started.length,
      threshold: { value: 0.85, direction: 'min' },
      target: label('≥ 85 %', '≥ 85 %'),
      how: label(
        'Placeringar som startade under perioden: antal olika arbetsgivare delat med antal placeringar. IPS-25, mångfald av arbetsgivare.',
        'Placements started in the period: the number of different employers over the number of placements. IPS-25, diversity of employers.',
      ),
    },
    {
      key: 'occupation_diversity',
      label: label('Olika yrken (SSYK)', 'Diversity of occupations (SSYK)'),
      figure: share(new Set(withSsyk.map((x) => x.ssyk)).size, withSsyk.length),
      unit: 'percent',
      n: withSsyk.length,
      threshold: { value: 0.85, direction: 'min' },
      target: label('≥ 85 %', '≥ 85 %'),
      how: label(
        'Placeringar som startade under perioden på platser med SSYK-kod: antal olika yrkesgrupper delat med antal placeringar. IPS-25, mångfald av arbeten.',
        'Placements started in the period on slots with an SSYK code: the number of different occupation groups over the number of placements. IPS-25, diversity of job types.',
      ),
    },
    {
      key: 'competitive_jobs',
      label: label('Andel anställningar på vanliga villkor', 'Share of competitive jobs'),
      figure: share(competitive, jobs),
      unit: 'percent',
      n: jobs,
      threshold: { value: 0.95, direction: 'min' },
      target: label('≥ 95 %', '≥ 95 %'),
      how: label(
        'Anställningar under perioden (starter på platser som är anställningar och anställningar vid en placerings slut): andel på vanliga villkor utan lönestöd. IPS-25, konkurrensutsatta arbeten.',
        'Jobs in the period (starts on job slots, and hires at the end of a placement): the share that are competitive, without a wage subsidy. IPS-25, competitive jobs.',
      ),
    },
  ];
}

function participantItems(f: FidelityFacts, active: ParticipantFact[]): Item[] {
  const cohort = active.filter((x) => inPeriod(x.registered, f.period));
  const days = (date: (x: ParticipantFact) => string | null) =>
    cohort.flatMap((x) => {
      const d = date(x);
      return d === null ? [] : [Math.max(0, daysBetween(x.registered, d))];
    });
  const toContact = days((x) => x.firstContact);
  const toJob = days((x) => x.firstCompetitiveJob);
  const handlers = f.caseloads.filter(
    (c) => c.active > 0 || f.contacts.some((k) => k.userId === c.handlerId),
  );
  const handlerIds = new Set(f.caseloads.map((c) => c.handlerId));
  const contacts = f.contacts.filter((k) => handlerIds.has(k.userId)).reduce((n, k) => n + k.contacts, 0);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings; Math.min would make them NaN
  const end = f.period.to < f.today ? f.period.to : f.today;
  const weeks = Math.max(1, daysBetween(f.period.from, end) + 1) / 7;
  return [
    {
      key: 'caseload',
      label: label('Deltagare per handledare', 'Caseload per handler'),
      figure: round1(mean(handlers.map((c) => c.active))),
      unit: 'people',
      n: handlers.reduce((n, c) => n + c.active, 0),
      threshold: { value: 20, direction: 'max' },
      target: label('≤ 20', '≤ 20'),
      how: label(
        'Aktiva deltagare i dag per handledare med deltagare eller kontakter, i medeltal (se också tabellen per handledare). IPS-25, storlek på ärendelistan.',
        'Active participants today per handler with participants or contacts, on average (see also the table per handler). IPS-25, caseload size.',
      ),
    },
    {
      key: 'days_to_first_employer_contact',
      label: label('Dagar till första arbetsgivarkontakt', 'Days to the first employer contact'),
      figure: round1(median(toContact)),
      unit: 'days',
      n: toContact.length,
      threshold: { value: 30, direction: 'max' },
      target: label('≤ 30 dagar', '≤ 30 days'),
      how: label(
        'Deltagare inskrivna under perioden: median av dagar från inskrivning till första kontakt med en arbetsgivare för dem (loggad kontakt eller förslag). IPS-25, snabbt jobbsökande.',
        'Participants registered in the period: the median of days from registration to the first employer contact made for them (a logged contact or a proposal). IPS-25, rapid job search.',
      ),
    },
    {
      key: 'employer_contacts_per_week',
      label: label('Arbetsgivarkontakter per handledare och vecka', 'Employer contacts per handler per week'),
      figure: handlers.length ? round1(contacts / handlers.length / weeks) : null,
      unit: 'per_week',
      n: active.length,
      threshold: { value: 6, direction: 'min' },
      target: label('≥ 6', '≥ 6'),
      how: label(
        'Loggade arbetsgivarkontakter under perioden (fram till i dag) delat med handledare och veckor. IPS-25, arbetsgivarkontakter.',
        'Employer contacts logged in the period (up to today) over handlers and weeks. IPS-25, job development: frequent employer contact.',
      ),
    },
    {
      key: 'zero_exclusion',
      label: label('Alla får arbetsgivarkontakt', 'Zero exclusion'),
      figure: share(toContact.length, cohort.length),
      unit: 'percent',
      n: cohort.length,
      threshold: { value: 0.9, direction: 'min' },
      target: label('≥ 90 % (i princip alla)', '≥ 90 % (nearly all)'),
      how: label(
        'Deltagare inskrivna under perioden: andel som fått minst en arbetsgivarkontakt. IPS-25, ingen utestängning.',
        'Participants registered in the period: the share who have had at least one employer contact. IPS-25, zero exclusion.',
      ),
    },
    {
      key: 'days_to_first_competitive_job',
      label: label('Dagar till första anställning på vanliga villkor', 'Days to the first competitive job'),
      figure: round1(median(toJob)),
      unit: 'days',
      n: toJob.length,
      threshold: null,
      target: label('så kort som möjligt', 'as short as possible'),
      how: label(
        'Deltagare inskrivna under perioden som fått ett arbete på vanliga villkor: median av dagar från inskrivning.',
        'Participants registered in the period who got a competitive job: the median of days from registration.',
      ),
    },
  ];
}

/** Participants whose first start was a trial, against those whose first start was a job. */
function trialGroups(active: ParticipantFact[]) {
  const group = (trial: boolean) => {
    const people = active.filter(
      (x) => x.firstStartKind !== null && TRIAL_KINDS.includes(x.firstStartKind) === trial,
    );
    const days = people.flatMap((x) =>
      x.firstCompetitiveJob === null ? [] : [Math.max(0, daysBetween(x.registered, x.firstCompetitiveJob))],
    );
    return { started: people.length, reached: days.length, median: round1(median(days)) };
  };
  return { trial: group(true), direct: group(false) };
}

function trialItem(groups: ReturnType<typeof trialGroups>): Item {
  const { trial, direct } = groups;
  return {
    key: 'trials_lead_on',
    label: label('Leder praktik vidare eller håller den tillbaka?', 'Do trials lead on or hold back?'),
    figure: trial.median !== null && direct.median !== null ? round1(trial.median - direct.median) : null,
    unit: 'days',
    n: Math.min(trial.reached, direct.reached),
    threshold: { value: 0, direction: 'max' },
    target: label('≤ 0 dagar längre', '≤ 0 days longer'),
    how: label(
      'Hur många dagar längre det tog till en första anställning på vanliga villkor när första starten var praktik, prövning eller träning än när den var en anställning (medianer). Den svenska IPS-studien fann att praktik fördröjde första jobbet.',
      'How many days longer it took to a first competitive job when the first start was an internship, trial or training than when it was a job (medians). The Swedish IPS trial found that internships delayed the first job.',
    ),
  };
}

function itemsTable(items: Item[]): Table {
  return {
    id: 'fidelity',
    title: label('IPS-processmått', 'IPS process figures'),
    description: label(
      'Poster i IPS-skalan (IPS-25) som händelserna i registret kan visa, mot IPS-tröskeln.',
      'Items of the IPS fidelity scale (IPS-25) that the registry’s events can show, against the IPS threshold.',
    ),
    columns: [
      col.measure('figure', label('Värde', 'Figure'), 'n'),
      col.number('threshold', label('Tröskel', 'Threshold')),
      col.text('target', label('IPS-mål', 'IPS target')),
      col.measure('meets', label('Uppfyllt', 'Met'), 'n'),
      col.people('n', label('Underlag', 'Basis')),
      col.text('how', label('Så räknas det', 'How it is computed')),
    ],
    rows: items.map((i) =>
      row(
        i.key,
        i.label,
        {
          figure: i.figure,
          threshold: i.threshold?.value ?? null,
          target: i.target,
          meets: meets(i),
          n: i.n,
          how: i.how,
        },
        i.unit,
      ),
    ),
    chart: { kind: 'bars', value: 'figure', threshold: 'threshold' },
  };
}

function caseloadTable(caseloads: Caseload[]): Table {
  return {
    id: 'caseloads',
    title: label('Aktiva deltagare per handledare', 'Active participants per handler'),
    description: label('IPS: högst 20 per handledare.', 'IPS: at most 20 per handler.'),
    columns: [
      col.people('active', label('Aktiva deltagare', 'Active participants')),
      col.number('threshold', label('Tröskel', 'Threshold')),
    ],
    rows: caseloads.map((c) => row(c.handlerId, label(c.name, c.name), { active: c.active, threshold: 20 })),
    chart: { kind: 'bars', value: 'active', threshold: 'threshold' },
  };
}

function trialTable(groups: ReturnType<typeof trialGroups>): Table {
  const r = (g: typeof groups.trial) => ({ started: g.started, reached: g.reached, median: g.median });
  return {
    id: 'trials',
    title: label('Första starten och första jobbet', 'The first start and the first job'),
    columns: [
      col.people('started', label('Deltagare', 'Participants')),
      col.people('reached', label('Fick jobb på vanliga villkor', 'Got a competitive job')),
      col.share('share', label('Andel', 'Share'), 'reached', { column: 'started' }),
      col.measure('median', label('Median dagar dit', 'Median days to it'), 'reached', 'days'),
    ],
    rows: [
      row(
        'trial_first',
        label('Första start: praktik, prövning, träning', 'First start: internship, trial, training'),
        r(groups.trial),
      ),
      row('job_first', label('Första start: en anställning', 'First start: a job'), r(groups.direct)),
    ],
  };
}

export function fidelityReport(f: FidelityFacts): Report {
  const active = f.participants.filter((x) => activeIn(x, f.period));
  const groups = trialGroups(active);
  const items = [
    ...participantItems(f, active),
    ...placementItems(f),
    ...followAlongItems(f),
    trialItem(groups),
  ];
  return {
    report: 'fidelity',
    title: label('IPS-processmått', 'IPS process figures'),
    period: f.period,
    scope: f.scope,
    population: active.length,
    generatedAt: f.now,
    tables: [itemsTable(items), caseloadTable(f.caseloads), trialTable(groups)],
  };
}
