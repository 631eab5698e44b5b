/**
 * Outcomes over a period, from recorded events only: who was active, where those who left went (the
 * five SUS categories), how long the first steps took, how placements ended, by kind of slot and by
 * municipality, and who is still in work or studies at each follow-up. Pure: facts in, tables out.
 */
import { type OutcomeCategory, outcomeCategories } from '../../../db/schema';
import { type SlotKind, slotKindLabels, slotKinds } from '../../domain/vocabulary';
import { municipalityByCode } from '../../reference';
import { outcomeLabels } from '../placements/labels';
import {
  activeIn,
  inPeriod,
  type MilestoneFact,
  type ParticipantFact,
  type Period,
  type PlacementFact,
} from './facts';
import { countBy, daysBetween, median, round1 } from './stats';
import { col, label, type Report, type ReportScope, row, type Table } from './table';

export interface OutcomeFacts {
  scope: ReportScope;
  period: Period;
  now: string;
  today: string;
  participants: ParticipantFact[];
  placements: PlacementFact[];
  milestones: MilestoneFact[];
}

const WORK: readonly OutcomeCategory[] = ['unsubsidized_work', 'subsidized_work'];
const WORK_OR_STUDIES: readonly OutcomeCategory[] = [...WORK, 'studies'];
const WORK_STUDIES_OR_SEEKING: readonly OutcomeCategory[] = [...WORK_OR_STUDIES, 'job_seeking'];
/** Kinds of slot that are a step before a job: the IPS trial's question is whether they lead on. */
export const TRIAL_KINDS: readonly SlotKind[] = ['work_training', 'work_trial', 'internship'];

const sumLabels = {
  workOrStudies: label('Till arbete eller studier', 'To work or studies'),
  workStudiesOrSeeking: label(
    'Till arbete, studier eller aktivt arbetssökande',
    'To work, studies or active job-seeking',
  ),
};

export function exitsTable(exits: readonly OutcomeCategory[]): Table {
  const counts = countBy(outcomeCategories, exits);
  const sum = (cats: readonly OutcomeCategory[]) => cats.reduce((n, c) => n + (counts.get(c) ?? 0), 0);
  return {
    id: 'exits',
    title: label('Avslut efter kategori (SUS)', 'Exits by category (SUS)'),
    description: label(
      'Deltagare vars avslut är registrerat under perioden, efter var de gick vidare. Riksgenomsnittet i SUS är 33 % till arbete eller studier.',
      'Participants whose exit was recorded in the period, by where they went. The national SUS average is 33 % to work or studies.',
    ),
    columns: [
      col.people('count', label('Antal', 'Count')),
      col.share('share', label('Andel', 'Share'), 'count', { column: 'count', row: 'total' }),
    ],
    rows: [
      ...outcomeCategories.map((c) => row(c, outcomeLabels[c], { count: counts.get(c) ?? 0 })),
      row('total', label('Alla avslut', 'All exits'), { count: exits.length }),
      row('work_or_studies', sumLabels.workOrStudies, { count: sum(WORK_OR_STUDIES) }),
      row('work_studies_or_job_seeking', sumLabels.workStudiesOrSeeking, {
        count: sum(WORK_STUDIES_OR_SEEKING),
      }),
    ],
    partition: {
      total: 'total',
      parts: [...outcomeCategories],
      sums: [
        { row: 'work_or_studies', parts: [...WORK_OR_STUDIES] },
        { row: 'work_studies_or_job_seeking', parts: [...WORK_STUDIES_OR_SEEKING] },
      ],
    },
    chart: { kind: 'bars', value: 'count', rows: [...outcomeCategories] },
  };
}

function summaryTable(f: OutcomeFacts, active: ParticipantFact[]): Table {
  const p = f.period;
  const count = (n: number) => ({ count: n });
  return {
    id: 'summary',
    title: label('Översikt', 'Summary'),
    columns: [col.people('count', label('Antal', 'Count'))],
    rows: [
      row(
        'active',
        label('Aktiva deltagare under perioden', 'Participants active in the period'),
        count(active.length),
      ),
      row(
        'registered',
        label('Nya deltagare (inskrivna)', 'New participants (registered)'),
        count(active.filter((x) => inPeriod(x.registered, p)).length),
      ),
      row(
        'exits',
        label('Avslut (utskrivna)', 'Exits (out-registered)'),
        count(active.filter((x) => inPeriod(x.exitDate, p)).length),
      ),
      row(
        'ended_without_exit',
        label('Avslutade utan registrerat avslut', 'Ended without a recorded exit'),
        count(active.filter((x) => x.exitDate === null && inPeriod(x.endedOn, p)).length),
      ),
      row(
        'placements_started',
        label('Placeringar som startade', 'Placements started'),
        count(f.placements.filter((x) => inPeriod(x.startDate, p)).length),
      ),
      row(
        'placements_ended',
        label('Placeringar som avslutades', 'Placements ended'),
        count(f.placements.filter((x) => inPeriod(x.endDate, p)).length),
      ),
    ],
  };
}

