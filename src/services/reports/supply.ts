/**
 * Supply and demand: where the registry's places fail the people looking for one, so a coordinator
 * knows where to recruit employers. For every active participant not in a placement now ("looking"),
 * the pure matching engine (`reachOf`) goes through the slots that could take someone now within
 * their travel limit and runs the ranking's own hard constraints on each. Pure: facts in, tables out.
 */
import {
  adaptationByCode,
  adaptationCodes,
  type SlotKind,
  slotKindLabels,
  slotKinds,
} from '../../domain/vocabulary';
import { buildSlotIndex, type FailureCode, reachOf } from '../../matching';
import { municipalityByCode, ssykByCode } from '../../reference';
import type { CatalogSlot } from '../matching/rows';
import { median } from './stats';
import type { SupplyParticipant } from './supply-facts';
import { col, type Label, label, type Report, type ReportScope, row, type Table } from './table';

export interface SupplyFacts {
  scope: ReportScope;
  now: string;
  today: string;
  participants: SupplyParticipant[];
  slots: CatalogSlot[];
}

/** Why someone has no slot: the constraint that rules out the most slots in their reach, or none in reach. */
export type Exclusion = FailureCode | 'none_in_reach';

export const exclusionLabels: Record<Exclusion, Label> = {
  none_in_reach: label('Ingen ledig plats inom resavståndet', 'No free place within the travel limit'),
  must_adaptation_missing: label('En nödvändig anpassning saknas', 'A must-have adaptation is missing'),
  too_few_overlapping_hours: label(
    'För få gemensamma timmar med handledda pass',
    'Too few hours shared with supervised times',
  ),
  slot_minimum_above_current_hours: label(
    'Platsens minsta antal timmar är för högt',
    'The slot’s minimum hours are too many',
  ),
  kind_not_wanted: label('Inte den typ av plats personen vill ha', 'Not the kind of place wanted'),
  avoided_task: label('Uppgifter som personen vill undvika', 'Tasks the person wants to avoid'),
  too_far: label('För långt bort', 'Too far away'),
  slot_not_open: label('Platsen är inte öppen', 'The slot is not open'),
  no_free_place: label('Ingen ledig plats', 'No free place'),
  no_supervisor_room: label('Ingen handledare med utrymme', 'No supervisor with room'),
};
const exclusionOrder: readonly Exclusion[] = [
  'none_in_reach',
  'must_adaptation_missing',
  'too_few_overlapping_hours',
  'slot_minimum_above_current_hours',
  'kind_not_wanted',
  'avoided_task',
];

const free = (s: CatalogSlot) => Math.max(0, s.capacity - s.taken);
const HOUR_BANDS = [
  { key: 'h0_9', label: label('0–9 timmar', '0–9 hours'), max: 10 },
  { key: 'h10_19', label: label('10–19 timmar', '10–19 hours'), max: 20 },
  { key: 'h20_29', label: label('20–29 timmar', '20–29 hours'), max: 30 },
  { key: 'h30', label: label('30 timmar eller fler', '30 hours or more'), max: Number.POSITIVE_INFINITY },
];
const bandOf = (hours: number) => HOUR_BANDS.find((b) => hours < b.max)!.key;
const munLabel = (code: string) => {
  const m = municipalityByCode.get(code);
  return m ? label(m.name, m.name) : label(code, code);
};

interface Looked {
  p: SupplyParticipant;
  eligible: number;
  exclusion: Exclusion | null;
  unmet: string[];
}

/** The constraint excluding the most slots in reach (ties in `exclusionOrder`), or none in reach. */
function mainExclusion(reach: ReturnType<typeof reachOf>): Exclusion {
  if (reach.inReach === 0) return 'none_in_reach';
  let best: Exclusion = 'none_in_reach';
  let most = 0;
  for (const code of exclusionOrder) {
    const n = code === 'none_in_reach' ? 0 : (reach.failures[code] ?? 0);
    if (n > most) [best, most] = [code, n];
  }
  return best;
}

