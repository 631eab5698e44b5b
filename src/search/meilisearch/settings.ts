/**
 * The Meilisearch index settings, as data (unit-tested; applied by `init` and by reindexing).
 * - searchable, in ranking order: the title first, then occupation, tasks and description, then the
 *   derived keys (src/lib/swedish/keys.ts), which the query is rewritten into (filter.ts);
 * - Swedish for every attribute, so å, ä and ö stay letters (Meilisearch would fold them to a and o);
 * - typos as Meilisearch counts them by default: one from 5 letters, two from 9;
 * - filterable: every filter the API offers and `_geo`; sortable: `_geo` and the creation time.
 */
import type { Settings } from 'meilisearch';
import { occupationWordGroups } from '../../reference';
import { ssykToken } from '../document';

/**
 * Occupation synonyms: each occupation word's stem key (queries are sent as stem keys, see filter.ts)
 * → the tokens of the unit groups it names ("disk" → "ssyk9412").
 */
export function occupationSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, codes] of occupationWordGroups()) out[key] = codes.map(ssykToken);
  return out;
}

/** Meilisearch counts hits up to this many; beyond it the total is "more than". */
export const MAX_TOTAL_HITS = 10_000;

/** `keys` last: derived stems, folded spellings, compound parts and `ssyk9412` rank below the text. */
export const searchableAttributes = ['title', 'occupationLabel', 'tasks', 'description', 'keys'];

export const filterableAttributes = [
  'organizationId',
  'listing',
  'status',
  'kind',
  'municipalityCode',
  'days',
  'adaptations',
  'hoursMin',
  'hoursMax',
  'openEnded',
  'endDay',
  'durationDays',
  'leadsToHire',
  'socialIntensity',
  'physicalDemand',
  'freePlaces',
  'canTakeSomeone',
  'ssyk',
  'ssykMajor',
  '_geo',
];

/** `id` breaks ties between slots created in the same millisecond (ids are time-ordered). */
export const sortableAttributes = ['createdAtMs', 'id', '_geo'];

export const facetAttributes = ['municipalityCode', 'kind', 'adaptations', 'ssyk', 'ssykMajor'];

let synonyms: Record<string, string[]> | null = null;

export const meilisearchSettings: Settings = {
  searchableAttributes,
  filterableAttributes,
  sortableAttributes,
  displayedAttributes: ['*'],
  // Attribute before proximity would rank a title match over a closer description match; the
  // default order already ranks by attribute after words, typos and proximity.
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  localizedAttributes: [{ locales: ['swe'], attributePatterns: ['*'] }],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  // 290 municipalities: every one can have a facet count.
  faceting: { maxValuesPerFacet: 300 },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  // A word that names an occupation also finds slots of its SSYK group, as in the embedded engine.
  // Built on first use: it stems every occupation word, which a Worker would pay at every cold start.
  get synonyms() {
    synonyms ??= occupationSynonyms();
    return synonyms;
  },
};