/** Days from registration to each first step, for the participants registered in the period. */
function timeToTable(f: OutcomeFacts, active: ParticipantFact[]): Table {
  const cohort = active.filter((x) => inPeriod(x.registered, f.period));
  const step = (key: string, l: ReturnType<typeof label>, date: (x: ParticipantFact) => string | null) => {
    const days = cohort.flatMap((x) => {
      const d = date(x);
      return d === null ? [] : [Math.max(0, daysBetween(x.registered, d))];
    });
    return row(key, l, {
      reached: days.length,
      cohort: cohort.length,
      median: round1(median(days)),
      within30: days.filter((d) => d <= 30).length,
    });
  };
  return {
    id: 'time_to',
    title: label('Tid till första steget', 'Time to the first steps'),
    description: label(
      'Deltagare inskrivna under perioden: hur många som nått steget hittills och medianen i dagar från inskrivning. Första arbetsgivarkontakt är en loggad kontakt för deltagaren eller ett förslag till en arbetsgivare. IPS: inom 30 dagar.',
      'Participants registered in the period: how many have reached each step so far, and the median days from registration. The first employer contact is a contact logged for the participant or a proposal to an employer. IPS: within 30 days.',
    ),
    columns: [
      col.people('reached', label('Har nått steget', 'Reached')),
      col.people('cohort', label('Inskrivna', 'Registered')),
      col.share('share', label('Andel', 'Share'), 'reached', { column: 'cohort' }),
      col.measure('median', label('Median', 'Median'), 'reached', 'days'),
      col.people('within30', label('Inom 30 dagar', 'Within 30 days')),
    ],
    rows: [
      step(
        'first_employer_contact',
        label('Första arbetsgivarkontakt', 'First employer contact'),
        (x) => x.firstContact,
      ),
      step(
        'first_start',
        label('Första start på en arbetsplats', 'First start at a workplace'),
        (x) => x.firstStart,
      ),
      step(
        'first_competitive_job',
        label('Första anställning på vanliga villkor', 'First competitive job'),
        (x) => x.firstCompetitiveJob,
      ),
    ],
  };
}

/** Placements ended in the period by kind of slot: length, hires, and whether trials lead on. */
function placementsTable(f: OutcomeFacts): Table {
  const started = f.placements.filter((x) => inPeriod(x.startDate, f.period));
  const ended = f.placements.filter((x) => inPeriod(x.endDate, f.period));
  const cells = (kinds: readonly SlotKind[]) => {
    const e = ended.filter((x) => kinds.includes(x.kind));
    return {
      started: started.filter((x) => kinds.includes(x.kind)).length,
      ended: e.length,
      hired: e.filter((x) => x.hired).length,
      length: round1(median(e.map((x) => daysBetween(x.startDate, x.endDate ?? x.startDate)))),
    };
  };
  return {
    id: 'placements',
    title: label('Placeringar efter typ av plats', 'Placements by kind of slot'),
    description: label(
      'Placeringar som startade eller avslutades under perioden. Anställd = arbetsgivaren anställde vid avslutet. Medianlängd från start till avslut.',
      'Placements that started or ended in the period. Hired = the employer hired at the end. Median length from start to end.',
    ),
    columns: [
      col.people('started', label('Startade', 'Started')),
      col.people('ended', label('Avslutade', 'Ended')),
      col.people('hired', label('Anställd vid avslut', 'Hired at the end')),
      col.share('conversion', label('Andel till anställning', 'Share hired'), 'hired', { column: 'ended' }),
      col.measure('length', label('Medianlängd', 'Median length'), 'ended', 'days'),
    ],
    rows: [
      ...slotKinds.map((k) => row(k, slotKindLabels[k], cells([k]))),
      row('total', label('Alla placeringar', 'All placements'), cells(slotKinds)),
      row(
        'trials',
        label('Praktik, prövning och träning', 'Internships, trials and training'),
        cells(TRIAL_KINDS),
      ),
    ],
    partition: { total: 'total', parts: [...slotKinds], sums: [{ row: 'trials', parts: [...TRIAL_KINDS] }] },
    chart: { kind: 'bars', value: 'conversion', rows: [...slotKinds] },
  };
}

