/**
 * Every text the matching engine can show, in Swedish and English. Reasons travel as data
 * (code + params) and are rendered here, at the edge, so tests check codes and translators edit one file.
 */
import { adaptationByCode, type SlotKind, slotKindLabels } from '../domain/vocabulary';
import { avoidVocabulary } from '../domain/work-vocabulary';
import type { Reason, ReasonCode, ReasonParams } from './types';

export type Language = 'sv' | 'en';
type Render = (p: ReasonParams) => string;

const num = (p: ReasonParams, key: string): number => Number(p[key] ?? 0);
const str = (p: ReasonParams, key: string): string => String(p[key] ?? '');
const list = (p: ReasonParams, key: string): string[] => {
  const v = p[key];
  return Array.isArray(v) ? v : v === undefined ? [] : [String(v)];
};

/** 2.5 → "2,5" in Swedish, "2.5" in English; whole numbers without decimals. */
const formatNumber = (n: number, lang: Language) =>
  Number.isInteger(n) ? String(n) : lang === 'sv' ? String(n).replace('.', ',') : String(n);

/** "a, b och c" / "a, b and c" */
function joinList(items: string[], lang: Language): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items.at(-1)}`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const adaptationLabel = (code: string, lang: Language) =>
  lowerFirst(adaptationByCode.get(code)?.[lang] ?? code);
const avoidLabel = (code: string, lang: Language) =>
  avoidVocabulary.find((c) => c.code === code)?.[lang] ?? code;
const kindLabel = (kind: string, lang: Language) => slotKindLabels[kind as SlotKind]?.[lang] ?? kind;

const levelLabels: Record<string, Record<Language, string>> = {
  low: { sv: 'låg', en: 'low' },
  medium: { sv: 'medel', en: 'medium' },
  high: { sv: 'hög', en: 'high' },
};
const level = (v: string, lang: Language) => levelLabels[v]?.[lang] ?? v;
const aspectLabels: Record<string, Record<Language, string>> = {
  social: { sv: 'Social intensitet', en: 'Social intensity' },
  physical: { sv: 'Fysisk belastning', en: 'Physical demand' },
};
const aspect = (v: string, lang: Language) => aspectLabels[v]?.[lang] ?? v;
const statusLabels: Record<string, Record<Language, string>> = {
  open: { sv: 'öppen', en: 'open' },
  paused: { sv: 'pausad', en: 'paused' },
  closed: { sv: 'stängd', en: 'closed' },
};

function both(
  sv: (p: ReasonParams, n: (x: number) => string) => string,
  en: typeof sv,
): Record<Language, Render> {
  return {
    sv: (p) => sv(p, (x) => formatNumber(x, 'sv')),
    en: (p) => en(p, (x) => formatNumber(x, 'en')),
  };
}

export const messages: Record<ReasonCode, Record<Language, Render>> = {
  // Hard constraints
  slot_not_open: both(
    (p) => `Platsen är inte öppen (${statusLabels[str(p, 'status')]?.sv ?? str(p, 'status')})`,
    (p) => `The slot is not open (${statusLabels[str(p, 'status')]?.en ?? str(p, 'status')})`,
  ),
  no_free_place: both(
    (p, n) => `Inga lediga platser (${n(num(p, 'taken'))} av ${n(num(p, 'capacity'))} tagna)`,
    (p, n) => `No free places (${n(num(p, 'taken'))} of ${n(num(p, 'capacity'))} taken)`,
  ),
  no_supervisor_room: both(
    () => 'Ingen handledare har plats för fler deltagare',
    () => 'No supervisor has room for another participant',
  ),
  must_adaptation_missing: both(
    (p) =>
      `Saknar ${list(p, 'missing').length > 1 ? 'nödvändiga anpassningar' : 'nödvändig anpassning'}: ${joinList(
        list(p, 'missing').map((c) => adaptationLabel(c, 'sv')),
        'sv',
      )}`,
    (p) =>
      `Missing ${list(p, 'missing').length > 1 ? 'required adaptations' : 'a required adaptation'}: ${joinList(
        list(p, 'missing').map((c) => adaptationLabel(c, 'en')),
        'en',
      )}`,
  ),
  too_few_overlapping_hours: both(
    (p, n) =>
      `Bara ${n(num(p, 'overlapHours'))} timmar/vecka passar både platsens schema och deltagarens tider; behöver ${n(num(p, 'hoursNow'))}`,
    (p, n) =>
      `Only ${n(num(p, 'overlapHours'))} h/week fit both the slot's schedule and the participant's availability; needs ${n(num(p, 'hoursNow'))}`,
  ),
  slot_minimum_above_current_hours: both(
    (p, n) =>
      `Platsen kräver minst ${n(num(p, 'hoursMin'))} timmar/vecka; deltagaren klarar ${n(num(p, 'hoursNow'))} nu`,
    (p, n) =>
      `The slot needs at least ${n(num(p, 'hoursMin'))} h/week; the participant manages ${n(num(p, 'hoursNow'))} now`,
  ),
  too_far: both(
    (p, n) => `${n(num(p, 'km'))} km bort; högst ${n(num(p, 'maxKm'))} km`,
    (p, n) => `${n(num(p, 'km'))} km away; limit ${n(num(p, 'maxKm'))} km`,
  ),
  kind_not_wanted: both(
    (p) =>
      `${kindLabel(str(p, 'kind'), 'sv')} är inte önskat (önskar: ${joinList(
        list(p, 'wanted').map((k) => lowerFirst(kindLabel(k, 'sv'))),
        'sv',
      )})`,
    (p) =>
      `${kindLabel(str(p, 'kind'), 'en')} is not wanted (wanted: ${joinList(
        list(p, 'wanted').map((k) => lowerFirst(kindLabel(k, 'en'))),
        'en',
      )})`,
  ),
  avoided_task: both(
    (p) => `Innehåller något deltagaren vill undvika: ${joinList(list(p, 'terms'), 'sv')}`,
    (p) => `Includes something the participant wants to avoid: ${joinList(list(p, 'terms'), 'en')}`,
  ),

  // What fits
  interests_match: both(
    (p) => `Matchar intressen: ${joinList(list(p, 'terms'), 'sv')}`,
    (p) => `Matches interests: ${joinList(list(p, 'terms'), 'en')}`,
  ),
  strengths_match: both(
    (p) => `Tar vara på styrkor: ${joinList(list(p, 'terms'), 'sv')}`,
    (p) => `Uses strengths: ${joinList(list(p, 'terms'), 'en')}`,
  ),
  can_grow: both(
    (p, n) => `Kan växa från ${n(num(p, 'from'))} till ${n(num(p, 'to'))} timmar/vecka`,
    (p, n) => `Can grow from ${n(num(p, 'from'))} to ${n(num(p, 'to'))} h/week`,
  ),
  ramp_up_fits: both(
    (p, n) => `Kan följa upptrappningsplanen (${n(num(p, 'steps'))} steg)`,
    (p, n) =>
      `Can follow the ramp-up plan (${n(num(p, 'steps'))} ${num(p, 'steps') === 1 ? 'step' : 'steps'})`,
  ),
  adaptations_offered: both(
    (p, n) =>
      (num(p, 'wanted') === 1
        ? 'Erbjuder den önskade anpassningen'
        : num(p, 'wanted') === 2
          ? 'Erbjuder båda önskade anpassningarna'
          : `Erbjuder alla ${n(num(p, 'wanted'))} önskade anpassningar`) +
      (num(p, 'inPlace') === num(p, 'wanted') ? '' : ` (${n(num(p, 'inPlace'))} finns redan på plats)`),
    (p, n) =>
      (num(p, 'wanted') === 1
        ? 'Offers the wanted adaptation'
        : num(p, 'wanted') === 2
          ? 'Offers both wanted adaptations'
          : `Offers all ${n(num(p, 'wanted'))} wanted adaptations`) +
      (num(p, 'inPlace') === num(p, 'wanted') ? '' : ` (${n(num(p, 'inPlace'))} already in place)`),
  ),
  open_ended: both(
    () => 'Tillsvidare',
    () => 'Open-ended',
  ),
  open_ended_leads_to_hire: both(
    () => 'Tillsvidare – kan leda till anställning',
    () => 'Open-ended – can lead to a hire',
  ),
  long_term: both(
    (p, n) => `Långsiktig: ${n(num(p, 'weeks'))} veckor`,
    (p, n) => `Long-term: ${n(num(p, 'weeks'))} weeks`,
  ),
  leads_to_hire: both(
    () => 'Kan leda till anställning',
    () => 'Can lead to a hire',
  ),
  distance: both(
    (p, n) => `${n(num(p, 'km'))} km bort`,
    (p, n) => `${n(num(p, 'km'))} km away`,
  ),
  environment_fits: both(
    (p) => `${aspect(str(p, 'aspect'), 'sv')} som önskat: ${level(str(p, 'level'), 'sv')}`,
    (p) => `${aspect(str(p, 'aspect'), 'en')} as wished: ${level(str(p, 'level'), 'en')}`,
  ),
  trained_supervisor: both(
    () => 'Handledaren har gått handledarutbildning',
    () => 'The supervisor has taken the supervisor course',
  ),

  // What is missing
  no_interest_match: both(
    () => 'Ingen av deltagarens styrkor eller intressen nämns',
    () => "None of the participant's strengths or interests is named",
  ),
  target_out_of_reach: both(
    (p, n) => `Når inte målet ${n(num(p, 'target'))} timmar/vecka (högst ${n(num(p, 'max'))})`,
    (p, n) => `Cannot reach the target of ${n(num(p, 'target'))} h/week (at most ${n(num(p, 'max'))})`,
  ),
  ramp_up_step_not_possible: both(
    (p, n) =>
      `Klarar inte steget till ${n(num(p, 'hours'))} timmar/vecka efter ${n(num(p, 'afterWeeks'))} veckor`,
    (p, n) => `Cannot follow the step to ${n(num(p, 'hours'))} h/week after ${n(num(p, 'afterWeeks'))} weeks`,
  ),
  adaptations_missing: both(
    (p, n) =>
      `Erbjuder ${n(num(p, 'offered'))} av ${n(num(p, 'wanted'))} önskade anpassningar; saknas: ${joinList(
        list(p, 'missing').map((c) => adaptationLabel(c, 'sv')),
        'sv',
      )}`,
    (p, n) =>
      `Offers ${n(num(p, 'offered'))} of ${n(num(p, 'wanted'))} wanted adaptations; missing: ${joinList(
        list(p, 'missing').map((c) => adaptationLabel(c, 'en')),
        'en',
      )}`,
  ),
  short_term: both(
    (p, n) => `Kort placering: ${n(num(p, 'weeks'))} veckor kvar`,
    (p, n) => `Short placement: ${n(num(p, 'weeks'))} weeks left`,
  ),
  environment_mismatch: both(
    (p) =>
      `${aspect(str(p, 'aspect'), 'sv')} ${level(str(p, 'offered'), 'sv')}, önskad ${level(str(p, 'wanted'), 'sv')}`,
    (p) =>
      `${aspect(str(p, 'aspect'), 'en')} ${level(str(p, 'offered'), 'en')}, wanted ${level(str(p, 'wanted'), 'en')}`,
  ),
  avoid_conflict: both(
    (p) => `Innehåller något deltagaren vill undvika: ${lowerFirst(avoidLabel(str(p, 'category'), 'sv'))}`,
    (p) =>
      `Involves something the participant wants to avoid: ${lowerFirst(avoidLabel(str(p, 'category'), 'en'))}`,
  ),
  supervisor_not_trained: both(
    () => 'Ingen handledare med plats har gått handledarutbildning',
    () => 'No supervisor with room has taken the supervisor course',
  ),

  // Allocation
  no_eligible_slot: both(
    () => 'Ingen plats uppfyller alla krav',
    () => 'No slot meets every requirement',
  ),
  places_taken: both(
    (p, n) =>
      num(p, 'eligibleSlots') === 1
        ? 'Den enda möjliga platsen gick till en deltagare där helheten blev bättre'
        : `De ${n(num(p, 'eligibleSlots'))} möjliga platserna gick till deltagare där helheten blev bättre`,
    (p, n) =>
      num(p, 'eligibleSlots') === 1
        ? 'The only eligible slot went to another participant, which gave a better overall result'
        : `The ${n(num(p, 'eligibleSlots'))} eligible slots went to other participants, which gave a better overall result`,
  ),
};

/** Text a coach can read aloud. Unknown codes (from a newer engine) fall back to the code itself. */
export function renderReason(reason: Reason, lang: Language): string {
  const render = messages[reason.code as ReasonCode]?.[lang];
  return render ? render(reason.params) : reason.code;
}
