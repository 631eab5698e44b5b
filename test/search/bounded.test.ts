/**
 * The embedded search examines a bounded window of candidates (SEARCH_WINDOW, here 100 so that a
 * few hundred slots exceed it): beyond the window, totals and facets count what was examined and the
 * answer says so, while the first pages stay right wherever the window's order is the sort's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsertStatements } from '../../bench/lib/bulk-insert';
import { organizations, slotSupervisors, slots, supervisors } from '../../db/schema';
import { embeddedSearch } from '../../src/search/embedded';
import { SearchQuerySchema, toSearchQuery } from '../../src/search/query';
import { reindexAll } from '../../src/search/sync';
import { createTestApp, type TestApp } from '../helpers/app';
import { orgWithKey } from '../helpers/factories';
import { scaleRegistry } from '../helpers/scale-registry';

const WINDOW = 100;
const ORG = 'org_01J00000000000000000000002';
const NOW = new Date('2025-03-03T09:00:00Z');
let t: TestApp;
let handler: Awaited<ReturnType<typeof orgWithKey>>;
const registry = scaleRegistry(
  [
    { lat: 59.33, lon: 18.07, spreadKm: 8, count: 260 },
    { lat: 63.83, lon: 20.26, spreadKm: 4, count: 30 },
  ],
  { organizationId: ORG, now: NOW.toISOString() },
);
// Each slot a minute newer than the one before, so "newest first" has one right answer.
const rows = registry.rows.slots.map((s, i) => ({
  ...s,
  createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
}));

interface Answer {
  data: { id: string }[];
  total: number;
  totalExact: boolean;
  facets: Record<string, Record<string, number>>;
  nextCursor: string | null;
}
const search = async (query: string) => {
  const res = await t.call('GET', `/v1/slots/search?${query}`, { key: handler.key });
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Open slots with a free place that are still running, newest first: what browsing should list. */
const available = rows
  .filter((s) => s.status === 'open' && s.taken! < s.capacity && (s.openEnded || s.endDate! >= '2025-03-03'))
  .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));

/** Both plans (statement.ts) examine the same window and answer the same way. */
describe.each(['rows-read', 'cpu'] as const)('a search bounded to its window (%s)', (plan) => {
  beforeAll(async () => {
    t = await createTestApp({ env: { SEARCH_WINDOW: String(WINDOW), SEARCH_PLAN: plan }, clock: () => NOW });
    handler = await orgWithKey(t, 'provider', 'handler');
    const statements = [
      ...bulkInsertStatements(organizations, [
        {
          id: ORG,
          name: 'Stora Arbetsgivaren AB',
          kind: 'employer',
          organizationNumber: '5566778800',
          contactEmail: 'info@example.se',
          municipalityCode: '0180',
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        },
      ]),
      ...bulkInsertStatements(supervisors, registry.rows.supervisors),
      ...bulkInsertStatements(slots, rows),
      ...bulkInsertStatements(slotSupervisors, registry.rows.links),
    ];
    for (const s of statements) await t.client.execute({ sql: s.sql, args: [s.rows] });
    await reindexAll(t.db, t.app.search);
  });
  afterAll(() => t.close());

  it('browsing examines the newest slots only, says so, and still lists the newest first', async () => {
    const res = await search('sort=newest&limit=20');
    expect(res.totalExact).toBe(false);
    expect(res.total).toBeLessThanOrEqual(WINDOW + 1);
    expect(res.total).toBeGreaterThan(20);
    expect(res.data.map((h) => h.id)).toEqual(available.slice(0, 20).map((s) => s.id));
    // The facets count the same matches as the total.
    expect(sum(res.facets.kind!)).toBe(res.total);
    expect(sum(res.facets.municipalityCode!)).toBe(res.total);
  });

  it('pages stop within what was counted', async () => {
    let cursor: string | null = null;
    const seen: string[] = [];
    let total = 0;
    do {
      const res: Answer = await search(`sort=newest&limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.data.map((h) => h.id));
      total = res.total;
      cursor = res.nextCursor;
    } while (cursor);
    expect(seen).toEqual(available.slice(0, total).map((s) => s.id));
  });

  it('is exact when the access path holds fewer candidates than the window', async () => {
    // Umeå's 30 slots, within 15 km: the radius's docid ranges hold them all.
    const near = await search('near=63.83,20.26&radiusKm=15&sort=distance&limit=100');
    expect(near.totalExact).toBe(true);
    const umea = available.filter((s) => Math.abs(s.lat - 63.83) < 1);
    expect(near.total).toBe(umea.length);
    expect(new Set(near.data.map((h) => h.id))).toEqual(new Set(umea.map((s) => s.id)));
  });

  it('with words, examines the best text matches first', async () => {
    // Every generated description names the supervisor ("Handledare finns…"), so the word matches
    // every slot: the window holds the best-ranked 101 of them.
    const res = await search('q=handledare&limit=10');
    expect(res.totalExact).toBe(false);
    expect(res.total).toBeLessThanOrEqual(WINDOW + 1);
    expect(res.data).toHaveLength(10);
    // The same first page as a search that examines every match: the window holds the best ones.
    const parsed = toSearchQuery(SearchQuerySchema.parse({ q: 'handledare', limit: '10' }));
    if ('errors' in parsed) throw new Error('not a search');
    const everything = await embeddedSearch(t.db, { plan, window: 10_000 }).search({
      ...parsed.query,
      today: '2025-03-03',
    });
    expect(everything.totalExact).toBe(true);
    expect(everything.total).toBeGreaterThan(WINDOW + 1);
    expect(res.data.map((h) => h.id)).toEqual(everything.hits.map((h) => h.id));
  });
});
