/**
 * The slot search port. Two adapters implement it and return the same shapes: the embedded one
 * (SQLite FTS5 in the app's own libSQL or D1 database; no server) and Meilisearch. The index holds
 * slot documents (see document.ts) and social enterprises' capacity listings (capacity-document.ts):
 * never anything about participants.
 */

import type { AdaptationCode, Level, SlotKind, SlotStatus, Weekday } from '../domain/vocabulary';
import type { Listing } from './capacity-document';

/** What the index stores about one slot, built from the slot row by `toSearchDocument`. */
export interface SlotSearchDocument {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  description: string;
  tasks: string[];
  occupationLabel: string;
  /** SSYK 2012 unit group, when the employer gave one. */
  ssyk: string | null;
  /**
   * Derived search keys of the slot's text and occupation, space-separated (src/lib/swedish/keys.ts):
   * folded stems, compound parts, word families and `ssyk9412`. Slot text only, never personal data.
   */
  keys: string;
  kind: SlotKind;
  status: SlotStatus;
  municipalityCode: string;
  municipalityName: string | null;
  lat: number;
  lon: number;
  days: Weekday[];
  daysMask: number;
  adaptations: AdaptationCode[];
  adaptationMask: number;
  hoursMin: number;
  hoursMax: number;
  openEnded: boolean;
  startDate: string;
  endDate: string | null;
  /** Days since 1970-01-01, for duration filters that compare numbers. */
  startDay: number;
  endDay: number | null;
  durationDays: number | null;
  leadsToHire: boolean;
  /** Null for a capacity listing, which does not state it (a level filter then leaves it out). */
  socialIntensity: Level | null;
  physicalDemand: Level | null;
  capacity: number;
  freePlaces: number;
  /**
   * A free place and someone to supervise: a free place and a supervisor with room for one more
   * participant (as of indexing; the embedded engine keeps the room live with a trigger, and both
   * engines check hits against the database).
   */
  canTakeSomeone: boolean;
  createdAt: string;
}

export const searchSorts = ['relevance', 'distance', 'newest'] as const;
export type SearchSort = (typeof searchSorts)[number];

/** Which slots count as available; search shows open slots with a free place unless asked. */
export const searchableStatuses = ['open', 'paused'] as const;
export type SearchableStatus = (typeof searchableStatuses)[number];

/** A validated search, independent of HTTP (see query.ts for the query-string parser). */
export interface SlotSearchQuery {
  /** Free text as the user typed it; empty for browsing. */
  text: string;
  municipalityCodes: string[];
  kinds: SlotKind[];
  /** Every one of these is offered (in place or can arrange). */
  adaptations: AdaptationCode[];
  /** The slot has supervised windows on every one of these weekdays. */
  days: Weekday[];
  /** The slot's hours-per-week range contains this many hours. */
  hours?: number;
  openEnded?: boolean;
  /** Open-ended, or a fixed end at least this many weeks after today (and after the start). */
  minDurationWeeks?: number;
  leadsToHire?: boolean;
  socialIntensity: Level[];
  physicalDemand: Level[];
  near?: { lat: number; lon: number };
  /** Only with `near`; without it results are not cut by distance but still carry it. */
  radiusKm?: number;
  statuses: SearchableStatus[];
  /** SSYK 2012 unit groups (four digits); a slot in any of them matches. */
  ssyk: string[];
  /** SSYK 2012 major groups (the first digit); a slot in any of them matches. */
  majorGroups: string[];
  /** Only slots, or only social enterprises' capacity listings; empty: both. */
  listings?: Listing[];
  /**
   * Also slots that cannot take someone now: all places taken, or no supervisor with room. By default
   * search lists only slots that can (matching would refuse the others).
   */
  includeFull: boolean;
  /** Visibility (employers see their own) or a provider's narrowing to one organization. */
  organizationId?: string;
  /** YYYY-MM-DD: slots whose fixed end has passed are not available; durations count from here. */
  today: string;
  sort: SearchSort;
  limit: number;
  offset: number;
}

export type Facets = {
  municipalityCode: Record<string, number>;
  kind: Record<string, number>;
  adaptations: Record<string, number>;
  /** By SSYK unit group, and by major group (first digit); slots without a code are not counted. */
  ssyk: Record<string, number>;
  majorGroup: Record<string, number>;
};

