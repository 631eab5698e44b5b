/**
 * A search corpus: slots as database rows with the kind of titles and descriptions employers write
 * (Swedish, compounds, workplace names, tasks, offered adaptations), built on the matching
 * benchmark's seeded generator (bench/lib/generate.ts), plus planted targets: slots the benchmark
 * queries must find, so engines can be compared on recall and not only on speed.
 */
import type { DerivedSlotColumns, slots } from '../../db/schema';
import {
  adaptationByCode,
  adaptationMask,
  canArrangeMask,
  type SlotKind,
  weekdays,
} from '../../src/domain/vocabulary';
import { distanceKm } from '../../src/lib/geo';
import { daysMask, fromIntervals } from '../../src/lib/schedule';
import { storedMatchTerms } from '../../src/matching/terms';
import { municipalityByCode } from '../../src/reference';
import { GENERATOR_TODAY, generateSlot, randomLocation } from './generate';
import { createRng, type Rng } from './random';

export type SlotRow = Omit<typeof slots.$inferSelect, DerivedSlotColumns> &
  Pick<typeof slots.$inferSelect, 'matchTerms'>;

/** Workplaces by SSYK code: a qualifier for the title and a business word for the company name. */
const WORKPLACES: Record<string, { at: string[]; business: string[] }> = {
  '4322': {
    at: ['på e-handelslager', 'på centrallager', 'på byggvaruhus', 'i partihandel', 'på logistikcenter'],
    business: ['Logistik', 'Lager & Transport', 'Byggvaror', 'Partihandel'],
  },
  '9412': {
    at: ['i skolkök', 'på lunchrestaurang', 'i personalmatsal', 'på pizzeria', 'på äldreboendets kök'],
    business: ['Restaurang', 'Storkök', 'Pizzeria', 'Mat & Catering'],
  },
  '5120': {
    at: ['på hotellrestaurang', 'i storkök', 'på vegetarisk restaurang'],
    business: ['Krog', 'Hotell & Restaurang', 'Catering'],
  },
  '9413': {
    at: ['i surdegsbageri', 'på konditori', 'på kafé i centrum', 'i hantverksbageri', 'på stadsbageriet'],
    business: ['Bageri', 'Konditori', 'Kafé', 'Hembageri'],
  },
  '9111': {
    at: ['på kontor', 'på hotell', 'i skola', 'i sporthall', 'på vårdcentral'],
    business: ['Städservice', 'Lokalvård', 'Fastighetsservice'],
  },
  '5222': {
    at: ['i livsmedelsbutik', 'på stormarknad', 'i närbutik', 'på järnhandel'],
    business: ['Livs', 'Handel', 'Järnhandel', 'Matbutik'],
  },
  '5223': {
    at: ['på second hand-butik', 'på återbruksvaruhus', 'i loppisbutik'],
    business: ['Second Hand', 'Återbruk', 'Loppis'],
  },
  '9622': {
    at: ['på skola', 'i bostadsområde', 'på idrottsplats'],
    business: ['Fastigheter', 'Fastighetsskötsel', 'Bostäder'],
  },
  '6113': {
    at: ['i handelsträdgård', 'på plantskola', 'i kommunens parker', 'på kyrkogård'],
    business: ['Trädgård', 'Handelsträdgård', 'Plantskola', 'Grönyteskötsel'],
  },
  '4119': {
    at: ['på kommunkontor', 'på redovisningsbyrå', 'på bemanningsföretag'],
    business: ['Kontorsservice', 'Redovisning', 'Administration'],
  },
  '3512': {
    at: ['på IT-avdelning', 'på datorverkstad', 'i IT-support för skolor'],
    business: ['IT-service', 'Datorservice', 'Data & Support'],
  },
  '7231': {
    at: ['på bilverkstad', 'på däckverkstad', 'på biltvätt', 'på cykelverkstad'],
    business: ['Bilverkstad', 'Bil & Däck', 'Motor', 'Cykelverkstad'],
  },
  '8219': {
    at: ['i elektronikfabrik', 'på verkstadsindustri', 'i möbelfabrik'],
    business: ['Industri', 'Mekaniska Verkstad', 'Montage'],
  },
  '9320': {
    at: ['på förpackningsindustri', 'på tryckeri', 'på livsmedelsfabrik'],
    business: ['Förpackning', 'Tryckeri', 'Livsmedel'],
  },
  '5330': {
    at: ['på äldreboende', 'på gruppboende', 'i hemtjänsten'],
    business: ['Omsorg', 'Vård & Omsorg', 'Äldreboende'],
  },
  '6129': {
    at: ['på ridskola', 'på djurpark', 'på hunddagis', 'på bondgård'],
    business: ['Ridskola', 'Djurgård', 'Hunddagis', 'Lantgård'],
  },
  '4410': {
    at: ['på stadsbiblioteket', 'på kommunarkivet', 'på skolbibliotek'],
    business: ['Bibliotek', 'Arkiv', 'Kulturhus'],
  },
  '5131': {
    at: ['på lunchrestaurang', 'på hotellfrukost', 'på café och restaurang'],
    business: ['Restaurang', 'Bistro', 'Krog'],
  },
  '9610': {
    at: ['på återvinningscentral', 'på sorteringsanläggning'],
    business: ['Återvinning', 'Miljö & Återvinning', 'Kretslopp'],
  },
  '7111': {
    at: ['i möbelverkstad', 'på snickeri', 'i byggföretag'],
    business: ['Snickeri', 'Möbelsnickeri', 'Bygg & Snickeri'],
  },
};
const FALLBACK_WORKPLACE = { at: ['på arbetsplats i centrum'], business: ['AB'] };

const SURNAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Lindqvist',
  'Berg',
  'Åberg',
  'Öberg',
  'Lindström',
  'Holm',
  'Sjöberg',
  'Ek',
  'Björk',
  'Håkansson',
];
const ORG_PREFIXES = ['Nya', 'Gamla', 'Stads', 'Norra', 'Södra', 'Östra', 'Västra', 'Lilla'];

const SIZES = ['litet', 'medelstort', 'familjeägt', 'växande', 'lokalt'];
const SUPPORT = [
  'Du får en fast handledare som har gått handledarutbildning.',
  'Vi har lång erfarenhet av att ta emot praktikanter och arbetstränare.',
  'Arbetsplatsen är lugn och välkomnande, och kollegorna hjälper gärna till.',
  'Handledaren finns alltid i närheten och går igenom dagen varje morgon.',
  'Vi tar emot en person i taget så att introduktionen blir ordentlig.',
  'Här finns tydliga rutiner och samma arbetsuppgifter varje dag.',
];
const SCHEDULE_TEXT = [
  'Arbetstiden är förlagd dagtid på vardagar.',
  'Du kan börja med några timmar i veckan och öka i din egen takt.',
  'Passen är korta i början och byggs upp efter hand.',
  'Tiderna går att anpassa efter dig.',
];
const HIRE_TEXT = [
  'Platsen kan leda till anställning.',
  'Vi söker långsiktigt och anställer gärna den som trivs.',
];

/** The date the corpus's start and end dates spread around, shared with the benchmark queries. */
export const CORPUS_TODAY = GENERATOR_TODAY;

export interface CorpusOrganization {
  id: string;
  name: string;
}

function lowerFirst(s: string) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function listSv(items: string[]) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** Sortable fake ids in the API's format (`slt_` + 26 Crockford characters), unique per index. */
export function corpusId(prefix: string, n: number): string {
  return `${prefix}_01J${String(n).padStart(23, '0')}`;
}

function companyName(rng: Rng, business: string[]) {
  const word = rng.pick(business);
  return rng.chance(0.6) ? `${rng.pick(SURNAMES)}s ${word}` : `${rng.pick(ORG_PREFIXES)} ${word}`;
}

