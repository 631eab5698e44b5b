/**
 * Realistic, seeded test data for the matching engine: slots spread over Sweden the way people live
 * (municipality centroids weighted by population, jittered a few km), with Swedish titles, tasks,
 * SSYK codes, supervised schedules, hour ranges and adaptations; and participants who want what SE/IPS
 * participants typically want (few hours at the start, ramp-up, functional adaptation needs).
 * Exported for other benchmarks and demos: `generateSlots`, `generateParticipants`.
 */

import {
  type AdaptationCode,
  adaptationCodes,
  type Level,
  levels,
  type SlotKind,
  type Weekday,
} from '../../src/domain/vocabulary';
import { type Interval, toIntervals } from '../../src/lib/schedule';
import type { ParticipantForMatching, SlotForMatching } from '../../src/matching/types';
import municipalities from '../../src/reference/data/municipalities.json' with { type: 'json' };
import { AVOIDS, INTERESTS, OCCUPATIONS, STRENGTHS } from './occupations';
import { createRng, type Rng } from './random';

/** Rough populations (thousands) of the largest municipalities; the rest count as a small town. */
const POPULATION_K: Record<string, number> = {
  '0180': 985,
  '1480': 600,
  '1280': 360,
  '0380': 245,
  '0580': 167,
  '1880': 160,
  '1980': 158,
  '1283': 152,
  '0581': 145,
  '0680': 145,
  '2480': 132,
  '1281': 128,
  '1490': 115,
  '0126': 115,
  '0182': 108,
  '0484': 107,
  '1380': 104,
  '2180': 103,
  '0181': 101,
  '2281': 99,
  '0127': 96,
  '0780': 96,
  '1780': 95,
  '0136': 90,
  '1290': 87,
  '0184': 86,
  '0123': 85,
  '1384': 85,
  '2482': 75,
  '0163': 75,
  '0160': 74,
  '0880': 72,
  '1481': 70,
  '1383': 67,
  '1080': 67,
  '2380': 64,
  '2080': 60,
  '1488': 59,
  '2580': 79,
  '2081': 52,
};
const SMALL_TOWN_K = 15;

const places = municipalities.map((m) => ({ ...m, populationK: POPULATION_K[m.code] ?? SMALL_TOWN_K }));
const placeWeights = places.map((p) => p.populationK);

export interface GeneratorOptions {
  seed?: number;
  /** YYYY-MM-DD that start and end dates are spread around. */
  today?: string;
}

export const GENERATOR_TODAY = '2025-03-03';

/** A point in a municipality chosen by population, jittered more in big cities (they sprawl). */
export function randomLocation(rng: Rng): { lat: number; lon: number; municipalityCode: string } {
  const place = rng.weighted(places, placeWeights);
  const spreadKm = 2 + 6 * Math.sqrt(place.populationK / 1000);
  const dLat = (rng.gaussian() * spreadKm) / 111.2;
  const dLon = (rng.gaussian() * spreadKm) / (111.2 * Math.cos((place.lat * Math.PI) / 180));
  return { lat: place.lat + dLat, lon: place.lon + dLon, municipalityCode: place.code };
}

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const windows = (days: Weekday[], start: string, end: string): Interval[] =>
  toIntervals(days.map((day) => ({ day, start, end })));

/** Supervised windows employers typically offer. */
const SLOT_SCHEDULES: readonly { make: () => Interval[]; weight: number }[] = [
  { make: () => windows(WEEKDAYS, '08:00', '16:00'), weight: 30 },
  { make: () => windows(WEEKDAYS, '07:00', '15:30'), weight: 15 },
  { make: () => windows(WEEKDAYS, '09:00', '15:00'), weight: 15 },
  { make: () => windows(WEEKDAYS, '08:00', '12:00'), weight: 10 },
  { make: () => windows(['mon', 'tue', 'wed', 'thu'], '09:00', '14:00'), weight: 10 },
  { make: () => windows(['mon', 'wed', 'fri'], '10:00', '15:00'), weight: 8 },
  {
    make: () =>
      toIntervals([
        ...WEEKDAYS.map((day) => ({ day, start: '10:00', end: '18:00' })),
        { day: 'sat', start: '10:00', end: '16:00' },
      ]),
    weight: 7,
  },
  { make: () => windows(['tue', 'thu'], '10:30', '14:00'), weight: 5 },
];

/** When participants can be there; most cannot work full time. */
const AVAILABILITY: readonly { make: () => Interval[]; weight: number }[] = [
  { make: () => windows(WEEKDAYS, '08:00', '16:00'), weight: 20 },
  { make: () => windows(WEEKDAYS, '09:00', '15:00'), weight: 25 },
  { make: () => windows(WEEKDAYS, '09:00', '12:00'), weight: 15 },
  { make: () => windows(WEEKDAYS, '12:00', '16:00'), weight: 8 },
  { make: () => windows(['mon', 'tue', 'wed', 'thu'], '10:00', '14:00'), weight: 15 },
  { make: () => windows(['mon', 'wed', 'fri'], '09:00', '13:00'), weight: 10 },
  { make: () => windows(['tue', 'thu'], '10:00', '15:00'), weight: 7 },
];

const KINDS: SlotKind[] = ['work_training', 'internship', 'work_trial', 'subsidized_job', 'competitive_job'];
const KIND_WEIGHTS = [35, 20, 15, 20, 10];
// Common functional adaptations are offered (and needed) far more often than rare ones.
const ADAPTATION_WEIGHTS = adaptationCodes.map((_c, i) => (i < 8 ? 6 : i < 14 ? 3 : 1));

function weightedSample<T>(rng: Rng, items: readonly T[], weights: readonly number[], k: number): T[] {
  const chosen = new Set<T>();
  for (let tries = 0; chosen.size < k && tries < k * 10; tries++) chosen.add(rng.weighted(items, weights));
  return [...chosen];
}