function municipalityTable(f: OutcomeFacts, active: ParticipantFact[]): Table {
  const codes = [...new Set(active.map((x) => x.municipalityCode))].sort();
  const cells = (people: ParticipantFact[]) => {
    const exits = people.filter((x) => inPeriod(x.exitDate, f.period));
    return {
      active: people.length,
      exits: exits.length,
      workOrStudies: exits.filter((x) => x.exitOutcome !== null && WORK_OR_STUDIES.includes(x.exitOutcome))
        .length,
    };
  };
  const name = (code: string) => {
    const m = municipalityByCode.get(code);
    return m ? label(m.name, m.name) : label(code, code);
  };
  return {
    id: 'by_municipality',
    title: label('Efter kommun', 'By municipality'),
    description: label('Deltagarens hemkommun.', 'The participant’s home municipality.'),
    columns: [
      col.people('active', label('Aktiva', 'Active')),
      col.people('exits', label('Avslut', 'Exits')),
      col.people('workOrStudies', label('Till arbete eller studier', 'To work or studies')),
      col.share('share', label('Andel av avsluten', 'Share of exits'), 'workOrStudies', { column: 'exits' }),
    ],
    rows: [
      ...codes.map((c) => row(c, name(c), cells(active.filter((x) => x.municipalityCode === c)))),
      row('total', label('Alla kommuner', 'All municipalities'), cells(active)),
    ],
    partition: { total: 'total', parts: codes },
    chart: { kind: 'bars', value: 'active', rows: codes },
  };
}

/** Follow-ups of the period's exits and hires: answered, and still in work or studies. */
export function milestonesTable(milestones: readonly MilestoneFact[], today: string): Table {
  const rows = (['exit', 'hire'] as const).flatMap((cause) =>
    ([3, 6, 12] as const).map((months) => {
      const due = milestones.filter((m) => m.cause === cause && m.months === months && m.dueDate <= today);
      const answered = due.filter((m) => m.situation !== null);
      const l =
        cause === 'exit'
          ? label(`${months} månader efter avslut`, `${months} months after an exit`)
          : label(`${months} månader efter anställning`, `${months} months after a hire`);
      return row(`${cause}_${months}`, l, {
        due: due.length,
        answered: answered.length,
        inWorkOrStudies: answered.filter(
          (m) =>
            m.situation !== null && m.situation !== 'not_reached' && WORK_OR_STUDIES.includes(m.situation),
        ).length,
      });
    }),
  );
  return {
    id: 'milestones',
    title: label('Uppföljning efter avslut och anställning', 'Follow-up after exits and hires'),
    description: label(
      'Avslut och anställningar under perioden: uppföljningar som fallit ut, hur många som besvarats och hur många som då var i arbete eller studier.',
      'Exits and hires in the period: follow-ups that have fallen due, how many were answered, and how many people were then in work or studies.',
    ),
    columns: [
      col.people('due', label('Förfallna', 'Due')),
      col.people('answered', label('Besvarade', 'Answered')),
      col.share('answeredShare', label('Andel besvarade', 'Share answered'), 'answered', { column: 'due' }),
      col.people('inWorkOrStudies', label('I arbete eller studier', 'In work or studies')),
      col.share(
        'share',
        label('Andel i arbete eller studier', 'Share in work or studies'),
        'inWorkOrStudies',
        {
          column: 'answered',
        },
      ),
    ],
    rows,
    chart: { kind: 'bars', value: 'share' },
  };
}

export function outcomesReport(f: OutcomeFacts): Report {
  const active = f.participants.filter((x) => activeIn(x, f.period));
  const exits = active.flatMap((x) =>
    x.exitOutcome && inPeriod(x.exitDate, f.period) ? [x.exitOutcome] : [],
  );
  return {
    report: 'outcomes',
    title: label('Resultat', 'Outcomes'),
    period: f.period,
    scope: f.scope,
    population: active.length,
    generatedAt: f.now,
    tables: [
      summaryTable(f, active),
      exitsTable(exits),
      timeToTable(f, active),
      placementsTable(f),
      municipalityTable(f, active),
      milestonesTable(f.milestones, f.today),
    ],
  };
}
