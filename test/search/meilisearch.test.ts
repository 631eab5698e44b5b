/**
 * The Meilisearch adapter's pure parts, tested without a server (none runs on this machine): index
 * settings, filter and sort translation, the search request, and document and hit mapping. The
 * adapter's behaviour against a real server is the shared suite in meilisearch.int.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toMeiliFilter, toMeiliSearch, toMeiliSort } from '../../src/search/meilisearch/filter';
import { fromMeiliHit, type MeiliHit, toMeiliDocument } from '../../src/search/meilisearch/mapping';
import {
  facetAttributes,
  filterableAttributes,
  meilisearchSettings,
  searchableAttributes,
} from '../../src/search/meilisearch/settings';
import type { SlotSearchDocument, SlotSearchQuery } from '../../src/search/port';
import { MARK_END, MARK_START } from '../../src/search/text';

const base: SlotSearchQuery = {
  text: '',
  municipalityCodes: [],
  kinds: [],
  ssyk: [],
  majorGroups: [],
  adaptations: [],
  days: [],
  socialIntensity: [],
  physicalDemand: [],
  statuses: ['open'],
  includeFull: false,
  today: '2026-06-01',
  sort: 'relevance',
  limit: 20,
  offset: 0,
};
const TODAY = Date.parse('2026-06-01') / 86_400_000;

describe('Meilisearch settings', () => {
  it('searches the title first, then occupation, tasks and description, then the derived keys', () => {
    expect(meilisearchSettings.searchableAttributes).toEqual([
      'title',
      'occupationLabel',
      'tasks',
      'description',
      'keys',
    ]);
    expect(searchableAttributes).not.toContain('organizationName');
  });

  it('can filter on every filter the API offers, and on _geo; sorts by _geo and creation', () => {
    for (const f of [
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
    ])
      expect(filterableAttributes).toContain(f);
    expect(meilisearchSettings.sortableAttributes).toEqual(expect.arrayContaining(['_geo', 'createdAtMs']));
    for (const f of facetAttributes) expect(filterableAttributes).toContain(f);
  });

  it('declares Swedish so å, ä and ö stay letters, and allows typos as the embedded search does', () => {
    expect(meilisearchSettings.localizedAttributes).toEqual([{ locales: ['swe'], attributePatterns: ['*'] }]);
    expect(meilisearchSettings.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    });
    expect(meilisearchSettings.faceting?.maxValuesPerFacet).toBeGreaterThanOrEqual(290);
  });
});

describe('Meilisearch filter translation', () => {
  it('by default: open, can take someone now, not past its end date', () => {
    expect(toMeiliFilter(base)).toEqual([
      'status IN ["open"]',
      'freePlaces > 0',
      'canTakeSomeone = true',
      `(openEnded = true OR endDay >= ${TODAY})`,
    ]);
    expect(toMeiliFilter({ ...base, statuses: ['open', 'paused'], includeFull: true })).toEqual([
      'status IN ["open", "paused"]',
      `(openEnded = true OR endDay >= ${TODAY})`,
    ]);
  });

  it('translates every filter', () => {
    const f = toMeiliFilter({
      ...base,
      municipalityCodes: ['0180', '1480'],
      kinds: ['work_training'],
      adaptations: ['quiet_workspace', 'slower_pace'],
      days: ['mon', 'wed'],
      hours: 10,
      openEnded: false,
      minDurationWeeks: 26,
      leadsToHire: true,
      socialIntensity: ['low', 'medium'],
      physicalDemand: ['low'],
      organizationId: 'org_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
      near: { lat: 57.7089, lon: 11.9746 },
      radiusKm: 25,
      ssyk: ['9412', '7612'],
      majorGroups: ['9'],
      listings: ['capacity'],
    });
    expect(f).toEqual([
      'status IN ["open"]',
      'freePlaces > 0',
      'canTakeSomeone = true',
      'ssyk IN ["9412", "7612"]',
      'ssykMajor IN ["9"]',
      'kind IN ["work_training"]',
      'municipalityCode IN ["0180", "1480"]',
      'organizationId = "org_01JD3S2Q7ZK4V0X9YB6N5M8T2R"',
      'listing IN ["capacity"]',
      'adaptations = "quiet_workspace"',
      'adaptations = "slower_pace"',
      'days = "mon"',
      'days = "wed"',
      'hoursMin <= 10',
      'hoursMax >= 10',
      'openEnded = false',
      `(openEnded = true OR endDay >= ${TODAY})`,
      `(openEnded = true OR (endDay >= ${TODAY + 182} AND durationDays >= 182))`,
      'leadsToHire = true',
      'socialIntensity IN ["low", "medium"]',
      'physicalDemand IN ["low"]',
      '_geoRadius(57.7089, 11.9746, 25000)',
    ]);
  });

  it('quotes and escapes values', () => {
    expect(toMeiliFilter({ ...base, organizationId: 'x" OR status = "closed' })).toContain(
      'organizationId = "x\\" OR status = \\"closed"',
    );
  });

  it('sorts by distance, by newest, or by relevance (no sort)', () => {
    const near = { lat: 59.33, lon: 18.06 };
    expect(toMeiliSort({ ...base, text: 'x', sort: 'distance', near })).toEqual([
      '_geoPoint(59.33, 18.06):asc',
    ]);
    expect(toMeiliSort({ ...base, text: 'x', sort: 'newest' })).toEqual(['createdAtMs:desc', 'id:desc']);
    expect(toMeiliSort({ ...base, text: 'x' })).toBeUndefined();
    expect(toMeiliSort({ ...base, text: '' })).toEqual(['createdAtMs:desc', 'id:desc']);
  });

  it('asks for every word, the three facets, a page, and marks it can turn into safe HTML', () => {
    const { q, params } = toMeiliSearch({ ...base, text: 'bageri göteborg', limit: 10, offset: 30 });
    // Sent as stem keys (the documents' `keys` hold every form); the last word as typed, folded.
    expect(q).toBe('bak goteborg');
    expect(params).toMatchObject({
      matchingStrategy: 'all',
      facets: ['municipalityCode', 'kind', 'adaptations', 'ssyk', 'ssykMajor'],
      limit: 10,
      offset: 30,
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
      attributesToCrop: ['description'],
    });
    expect(params.sort).toBeUndefined();
  });
});

describe('Meilisearch documents and hits', () => {
  const doc: SlotSearchDocument = {
    id: 'slt_1',
    organizationId: 'org_1',
    organizationName: 'Bageriet AB',
    title: 'Bageribiträde',
    description: 'Baka <bröd>.',
    tasks: ['baka'],
    occupationLabel: 'Bagare',
    ssyk: '7612',
    keys: 'bak bageribitr bitr ssyk7612',
    kind: 'work_training',
    status: 'open',
    municipalityCode: '1480',
    municipalityName: 'Göteborg',
    lat: 57.7,
    lon: 11.97,
    days: ['mon'],
    daysMask: 1,
    adaptations: ['quiet_workspace'],
    adaptationMask: 1,
    hoursMin: 4,
    hoursMax: 8,
    openEnded: true,
    startDate: '2026-01-05',
    endDate: null,
    startDay: 20458,
    endDay: null,
    durationDays: null,
    leadsToHire: false,
    socialIntensity: 'low',
    physicalDemand: 'low',
    capacity: 2,
    freePlaces: 1,
    canTakeSomeone: true,
    createdAt: '2026-01-01T08:00:00.000Z',
  };

  it('carries _geo and the creation time as a number; drops the bit masks', () => {
    const m = toMeiliDocument(doc);
    expect(m._geo).toEqual({ lat: 57.7, lng: 11.97 });
    expect(m.createdAtMs).toBe(Date.parse('2026-01-01T08:00:00.000Z'));
    expect(m).not.toHaveProperty('lat');
    expect(m).not.toHaveProperty('daysMask');
    expect(m).not.toHaveProperty('adaptationMask');
  });

  it('maps a hit back with escaped, marked highlights and a haversine distance', () => {
    const hit: MeiliHit = {
      ...toMeiliDocument(doc),
      _formatted: {
        title: `${MARK_START}Bageri${MARK_END}biträde`,
        description: `Baka <${MARK_START}bröd${MARK_END}>.`,
      },
    };
    const h = fromMeiliHit(hit, { lat: 57.7089, lon: 11.9746 });
    expect(h).toMatchObject({
      id: 'slt_1',
      organization: { id: 'org_1', name: 'Bageriet AB' },
      municipality: { code: '1480', name: 'Göteborg' },
      freePlaces: 1,
      highlight: { title: '<mark>Bageri</mark>biträde', snippet: 'Baka &lt;<mark>bröd</mark>&gt;.' },
    });
    expect(h.distanceKm).toBeGreaterThan(0.5);
    expect(h.distanceKm).toBeLessThan(1.5);
    expect(fromMeiliHit({ ...hit, _formatted: undefined }).highlight.snippet).toBe('Baka &lt;bröd&gt;.');
    expect(fromMeiliHit(hit).distanceKm).toBeNull();
  });
});