export function supplyReport(f: SupplyFacts): Report {
  const index = buildSlotIndex(f.slots);
  const looking = f.participants.filter((p) => !p.placed);
  const reached = new Set<number>();
  const looked: Looked[] = looking.map((p) => {
    const reach = reachOf(index, p, { today: f.today });
    for (const r of reach.rows) reached.add(r);
    const needs = p.adaptationNeeds.map((n) => n.code);
    return {
      p,
      eligible: reach.eligible,
      exclusion: reach.eligible > 0 ? null : mainExclusion(reach),
      unmet: needs.filter((c) => !reach.offered.has(c)),
    };
  });
  const byId = new Map(f.slots.map((s) => [s.id, s]));
  const slots = [...reached].flatMap((r) => byId.get(index.ids[r]!) ?? []);
  const without = looked.filter((x) => x.exclusion !== null);
  return {
    report: 'supply',
    title: label('Utbud och efterfrågan', 'Supply and demand'),
    scope: f.scope,
    population: looking.length,
    generatedAt: f.now,
    tables: [
      ...summaryTable(f, looked, slots),
      exclusionTable(without),
      adaptationsTable(looked, slots),
      hoursTable(looked, slots),
      kindTable(slots),
      occupationTable(slots),
      municipalityTable(looked, slots),
    ],
    notes: [
      label(
        'Platser som kan ta emot någon nu: öppna, med en ledig plats och en handledare med utrymme, inom någons resavstånd (fågelvägen). Samma villkor som matchningen använder.',
        'Places that can take someone now: open, with a free place and a supervisor with room, within someone’s travel limit (straight line). The same constraints matching uses.',
      ),
    ],
  };
}

function summaryTable(f: SupplyFacts, looked: Looked[], slots: CatalogSlot[]): Table[] {
  const hours = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0));
  const none = looked.filter((x) => x.exclusion).length;
  const people = (n: number) => ({ count: n });
  return [
    {
      id: 'summary',
      title: label('Översikt', 'Summary'),
      description: label(
        'Aktiva deltagare som inte är placerade nu söker en plats.',
        'Active participants not in a placement now are looking for a place.',
      ),
      columns: [
        col.people('count', label('Antal', 'Count')),
        col.share('share', label('Andel av de sökande', 'Share of those looking'), 'count', {
          column: 'count',
          row: 'looking',
        }),
      ],
      rows: [
        row('active', label('Aktiva deltagare', 'Active participants'), people(f.participants.length)),
        row('looking', label('Söker plats', 'Looking for a place'), people(looked.length)),
        row(
          'with_eligible',
          label('Har minst en plats som passar', 'Have at least one slot that fits'),
          people(looked.length - none),
        ),
        row('without_eligible', label('Har ingen plats som passar', 'Have no slot that fits'), people(none)),
      ],
      partition: { total: 'looking', parts: ['with_eligible', 'without_eligible'] },
    },
    {
      id: 'supply_totals',
      title: label('Platser och timmar', 'Places and hours'),
      description: label(
        'Timmar som söks (nu och som mål) mot timmar som de lediga platserna kan erbjuda.',
        'Hours wanted (now and as the aim) against the hours the free places can offer.',
      ),
      columns: [col.number('value', label('Antal', 'Count'))],
      rows: [
        row('slots', label('Platser inom räckhåll', 'Slots within reach'), { value: slots.length }),
        row('free_places', label('Lediga platser inom räckhåll', 'Free places within reach'), {
          value: slots.reduce((n, s) => n + free(s), 0),
        }),
        row(
          'hours_now',
          label('Timmar per vecka som söks nu (summa)', 'Hours per week wanted now (sum)'),
          { value: hours(looked.map((x) => x.p.hoursNow)) },
          'hours',
        ),
        row(
          'hours_target',
          label('Timmar per vecka som är målet (summa)', 'Hours per week aimed for (sum)'),
          { value: hours(looked.map((x) => x.p.hoursTarget)) },
          'hours',
        ),
        row(
          'hours_offered',
          label(
            'Timmar per vecka som de lediga platserna erbjuder, högst',
            'Hours per week the free places offer, at most',
          ),
          { value: hours(slots.map((s) => free(s) * s.hoursMax)) },
          'hours',
        ),
        row(
          'median_target',
          label('Median av målet, timmar per vecka', 'Median aim, hours per week'),
          { value: median(looked.map((x) => x.p.hoursTarget)) },
          'hours',
        ),
        row(
          'median_offered',
          label(
            'Median av det platserna erbjuder, timmar per vecka',
            'Median offered by the slots, hours per week',
          ),
          { value: median(slots.map((s) => s.hoursMax)) },
          'hours',
        ),
      ],
    },
  ];
}