function describe(rng: Rng, s: ReturnType<typeof generateSlot>, company: string, municipality: string) {
  const tasks = s.tasks.map(lowerFirst);
  const offered = rng
    .sample(s.adaptations, rng.int(1, 3))
    .map((a) => lowerFirst(adaptationByCode.get(a.code)?.sv ?? a.code));
  const parts = [
    `${company} är ett ${rng.pick(SIZES)} företag i ${municipality}.`,
    `Hos oss får du ${listSv(tasks)}.`,
    rng.pick(SUPPORT),
    offered.length ? `Vi kan erbjuda ${listSv(offered)}.` : '',
    rng.pick(SCHEDULE_TEXT),
    s.leadsToHire ? rng.pick(HIRE_TEXT) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export interface CorpusOptions {
  seed?: number;
  /** How many employer organizations the slots belong to. */
  organizations?: number;
  createdAt?: string;
}

/** `count` slots as rows of the slots table, with the organizations they reference. */
export function generateSearchCorpus(count: number, opts: CorpusOptions = {}) {
  const rng = createRng(opts.seed ?? 7);
  const orgCount = opts.organizations ?? Math.max(1, Math.round(count / 25));
  const organizations: CorpusOrganization[] = [];
  const orgBusiness: string[] = [];
  const slotRows: SlotRow[] = [];
  const base = Date.parse(opts.createdAt ?? '2025-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const g = generateSlot(rng, `g${i}`);
    const where = randomLocation(rng);
    const workplace = WORKPLACES[g.ssyk ?? ''] ?? FALLBACK_WORKPLACE;
    // Organizations are created lazily so each has one line of business.
    const orgIndex = rng.int(0, orgCount - 1);
    if (!organizations[orgIndex]) {
      organizations[orgIndex] = { id: corpusId('org', orgIndex), name: companyName(rng, workplace.business) };
      orgBusiness[orgIndex] = rng.pick(workplace.business);
    }
    const org = organizations[orgIndex]!;
    const municipality = municipalityByCode.get(where.municipalityCode)?.name ?? '';
    const title = rng.chance(0.5) ? `${g.title} ${rng.pick(workplace.at)}` : g.title;
    const schedule = fromIntervals(g.schedule);
    const createdAt = new Date(base + i * 60_000).toISOString();
    slotRows.push({
      id: corpusId('slt', i),
      organizationId: org.id,
      siteId: null,
      title,
      description: describe(rng, g, org.name, municipality),
      tasks: g.tasks,
      ssyk: g.ssyk,
      occupationLabel: g.occupationLabel,
      matchTerms: storedMatchTerms({
        title,
        tasks: g.tasks,
        occupationLabel: g.occupationLabel,
        ssyk: g.ssyk,
      }),
      suits: [],
      kind: g.kind,
      municipalityCode: where.municipalityCode,
      address: null,
      lat: where.lat,
      lon: where.lon,
      capacity: g.capacity,
      taken: g.taken,
      schedule,
      daysMask: daysMask(schedule),
      hoursMin: g.hoursMin,
      hoursMax: g.hoursMax,
      startDate: g.startDate,
      endDate: g.endDate,
      openEnded: g.openEnded,
      adaptations: g.adaptations,
      adaptationMask: adaptationMask(g.adaptations.map((a) => a.code)),
      adaptationArrangeMask: canArrangeMask(g.adaptations),
      socialIntensity: g.socialIntensity,
      physicalDemand: g.physicalDemand,
      subsidies: [],
      leadsToHire: g.leadsToHire,
      // Some closed and paused slots, as in a live registry; search must leave them out.
      status: rng.chance(0.9) ? 'open' : rng.chance(0.5) ? 'paused' : 'closed',
      createdAt,
      updatedAt: createdAt,
    });
  }
  return { organizations: organizations.filter(Boolean), slots: slotRows };
}

/** The filters every benchmark query combines with its text: three filters and a distance. */
export interface BenchFilters {
  kind: SlotKind;
  adaptation: string;
  day: (typeof weekdays)[number];
  near: { lat: number; lon: number; label: string };
  radiusKm: number;
}

/** A query the benchmark runs, with the slots that it must find (planted in the corpus). */
export interface BenchQuery {
  name: string;
  q: string;
  filters: BenchFilters;
  /** Ids of planted slots that match the filters and the text (as a person reads it). */
  expected: string[];
}

const CITIES = {
  stockholm: { lat: 59.3293, lon: 18.0686, label: 'Stockholm' },
  goteborg: { lat: 57.7089, lon: 11.9746, label: 'Göteborg' },
  malmo: { lat: 55.605, lon: 13.0038, label: 'Malmö' },
  uppsala: { lat: 59.8586, lon: 17.6389, label: 'Uppsala' },
  umea: { lat: 63.8258, lon: 20.263, label: 'Umeå' },
  linkoping: { lat: 58.4108, lon: 15.6214, label: 'Linköping' },
} as const;

interface Plant {
  query: string;
  /** What the user types: whole words, a compound part, a prefix while typing, or a typo. */
  q: string;
  city: keyof typeof CITIES;
  kind: SlotKind;
  adaptation: string;
  day: (typeof weekdays)[number];
  radiusKm: number;
  titles: string[];
  /** Planted slots whose only match is in the description. */
  descriptions?: string[];
  /** The planted slots' SSYK unit group and label (default: the template's). */
  occupation?: { ssyk: string; label: string };
}

/**
 * Target slots, planted at a few km from a city centre with exactly the queried filters. Titles use
 * the forms a person expects a search to find: the word inside compounds, inflected, typed halfway.
 */
const PLANTS: Plant[] = [
  {
    query: 'compound: bageri',
    q: 'bageri',
    city: 'goteborg',
    kind: 'work_training',
    adaptation: 'quiet_workspace',
    day: 'mon',
    radiusKm: 30,
    titles: ['Bageribiträde i surdegsbageri', 'Medhjälpare i hantverksbageri', 'Kafébiträde på bageriet'],
    descriptions: ['Vårt lilla bageri bakar surdegsbröd varje morgon.'],
  },
  {
    query: 'compound: verkstad',
    q: 'verkstad',
    city: 'malmo',
    kind: 'work_trial',
    adaptation: 'written_instructions',
    day: 'tue',
    radiusKm: 25,
    titles: ['Medhjälpare på bilverkstad', 'Verkstadsbiträde', 'Cykelverkstad söker medhjälpare'],
  },
  {
    query: 'typo: lagerarbtare',
    q: 'lagerarbtare',
    city: 'stockholm',
    kind: 'internship',
    adaptation: 'fixed_routines',
    day: 'wed',
    radiusKm: 20,
    titles: ['Lagerarbetare med plock och pack', 'Lagerarbetare på centrallager'],
  },
  {
    query: 'prefix while typing: trädgårdsar',
    q: 'trädgårdsar',
    city: 'uppsala',
    kind: 'work_training',
    adaptation: 'slower_pace',
    day: 'thu',
    radiusKm: 30,
    titles: ['Trädgårdsarbetare i handelsträdgård', 'Trädgårdsarbete på kyrkogård'],
  },
  {
    query: 'two words: städ hotell',
    q: 'städ hotell',
    city: 'linkoping',
    kind: 'subsidized_job',
    adaptation: 'flexible_start',
    day: 'fri',
    radiusKm: 25,
    titles: ['Städare på hotell', 'Hotellstädare, morgonpass'],
  },
  {
    query: 'å/ä/ö: återvinning',
    q: 'återvinning',
    city: 'umea',
    kind: 'work_training',
    adaptation: 'breaks_when_needed',
    day: 'mon',
    radiusKm: 40,
    titles: ['Medarbetare på återvinningscentral', 'Återvinningsarbetare'],
  },
  {
    // Issue #14: the occupation a word names, whatever the slots' words.
    query: 'occupation: diskare',
    q: 'diskare',
    city: 'malmo',
    kind: 'work_trial',
    adaptation: 'extended_supervision',
    day: 'tue',
    radiusKm: 30,
    titles: ['Köksbiträde på skolrestaurang', 'Medarbetare i storkök'],
    occupation: { ssyk: '9412', label: 'Restaurang- och köksbiträden m.fl.' },
  },
  {
    query: 'without å/ä/ö: tradgardsarbete',
    q: 'tradgardsarbete',
    city: 'linkoping',
    kind: 'internship',
    adaptation: 'companion_at_start',
    day: 'wed',
    radiusKm: 30,
    titles: ['Trädgårdsarbete i parken', 'Trädgårdsarbetet på kyrkogården'],
  },
];

const PLANT_BASE = 900_000;

/**
 * Appends the planted slots to a corpus (ids above any generated one) and returns the benchmark
 * queries with the ids each must find.
 */
export function plantTargets(corpus: ReturnType<typeof generateSearchCorpus>, seed = 99): BenchQuery[] {
  const rng = createRng(seed);
  const template = corpus.slots[0]!;
  const org = corpus.organizations[0]!;
  const queries: BenchQuery[] = [];
  let n = PLANT_BASE;
  for (const plant of PLANTS) {
    const city = CITIES[plant.city];
    const expected: string[] = [];
    const texts = [
      ...plant.titles.map((title) => ({ title, description: 'Handledare finns på plats.' })),
      ...(plant.descriptions ?? []).map((description) => ({ title: 'Medarbetare sökes', description })),
    ];
    for (const text of texts) {
      // A few km from the centre, well inside the radius.
      const lat = city.lat + (rng.next() - 0.5) * 0.06;
      const lon = city.lon + (rng.next() - 0.5) * 0.1;
      if (distanceKm(city.lat, city.lon, lat, lon) > plant.radiusKm) continue;
      const id = corpusId('slt', n++);
      corpus.slots.push({
        ...template,
        id,
        organizationId: org.id,
        title: text.title,
        description: text.description,
        tasks: [],
        ...(plant.occupation ? { ssyk: plant.occupation.ssyk, occupationLabel: plant.occupation.label } : {}),
        kind: plant.kind,
        lat,
        lon,
        capacity: 2,
        taken: 0,
        schedule: weekdays.slice(0, 5).map((day) => ({ day, start: '08:00', end: '12:00' })),
        daysMask: 0b11111,
        hoursMin: 4,
        hoursMax: 20,
        adaptations: [{ code: plant.adaptation as never, status: 'in_place' }],
        adaptationMask: adaptationMask([plant.adaptation]),
        openEnded: true,
        endDate: null,
        status: 'open',
      });
      expected.push(id);
    }
    queries.push({
      name: plant.query,
      q: plant.q,
      filters: {
        kind: plant.kind,
        adaptation: plant.adaptation,
        day: plant.day,
        near: city,
        radiusKm: plant.radiusKm,
      },
      expected,
    });
  }
  return queries;
}