/** One result: what a handler needs to decide whether to open the slot. */
export interface SlotSearchHit {
  id: string;
  /** A slot, or a social enterprise's work-training capacity listing (src/search/capacity-document.ts). */
  listing: Listing;
  title: string;
  organization: { id: string; name: string };
  municipality: { code: string; name: string | null };
  kind: SlotKind;
  status: SlotStatus;
  hoursPerWeek: { min: number; max: number };
  capacity: number;
  freePlaces: number;
  startDate: string;
  endDate: string | null;
  openEnded: boolean;
  leadsToHire: boolean;
  adaptations: AdaptationCode[];
  /** Straight-line distance from `near`, when given. */
  distanceKm: number | null;
  /** HTML-escaped text with the matched words in `<mark>…</mark>`. */
  highlight: { title: string; snippet: string };
}

export interface SlotSearchResult {
  hits: SlotSearchHit[];
  /** Matching slots in all pages; with `totalExact` false, those found among the candidates examined. */
  total: number;
  /**
   * False when the engine stopped counting: more slots match than `total` ("more than `total`"),
   * and the facets count the same matches as `total`. The embedded engine examines a bounded window
   * of candidates per search; Meilisearch estimates large totals.
   */
  totalExact: boolean;
  /** Counts over the matches `total` counts (every filter applied). */
  facets: Facets;
}

export type SearchEngine = 'embedded' | 'meilisearch';

/** The port: index maintenance for the outbox worker and `npm run reindex`, and the query. */
export interface SearchIndex {
  readonly engine: SearchEngine;
  /** Prepares the index (settings, tables); idempotent. */
  init(): Promise<void>;
  /** Adds or replaces documents by id. */
  upsert(docs: SlotSearchDocument[]): Promise<void>;
  remove(slotIds: string[]): Promise<void>;
  /** Replaces the whole index with these documents (reindex). */
  replaceAll(batches: AsyncIterable<SlotSearchDocument[]>): Promise<{ indexed: number }>;
  search(query: SlotSearchQuery): Promise<SlotSearchResult>;
  /**
   * The same search as the start of the API's JSON text (renderSearch), where an index can make that
   * text cheaper than it makes the hits: in the search thread (src/adapters/threads/search.ts).
   */
  searchRendered?(query: SlotSearchQuery): Promise<RenderedSearchResult>;
}

/**
 * A search's answer as the start of the API's JSON text, UTF-8 encoded:
 * `{"data":[…hits…],"total":…,"totalExact":…,"facets":{…}` (no closing brace: the caller appends
 * its own fields, the next page's cursor and `meta`, and the brace). Made where the search runs, it
 * crosses to the request thread as one transferred buffer (src/adapters/threads/search.ts): that
 * thread then neither rebuilds the hits and facets as objects (a structured clone) nor stringifies
 * them again, nor encodes the text as UTF-8 to send it (about 15 µs of the request thread for
 * browsing's 14 KB at the demo size, which it paid for every search).
 */
export interface RenderedSearchResult {
  /** Its own ArrayBuffer (from TextEncoder, never a shared pool), so it can be transferred. */
  head: Uint8Array<ArrayBuffer>;
  total: number;
  hitCount: number;
}

const utf8 = new TextEncoder();

/** The index's rendered answer: its own where it makes one (searchRendered), else rendered here. */
export function searchRenderedBy(index: SearchIndex, query: SlotSearchQuery): Promise<RenderedSearchResult> {
  return index.searchRendered ? index.searchRendered(query) : index.search(query).then(renderSearch);
}

export function renderSearch({ hits, total, totalExact, facets }: SlotSearchResult): RenderedSearchResult {
  // The text JSON.stringify({ data, total, totalExact, facets, … }) begins with, key for key.
  const head = `{"data":${JSON.stringify(hits)},"total":${JSON.stringify(total)},"totalExact":${JSON.stringify(totalExact)},"facets":${JSON.stringify(facets)}`;
  return { head: utf8.encode(head), total, hitCount: hits.length };
}

export const emptyFacets = (): Facets => ({
  municipalityCode: {},
  kind: {},
  adaptations: {},
  ssyk: {},
  majorGroup: {},
});

/** Major-group counts from unit-group counts. */
export function majorGroupCounts(bySsyk: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, n] of Object.entries(bySsyk)) out[code[0]!] = (out[code[0]!] ?? 0) + n;
  return out;
}