function nearbyLevel(rng: Rng, typical: Level): Level {
  const i = levels.indexOf(typical) + (rng.chance(0.7) ? 0 : rng.pick([-1, 1]));
  return levels[Math.max(0, Math.min(2, i))]!;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const minutesOf = (intervals: Interval[]) => intervals.reduce((s, [a, b]) => s + b - a, 0);

export function generateSlot(rng: Rng, id: string, today = GENERATOR_TODAY): SlotForMatching {
  const occupation = rng.weighted(
    OCCUPATIONS,
    OCCUPATIONS.map((o) => o.weight),
  );
  const { lat, lon } = randomLocation(rng);
  const schedule = rng
    .weighted(
      SLOT_SCHEDULES,
      SLOT_SCHEDULES.map((s) => s.weight),
    )
    .make();
  const scheduleHours = minutesOf(schedule) / 60;
  const hoursMin = rng.pick([2, 4, 4, 6, 8, 10]);
  const hoursMax = Math.max(hoursMin, Math.min(scheduleHours, rng.pick([20, 25, 30, 40])));
  const capacity = rng.int(1, 3);
  const openEnded = rng.chance(0.5);
  const startDate = addDays(today, rng.int(-90, 30));
  const supervisors = Array.from({ length: rng.chance(0.75) ? 1 : 2 }, (_x, i) => {
    const maxParticipants = rng.int(1, 3);
    return {
      id: `${id}-sup-${i + 1}`,
      maxParticipants,
      activePlacements: rng.int(0, maxParticipants - 1),
      trained: rng.chance(0.4),
    };
  });
  return {
    id,
    organizationId: `org-${rng.int(1, 4000)}`,
    title: rng.pick(occupation.titles),
    description: `${occupation.occupationLabel}. Handledare finns på plats.`,
    tasks: rng.sample(occupation.tasks, rng.int(2, 4)),
    occupationLabel: occupation.occupationLabel,
    ssyk: rng.chance(0.85) ? occupation.ssyk : null,
    kind: rng.weighted(KINDS, KIND_WEIGHTS),
    status: 'open',
    lat,
    lon,
    capacity,
    taken: rng.chance(0.2) ? rng.int(0, capacity - 1) : 0,
    supervisors,
    schedule,
    hoursMin,
    hoursMax,
    openEnded,
    startDate,
    endDate: openEnded ? null : addDays(startDate, 7 * rng.pick([12, 13, 26, 26, 39, 52, 78])),
    adaptations: weightedSample(rng, adaptationCodes, ADAPTATION_WEIGHTS, rng.int(2, 8)).map((code) => ({
      code,
      status: rng.chance(0.5) ? 'in_place' : 'can_arrange',
    })),
    socialIntensity: nearbyLevel(rng, occupation.social),
    physicalDemand: nearbyLevel(rng, occupation.physical),
    leadsToHire: rng.chance(0.35),
  };
}

export function generateParticipant(rng: Rng, id: string): ParticipantForMatching {
  const { lat, lon } = randomLocation(rng);
  const availability = rng
    .weighted(
      AVAILABILITY,
      AVAILABILITY.map((a) => a.weight),
    )
    .make();
  const availableHours = minutesOf(availability) / 60;
  // TUNA: most start under 10 h/week and grow month by month.
  const hoursNow = Math.min(availableHours, rng.pick([4, 5, 6, 8, 8, 10, 12, 15, 20]));
  const hoursTarget = Math.min(40, hoursNow + rng.pick([0, 5, 10, 10, 15, 20]));
  const steps = hoursTarget > hoursNow ? rng.int(0, 3) : 0;
  const rampUp = Array.from({ length: steps }, (_x, i) => ({
    afterWeeks: 6 * (i + 1),
    hoursPerWeek: Math.round(hoursNow + ((hoursTarget - hoursNow) * (i + 1)) / steps),
  }));
  const needs = weightedSample(rng, adaptationCodes, ADAPTATION_WEIGHTS, rng.int(0, 3)).map(
    (code: AdaptationCode) => ({
      code,
      priority: rng.chance(0.35) ? ('must' as const) : ('nice' as const),
    }),
  );
  const preferences: ParticipantForMatching['preferences'] = {};
  if (rng.chance(0.5)) preferences.socialIntensity = rng.weighted(levels, [5, 4, 1]);
  if (rng.chance(0.3)) preferences.physicalDemand = rng.pick(levels);
  if (rng.chance(0.3)) preferences.kinds = rng.sample(KINDS, rng.int(2, 4));
  return {
    id,
    strengths: rng.sample(STRENGTHS, rng.int(0, 3)),
    interests: rng.sample(INTERESTS, rng.int(1, 4)),
    avoid: rng.sample(AVOIDS, rng.weighted([0, 1, 2], [5, 3, 1])),
    availability,
    hoursNow,
    hoursTarget,
    rampUp,
    adaptationNeeds: needs,
    lat,
    lon,
    maxTravelKm: rng.pick([5, 10, 15, 20, 20, 25, 30, 40, 50]),
    preferences,
  };
}

export function generateSlots(count: number, opts: GeneratorOptions = {}): SlotForMatching[] {
  const rng = createRng(opts.seed ?? 1);
  return Array.from({ length: count }, (_x, i) =>
    generateSlot(rng, `slot-${String(i).padStart(6, '0')}`, opts.today),
  );
}

export function generateParticipants(count: number, opts: GeneratorOptions = {}): ParticipantForMatching[] {
  const rng = createRng(opts.seed ?? 2);
  return Array.from({ length: count }, (_x, i) =>
    generateParticipant(rng, `p-${String(i).padStart(5, '0')}`),
  );
}
