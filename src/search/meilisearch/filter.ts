/**
 * A search → Meilisearch search parameters: the filter expression (an array, ANDed), the sort and
 * the facets. Pure, so the translation is unit-tested without a server. Values are quoted and
 * escaped even though the query parser already allows only known codes.
 */
import type { SearchParams } from 'meilisearch';
import { fold } from '../../lib/swedish/fold';
import { stemKey } from '../../lib/swedish/keys';
import { dayNumber, ssykToken } from '../document';
import type { SlotSearchQuery } from '../port';
import { MARK_END, MARK_START, queryWords } from '../text';
import { facetAttributes } from './settings';

const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
const oneOf = (field: string, values: readonly string[]) => `${field} IN [${values.map(quote).join(', ')}]`;

export function toMeiliFilter(q: SlotSearchQuery): string[] {
  const today = dayNumber(q.today);
  const f: string[] = [oneOf('status', q.statuses)];
  if (!q.includeFull) f.push('freePlaces > 0', 'canTakeSomeone = true');
  if (q.ssyk.length) f.push(oneOf('ssyk', q.ssyk));
  if (q.majorGroups.length) f.push(oneOf('ssykMajor', q.majorGroups));
  if (q.kinds.length) f.push(oneOf('kind', q.kinds));
  if (q.municipalityCodes.length) f.push(oneOf('municipalityCode', q.municipalityCodes));
  if (q.organizationId) f.push(`organizationId = ${quote(q.organizationId)}`);
  if (q.listings?.length) f.push(oneOf('listing', q.listings));
  for (const code of q.adaptations) f.push(`adaptations = ${quote(code)}`);
  for (const day of q.days) f.push(`days = ${quote(day)}`);
  if (q.hours !== undefined) f.push(`hoursMin <= ${q.hours}`, `hoursMax >= ${q.hours}`);
  if (q.openEnded !== undefined) f.push(`openEnded = ${q.openEnded}`);
  f.push(`(openEnded = true OR endDay >= ${today})`);
  if (q.minDurationWeeks !== undefined) {
    const days = q.minDurationWeeks * 7;
    f.push(`(openEnded = true OR (endDay >= ${today + days} AND durationDays >= ${days}))`);
  }
  if (q.leadsToHire !== undefined) f.push(`leadsToHire = ${q.leadsToHire}`);
  if (q.socialIntensity.length) f.push(oneOf('socialIntensity', q.socialIntensity));
  if (q.physicalDemand.length) f.push(oneOf('physicalDemand', q.physicalDemand));
  if (q.near && q.radiusKm !== undefined)
    f.push(`_geoRadius(${q.near.lat}, ${q.near.lon}, ${Math.round(q.radiusKm * 1000)})`);
  return f;
}

export function toMeiliSort(q: SlotSearchQuery): string[] | undefined {
  if (q.sort === 'distance' && q.near) return [`_geoPoint(${q.near.lat}, ${q.near.lon}):asc`];
  if (q.sort === 'newest' || !q.text) return ['createdAtMs:desc', 'id:desc'];
  return undefined; // relevance
}

/**
 * The words as Meilisearch is asked for them: each word's stem key (folded, src/lib/swedish/keys.ts),
 * which the documents' `keys` hold for every form, compound part and spelling without å/ä/ö; an
 * SSYK code as its token. Occupation words reach their group through the index's synonyms. The last
 * word stays a prefix (Meilisearch's own rule), so the folded word being typed is kept as typed.
 */
export function meiliQueryText(text: string): string {
  const words = queryWords(text);
  return words
    .map((w, i) => {
      if (/^\d{4}$/.test(w)) return ssykToken(w);
      return i === words.length - 1 ? fold(w) : stemKey(w);
    })
    .join(' ');
}

/**
 * The whole request. Every word must match (like the embedded adapter); matches are wrapped in
 * private-use marks that the mapping turns into escaped HTML with <mark>.
 */
export function toMeiliSearch(q: SlotSearchQuery): { q: string; params: SearchParams } {
  const sort = toMeiliSort(q);
  return {
    q: meiliQueryText(q.text),
    params: {
      filter: toMeiliFilter(q),
      ...(sort ? { sort } : {}),
      facets: facetAttributes,
      offset: q.offset,
      limit: q.limit,
      matchingStrategy: 'all',
      attributesToHighlight: ['title', 'description'],
      attributesToCrop: ['description'],
      cropLength: 24,
      cropMarker: '…',
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
    } as SearchParams,
  };
}
