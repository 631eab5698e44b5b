/**
 * Slot row → search document: a pure function with an explicit list of fields. Only what describes
 * the place goes in (text, location, schedule, adaptations offered, places): no supervisor contact
 * details, no address, and never anything about participants, whose data lives in other tables.
 */
import type { DerivedSlotColumns, slots } from '../../db/schema';
import { type AdaptationCode, weekdays } from '../domain/vocabulary';
import { strengthVocabulary } from '../domain/work-vocabulary';
import { textKeys } from '../lib/swedish/keys';
import { municipalityByCode } from '../reference';
import type { SlotSearchDocument } from './port';

/**
 * A slot row as the app writes it; what the database derives for matching is not searched, except
 * whether a supervisor has room (absent: assumed so, as for a slot just written).
 */
type SlotRow = Omit<typeof slots.$inferSelect, DerivedSlotColumns> &
  Partial<Pick<typeof slots.$inferSelect, 'supervisorsWithRoom'>>;

/** Every field a search document has; tests check documents against this list. */
export const searchDocumentFields = [
  'id',
  'organizationId',
  'organizationName',
  'title',
  'description',
  'tasks',
  'occupationLabel',
  'ssyk',
  'keys',
  'kind',
  'status',
  'municipalityCode',
  'municipalityName',
  'lat',
  'lon',
  'days',
  'daysMask',
  'adaptations',
  'adaptationMask',
  'hoursMin',
  'hoursMax',
  'openEnded',
  'startDate',
  'endDate',
  'startDay',
  'endDay',
  'durationDays',
  'leadsToHire',
  'socialIntensity',
  'physicalDemand',
  'capacity',
  'freePlaces',
  'canTakeSomeone',
  'createdAt',
] as const satisfies readonly (keyof SlotSearchDocument)[];

const DAY_MS = 86_400_000;

/** A calendar date (YYYY-MM-DD) as days since 1970-01-01. */
export const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** Closed slots are not searchable: the index drops them (reopening indexes them again). */
export const isIndexable = (slot: Pick<SlotRow, 'status'>) => slot.status !== 'closed';

export function toSearchDocument(slot: SlotRow, organizationName: string): SlotSearchDocument {
  const startDay = dayNumber(slot.startDate);
  const endDay = slot.openEnded || !slot.endDate ? null : dayNumber(slot.endDate);
  return {
    id: slot.id,
    organizationId: slot.organizationId,
    organizationName,
    title: slot.title,
    description: slot.description,
    tasks: [...slot.tasks],
    occupationLabel: slot.occupationLabel,
    ssyk: slot.ssyk,
    keys: searchKeys(slot, slot.suits),
    kind: slot.kind,
    status: slot.status,
    municipalityCode: slot.municipalityCode,
    municipalityName: municipalityByCode.get(slot.municipalityCode)?.name ?? null,
    lat: slot.lat,
    lon: slot.lon,
    days: weekdays.filter((_d, i) => (slot.daysMask & (1 << i)) !== 0),
    daysMask: slot.daysMask,
    adaptations: slot.adaptations.map((a) => a.code as AdaptationCode),
    adaptationMask: slot.adaptationMask,
    hoursMin: slot.hoursMin,
    hoursMax: slot.hoursMax,
    openEnded: slot.openEnded,
    startDate: slot.startDate,
    endDate: endDay === null ? null : slot.endDate,
    startDay,
    endDay,
    durationDays: endDay === null ? null : endDay - startDay,
    leadsToHire: slot.leadsToHire,
    socialIntensity: slot.socialIntensity,
    physicalDemand: slot.physicalDemand,
    capacity: slot.capacity,
    freePlaces: Math.max(0, slot.capacity - slot.taken),
    canTakeSomeone: slot.capacity > slot.taken && (slot.supervisorsWithRoom ?? 1) > 0,
    createdAt: slot.createdAt,
  };
}

/** The token a slot's SSYK unit group is found by in the keys ("ssyk9412"). */
export const ssykToken = (code: string) => `ssyk${code}`;

/**
 * Search keys of a slot (see SlotSearchDocument.keys): of its title, tasks, occupation and
 * description, the qualities the work suits (their Swedish words: "noggrann"), and its unit group's
 * token.
 */
export function searchKeys(
  slot: Pick<SlotSearchDocument, 'title' | 'occupationLabel' | 'tasks' | 'description' | 'ssyk'>,
  suits: readonly string[] = [],
): string {
  const qualities = strengthVocabulary.filter((s) => suits.includes(s.code)).map((s) => s.sv);
  const keys = textKeys(
    [slot.title, ...slot.tasks, slot.occupationLabel, slot.description, ...qualities].join('\n'),
  );
  if (slot.ssyk) keys.push(ssykToken(slot.ssyk));
  return keys.join(' ');
}

/**
 * The text a slot is found by, in two weighted parts: the title, and the rest (description first, so
 * a snippet without a match starts with it), in composed Unicode form as queries are.
 */
export function searchText(
  doc: Pick<SlotSearchDocument, 'title' | 'occupationLabel' | 'tasks' | 'description' | 'keys'>,
) {
  return {
    title: doc.title.normalize('NFC'),
    body: [doc.description, ...doc.tasks, doc.occupationLabel].join('\n').normalize('NFC'),
    keys: doc.keys,
  };
}
