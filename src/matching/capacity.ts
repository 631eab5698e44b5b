/**
 * A social enterprise's work-training capacity listing as a match target (issue #14): pure, like the
 * rest of the engine. A listing states less than a slot (activity areas, hours, free places, where;
 * no schedule, adaptations or demand levels), so it is judged on what it states, with the same
 * reasons a slot gets:
 * - hard: open, a free place, within the participant's travel limit, its minimum hours within what
 *   the participant manages now, work training among the kinds they want, no free word they avoid
 *   named (an avoid category the listing names is a gap and costs 0.5, as on a slot);
 * - score: what the person wants (interests and strengths met by the listing's words, through the
 *   same Swedish keys as slots: text.ts) first, then room to grow towards their target, then distance.
 * Its supervision ratio is part of its places: a free place has a supervisor.
 */
import { avoidCategoriesOf, avoidCategoryByCode, strengthOf } from '../domain/work-vocabulary';
import { distanceKm } from '../lib/geo';
import { round1 } from './constraints';
import { AVOID_PENALTY } from './score-rules';
import { contentStems, phraseNeedles } from './text';
import type { FailureCode, FitCode, GapCode, ParticipantForMatching, Reason } from './types';

export interface CapacityForMatching {
  id: string;
  organizationId: string;
  title: string;
  description: string;
  activityAreas: string[];
  status: 'open' | 'paused' | 'closed';
  places: number;
  placesTaken: number;
  hoursMin: number;
  hoursMax: number;
  /** Its site, or its municipality's centre. */
  lat: number;
  lon: number;
}

export interface CapacityMatch {
  listingId: string;
  participantId: string;
  score: number;
  distanceKm: number;
  reasons: Reason<FitCode>[];
  gaps: Reason<GapCode>[];
}

/** What the person wants weighs most, as for slots (weights.ts: text before growth). */
const WEIGHTS = { text: 0.55, growth: 0.25, distance: 0.2 } as const;

/** The phrases one of whose needles meets one of the listing's terms (as for slots). */
function matchedPhrases(
  phrases: readonly string[],
  terms: ReadonlySet<string>,
  extra: (phrase: string) => readonly string[] = () => [],
): string[] {
  return phrases.filter((phrase) => [...phraseNeedles(phrase), ...extra(phrase)].some((n) => terms.has(n)));
}

/** A strength also meets the work it suits ("noggrann" → sortera, plocka…), as for slots. */
const suits = (phrase: string) => strengthOf(phrase)?.suits ?? [];

/** Free avoid words (not a category: categories are weighed, see scoreCapacity). */
const freeAvoidWords = (p: ParticipantForMatching) =>
  p.avoid.filter((a) => avoidCategoriesOf(a).length === 0);

/** Avoid categories the listing's words state ("kassa" in its areas: cash handling). */
function avoidConflicts(p: ParticipantForMatching, terms: ReadonlySet<string>): string[] {
  const codes = new Set(p.avoid.flatMap((a) => avoidCategoriesOf(a)));
  return [...codes].filter((code) => {
    const category = avoidCategoryByCode(code);
    return category ? [...category.keys].some((k) => terms.has(k)) : false;
  });
}

/** Why the listing cannot take this participant; empty when it can. */
export function capacityFailures(p: ParticipantForMatching, c: CapacityForMatching): Reason<FailureCode>[] {
  const out: Reason<FailureCode>[] = [];
  if (c.status !== 'open') out.push({ code: 'slot_not_open', params: { status: c.status } });
  if (c.placesTaken >= c.places)
    out.push({ code: 'no_free_place', params: { taken: c.placesTaken, capacity: c.places } });
  const km = distanceKm(p.lat, p.lon, c.lat, c.lon);
  if (km > p.maxTravelKm) out.push({ code: 'too_far', params: { km: round1(km), maxKm: p.maxTravelKm } });
  if (c.hoursMin > p.hoursNow)
    out.push({
      code: 'slot_minimum_above_current_hours',
      params: { hoursMin: c.hoursMin, hoursNow: p.hoursNow },
    });
  const kinds = p.preferences.kinds;
  if (kinds?.length && !kinds.includes('work_training'))
    out.push({ code: 'kind_not_wanted', params: { kind: 'work_training', wanted: [...kinds] } });
  const avoided = matchedPhrases(freeAvoidWords(p), listingTerms(c));
  if (avoided.length) out.push({ code: 'avoided_task', params: { terms: avoided } });
  return out;
}

const listingTerms = (c: CapacityForMatching) =>
  new Set(contentStems([c.title, ...c.activityAreas, c.description].join('\n')));

/** The score and reasons of a listing that can take the participant (capacityFailures is empty). */
export function scoreCapacity(p: ParticipantForMatching, c: CapacityForMatching): CapacityMatch {
  const terms = listingTerms(c);
  const interests = matchedPhrases(p.interests, terms);
  const strengths = matchedPhrases(p.strengths, terms, suits);
  const wanted = p.interests.length + p.strengths.length;
  // Interests count double: what the person wants to do before what they are good at.
  const text = wanted
    ? Math.min(
        1,
        (2 * interests.length + strengths.length) /
          (2 * Math.max(1, p.interests.length) + p.strengths.length),
      )
    : 0;
  const reach = Math.min(c.hoursMax, p.hoursTarget);
  const growth =
    p.hoursTarget > p.hoursNow ? Math.max(0, (reach - p.hoursNow) / (p.hoursTarget - p.hoursNow)) : 1;
  const km = distanceKm(p.lat, p.lon, c.lat, c.lon);
  const near = p.maxTravelKm > 0 ? Math.max(0, 1 - km / p.maxTravelKm) : 1;
  const reasons: Reason<FitCode>[] = [];
  const gaps: Reason<GapCode>[] = [];
  if (interests.length) reasons.push({ code: 'interests_match', params: { terms: interests } });
  if (strengths.length) reasons.push({ code: 'strengths_match', params: { terms: strengths } });
  if (!interests.length && !strengths.length && wanted) gaps.push({ code: 'no_interest_match', params: {} });
  if (reach > p.hoursNow) reasons.push({ code: 'can_grow', params: { from: p.hoursNow, to: reach } });
  if (c.hoursMax < p.hoursTarget)
    gaps.push({ code: 'target_out_of_reach', params: { target: p.hoursTarget, max: c.hoursMax } });
  reasons.push({ code: 'distance', params: { km: round1(km) } });
  // What the person avoids, named by the listing: shown and weighed down, as for slots.
  const conflicts = avoidConflicts(p, terms);
  for (const category of conflicts) gaps.push({ code: 'avoid_conflict', params: { category } });
  const score = Math.max(
    0,
    WEIGHTS.text * text +
      WEIGHTS.growth * growth +
      WEIGHTS.distance * near -
      (conflicts.length ? AVOID_PENALTY : 0),
  );
  return {
    listingId: c.id,
    participantId: p.id,
    score: Math.round(score * 10_000) / 10_000,
    distanceKm: round1(km),
    reasons,
    gaps,
  };
}

/** The listings that can take the participant, best first (ties: nearer first, then id). */
export function rankCapacity(
  p: ParticipantForMatching,
  listings: readonly CapacityForMatching[],
  limit = 20,
): CapacityMatch[] {
  return listings
    .filter((c) => capacityFailures(p, c).length === 0)
    .map((c) => scoreCapacity(p, c))
    .sort((a, b) => b.score - a.score || a.distanceKm - b.distanceKm || (a.listingId < b.listingId ? -1 : 1))
    .slice(0, limit);
}