function exclusionTable(without: Looked[]): Table {
  const counts = new Map<Exclusion, number>();
  for (const x of without) if (x.exclusion) counts.set(x.exclusion, (counts.get(x.exclusion) ?? 0) + 1);
  return {
    id: 'excluded_by',
    title: label(
      'Utan passande plats: det som utesluter mest',
      'Without a slot that fits: what excludes most',
    ),
    description: label(
      'För varje sökande utan passande plats: det villkor som utesluter flest platser inom resavståndet (eller att ingen plats finns där).',
      'For each person looking without a slot that fits: the constraint that rules out the most slots within their travel limit (or that there is none there).',
    ),
    columns: [
      col.people('count', label('Personer', 'People')),
      col.share('share', label('Andel', 'Share'), 'count', { column: 'count', row: 'total' }),
    ],
    rows: [
      ...exclusionOrder.map((e) => row(e, exclusionLabels[e], { count: counts.get(e) ?? 0 })),
      row('total', label('Alla utan passande plats', 'Everyone without a slot that fits'), {
        count: without.length,
      }),
    ],
    partition: { total: 'total', parts: [...exclusionOrder] },
    chart: { kind: 'bars', value: 'count', rows: [...exclusionOrder] },
  };
}

function adaptationsTable(looked: Looked[], slots: CatalogSlot[]): Table {
  const rows = adaptationCodes.flatMap((code) => {
    const needing = looked.filter((x) => x.p.adaptationNeeds.some((n) => n.code === code));
    if (needing.length === 0) return [];
    const a = adaptationByCode.get(code)!;
    return [
      row(code, label(a.sv, a.en), {
        needing: needing.length,
        must: needing.filter((x) => x.p.adaptationNeeds.some((n) => n.code === code && n.priority === 'must'))
          .length,
        unmet: needing.filter((x) => x.unmet.includes(code)).length,
        places: slots
          .filter((s) => s.adaptations.some((o) => o.code === code))
          .reduce((n, s) => n + free(s), 0),
      }),
    ];
  });
  rows.sort((x, y) => Number(y.cells.unmet) - Number(x.cells.unmet) || x.key.localeCompare(y.key));
  return {
    id: 'adaptations',
    title: label('Anpassningar som platserna inte erbjuder', 'Adaptations the places do not offer'),
    description: label(
      'Behov hos sökande (nödvändiga eller önskade) och hur många som inte har någon plats inom resavståndet som erbjuder anpassningen; flest först.',
      'Needs of those looking (must-have or wanted) and how many have no place within their travel limit that offers the adaptation; most first.',
    ),
    columns: [
      col.people('needing', label('Behöver', 'Need it')),
      col.people('must', label('varav nödvändig', 'of which must-have')),
      col.people('unmet', label('Ingen plats erbjuder den', 'No place offers it')),
      col.share('unmetShare', label('Andel utan', 'Share without'), 'unmet', { column: 'needing' }),
      col.count('places', label('Lediga platser som erbjuder den', 'Free places offering it')),
    ],
    rows,
    chart: { kind: 'bars', value: 'unmet' },
  };
}

function hoursTable(looked: Looked[], slots: CatalogSlot[]): Table {
  return {
    id: 'hours',
    title: label('Timmar per vecka: önskat och erbjudet', 'Hours per week: wanted and offered'),
    description: label(
      'Sökande efter timmar nu och målet, mot lediga platser efter det högsta antal timmar platsen erbjuder.',
      'People looking by hours now and their aim, against free places by the most hours the slot offers.',
    ),
    columns: [
      col.people('now', label('Söker nu', 'Wanted now')),
      col.people('target', label('Mål', 'Aim')),
      col.count('places', label('Lediga platser', 'Free places')),
    ],
    rows: HOUR_BANDS.map((b) =>
      row(b.key, b.label, {
        now: looked.filter((x) => bandOf(x.p.hoursNow) === b.key).length,
        target: looked.filter((x) => bandOf(x.p.hoursTarget) === b.key).length,
        places: slots.filter((s) => bandOf(s.hoursMax) === b.key).reduce((n, s) => n + free(s), 0),
      }),
    ),
    chart: { kind: 'bars', value: 'places' },
  };
}

