/**
 * The Meilisearch index settings, as data (unit-tested; applied by `init` and by reindexing).
 * - searchable, in ranking order: the title first, then occupation, tasks and description;
 * - Swedish for every attribute, so å, ä and ö stay letters (Meilisearch would fold them to a and o);
 * - typos as Meilisearch counts them by default: one from 5 letters, two from 9;
 * - filterable: every filter the API offers and `_geo`; sortable: `_geo` and the creation time.
 */
import type { Settings } from 'meilisearch';

/** Meilisearch counts hits up to this many; beyond it the total is "more than". */
export const MAX_TOTAL_HITS = 10_000;

export const searchableAttributes = ['title', 'occupationLabel', 'tasks', 'description'];

export const filterableAttributes = [
  'organizationId',
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
  '_geo',
];

/** `id` breaks ties between slots created in the same millisecond (ids are time-ordered). */
export const sortableAttributes = ['createdAtMs', 'id', '_geo'];

export const facetAttributes = ['municipalityCode', 'kind', 'adaptations'];

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
};
