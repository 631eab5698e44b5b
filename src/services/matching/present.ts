/**
 * How matching results read: a reason in both languages, a match with its parts, and the summary of
 * a slot a handler needs (title, employer, place, free places).
 */
import { type Match, type Reason, renderReason } from '../../matching';
import { municipalityByCode } from '../../reference';
import type { MatchingQueries } from './queries';
import type { CatalogSlot } from './rows';

/** A reason as the API shows it: code and parameters (for programs) and the text in both languages. */
export const rendered = (r: Reason) => ({
  code: r.code,
  params: r.params,
  text: { sv: renderReason(r, 'sv'), en: renderReason(r, 'en') },
});

export function presentMatch(m: Match) {
  return {
    slotId: m.slotId,
    participantId: m.participantId,
    score: m.score,
    components: m.components,
    distanceKm: Math.round(m.distanceKm * 10) / 10,
    overlapHours: m.overlapHours,
    reasons: m.reasons.map(rendered),
    gaps: m.gaps.map(rendered),
  };
}

/**
 * `presentMatch` with the slot's summary last: the matches answer. The summary is added to the
 * presented match itself (Object.assign's target), not to a spread copy of every match; the keys
 * keep their order, so the JSON is the same.
 */
export function presentMatchWithSlot(m: Match, slot: SlotSummary | null) {
  return Object.assign(presentMatch(m), { slot });
}

export type SlotSummary = ReturnType<typeof summary>;

export function summary(s: CatalogSlot, organizationName: string) {
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    organizationId: s.organizationId,
    organizationName,
    municipalityCode: s.municipalityCode,
    municipalityName: municipalityByCode.get(s.municipalityCode)?.name ?? null,
    freePlaces: s.capacity - s.taken,
    hoursPerWeek: { min: s.hoursMin, max: s.hoursMax },
  };
}

/**
 * Each found slot's summary by id, with its employer's name: from `knownName` (the resident
 * catalog's) where it has it, the rest read (prepared reads, in chunks).
 */
export async function summariesOf(
  queries: MatchingQueries,
  found: CatalogSlot[],
  knownName?: (organizationId: string) => string | undefined,
) {
  const names = new Map<string, string>();
  const unknown = new Set<string>();
  for (const s of found) {
    const id = s.organizationId;
    if (names.has(id) || unknown.has(id)) continue;
    const name = knownName?.(id);
    if (name === undefined) unknown.add(id);
    else names.set(id, name);
  }
  if (unknown.size > 0)
    for (const [id, name] of await queries.organizationNames([...unknown])) names.set(id, name);
  return new Map(found.map((s) => [s.id, summary(s, names.get(s.organizationId) ?? '')]));
}