function kindTable(slots: CatalogSlot[]): Table {
  const of = (k: SlotKind) => slots.filter((s) => s.kind === k);
  return {
    id: 'free_places_kind',
    title: label('Lediga platser efter typ', 'Free places by kind'),
    columns: [
      col.count('slots', label('Platser', 'Slots')),
      col.count('free', label('Lediga platser', 'Free places')),
    ],
    rows: slotKinds.map((k) =>
      row(k, slotKindLabels[k], { slots: of(k).length, free: of(k).reduce((n, s) => n + free(s), 0) }),
    ),
    chart: { kind: 'bars', value: 'free' },
  };
}

/** Occupations with the most free places, then the rest together. */
const TOP_OCCUPATIONS = 12;

function occupationTable(slots: CatalogSlot[]): Table {
  const by = new Map<string, CatalogSlot[]>();
  for (const s of slots) {
    const key = s.ssyk ?? 'none';
    by.set(key, [...(by.get(key) ?? []), s]);
  }
  const cells = (xs: CatalogSlot[]) => ({ slots: xs.length, free: xs.reduce((n, s) => n + free(s), 0) });
  const groups = [...by.entries()].sort(
    (a, b) => cells(b[1]).free - cells(a[1]).free || a[0].localeCompare(b[0]),
  );
  const top = groups.slice(0, TOP_OCCUPATIONS);
  const rest = groups.slice(TOP_OCCUPATIONS).flatMap(([, xs]) => xs);
  const name = (ssyk: string) => {
    const l = ssykByCode.get(ssyk);
    return ssyk === 'none'
      ? label('Utan yrkeskod', 'No occupation code')
      : label(`${ssyk} ${l ?? ''}`.trim(), `${ssyk} ${l ?? ''}`.trim());
  };
  return {
    id: 'free_places_occupation',
    title: label('Lediga platser efter yrke (SSYK)', 'Free places by occupation (SSYK)'),
    columns: [
      col.count('slots', label('Platser', 'Slots')),
      col.count('free', label('Lediga platser', 'Free places')),
    ],
    rows: [
      ...top.map(([k, xs]) => row(k, name(k), cells(xs))),
      ...(rest.length ? [row('other', label('Övriga yrken', 'Other occupations'), cells(rest))] : []),
    ],
    chart: { kind: 'bars', value: 'free' },
  };
}

function municipalityTable(looked: Looked[], slots: CatalogSlot[]): Table {
  const codes = [...new Set(looked.map((x) => x.p.municipalityCode))].sort();
  const cells = (code: string | null) => {
    const here = looked.filter((x) => code === null || x.p.municipalityCode === code);
    const places = slots.filter((s) => code === null || s.municipalityCode === code);
    return {
      looking: here.length,
      without: here.filter((x) => x.exclusion).length,
      free: places.reduce((n, s) => n + free(s), 0),
    };
  };
  return {
    id: 'by_municipality',
    title: label('Brist på platser per kommun', 'Supply gaps per municipality'),
    description: label(
      'Sökande efter hemkommun, hur många som saknar passande plats, och lediga platser i kommunen.',
      'People looking by home municipality, how many have no slot that fits, and free places in the municipality.',
    ),
    columns: [
      col.people('looking', label('Söker plats', 'Looking')),
      col.people('without', label('Ingen plats passar', 'No slot fits')),
      col.share('share', label('Andel utan', 'Share without'), 'without', { column: 'looking' }),
      col.count('free', label('Lediga platser i kommunen', 'Free places in the municipality')),
    ],
    rows: [
      ...codes.map((c) => row(c, munLabel(c), cells(c))),
      row('total', label('Alla kommuner', 'All municipalities'), cells(null)),
    ],
    partition: { total: 'total', parts: codes },
    chart: { kind: 'bars', value: 'without', rows: codes },
  };
}
