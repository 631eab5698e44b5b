/**
 * The embedded search's two plans (src/search/embedded/statement.ts: fewest rows read for D1 and
 * Turso, least CPU for a local file on Node) differ only in how the statement reads: over one
 * registry, every search answers the same hits in the same order, the same total and the same facets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsertStatements } from '../../bench/lib/bulk-insert';
import { organizations, slotSupervisors, slots, supervisors } from '../../db/schema';
import { embeddedSearch } from '../../src/search/embedded';
import { encodeOffsetCursor } from '../../src/search/filters';
import type { SlotSearchQuery } from '../../src/search/port';
import { SearchQuerySchema, toSearchQuery } from '../../src/search/query';
import { reindexAll } from '../../src/search/sync';
import { createTestApp, type TestApp } from '../helpers/app';
import { scaleRegistry } from '../helpers/scale-registry';

const ORG = 'org_01J00000000000000000000003';
const NOW = new Date('2025-03-03T09:00:00Z');
let t: TestApp;
const registry = scaleRegistry(
  [
    { lat: 59.33, lon: 18.07, spreadKm: 10, count: 220 },
    { lat: 57.71, lon: 11.97, spreadKm: 6, count: 80 },
  ],
  { organizationId: ORG, now: NOW.toISOString(), seed: 11 },
);

beforeAll(async () => {
  t = await createTestApp({ clock: () => NOW });
  const statements = [
    ...bulkInsertStatements(organizations, [
      {
        id: ORG,
        name: 'Planernas Arbetsgivare AB',
        kind: 'employer',
        organizationNumber: '5566778811',
        contactEmail: 'info@example.se',
        municipalityCode: '0180',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    ]),
    ...bulkInsertStatements(supervisors, registry.rows.supervisors),
    ...bulkInsertStatements(slots, registry.rows.slots),
    ...bulkInsertStatements(slotSupervisors, registry.rows.links),
  ];
  for (const s of statements) await t.client.execute({ sql: s.sql, args: [s.rows] });
  await reindexAll(t.db, t.app.search);
});
afterAll(() => t.close());

const query = (params: string): SlotSearchQuery => {
  const parsed = toSearchQuery(SearchQuerySchema.parse(Object.fromEntries(new URLSearchParams(params))));
  if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
  return { ...parsed.query, today: '2025-03-03' };
};

const SEARCHES = [
  'q=lager',
  'q=handledare&limit=50',
  'q=lag&kind=work_training',
  'q=städ&sort=newest',
  'q=kök&near=59.33,18.07',
  'q=butik&near=59.33,18.07&radiusKm=15',
  'q=butik&near=59.33,18.07&radiusKm=15&sort=distance',
  '',
  'municipalityCode=0180,1480',
  'adaptations=quiet_workspace&days=mon',
  'near=57.71,11.97&radiusKm=20',
  `q=handledare&cursor=${encodeOffsetCursor(20)}`,
];

describe('the two plans of the embedded search', () => {
  it.each(SEARCHES)('answer the same: %s', async (params) => {
    const rows = await embeddedSearch(t.db, { plan: 'rows-read' }).search(query(params));
    const cpu = await embeddedSearch(t.db, { plan: 'cpu' }).search(query(params));
    expect(cpu).toEqual(rows);
    expect(rows.totalExact).toBe(true);
  });

  it('have something to compare: words rank, filters cut and facets count', async () => {
    const res = await embeddedSearch(t.db, { plan: 'cpu' }).search(query('q=handledare&limit=50'));
    expect(res.hits).toHaveLength(50);
    expect(Object.keys(res.facets.kind).length).toBeGreaterThan(1);
    expect(Object.keys(res.facets.adaptations).length).toBeGreaterThan(1);
    expect(res.hits[0]!.highlight.title + res.hits[0]!.highlight.snippet).toContain('<mark>');
  });
});
