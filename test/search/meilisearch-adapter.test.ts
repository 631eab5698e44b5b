/**
 * The Meilisearch adapter against a stand-in server on 127.0.0.1 that speaks the few endpoints it
 * uses (indexes, settings, documents, tasks, search, swap) and records every request. It checks what
 * the adapter sends and how it reads answers, not Meilisearch's own search: that is the shared suite's
 * job when MEILISEARCH_URL points at a real server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meilisearchSearch } from '../../src/search/meilisearch';
import type { SearchIndex, SlotSearchQuery } from '../../src/search/port';
import { loadDocuments } from '../../src/search/sync';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

interface Recorded {
  method: string;
  path: string;
  body: any;
}

function fakeMeilisearch() {
  const requests: Recorded[] = [];
  const indexes = new Map<string, { settings: any; docs: Map<string, any> }>();
  let taskUid = 0;
  const task = (indexUid: string | null) => ({
    taskUid: ++taskUid,
    indexUid,
    status: 'enqueued',
    type: 'x',
    enqueuedAt: new Date().toISOString(),
  });
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method!, path: url.pathname, body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const parts = url.pathname.split('/').filter(Boolean);
      if (parts[0] === 'tasks') return send(200, { uid: Number(parts[1]), status: 'succeeded', error: null });
      if (parts[0] === 'swap-indexes') {
        const [a, b] = body[0].indexes as [string, string];
        const ia = indexes.get(a)!;
        indexes.set(a, indexes.get(b)!);
        indexes.set(b, ia);
        return send(202, task(null));
      }
      if (parts[0] === 'indexes' && parts.length === 1 && req.method === 'POST') {
        indexes.set(body.uid, { settings: {}, docs: new Map() });
        return send(202, task(body.uid));
      }
      const uid = parts[1]!;
      const index = indexes.get(uid);
      if (parts.length === 2 && req.method === 'GET')
        return index
          ? send(200, { uid, primaryKey: 'id' })
          : send(404, { message: 'not found', code: 'index_not_found', type: 'invalid_request', link: '' });
      if (parts.length === 2 && req.method === 'DELETE') {
        indexes.delete(uid);
        return send(202, task(uid));
      }
      if (!index)
        return send(404, {
          message: 'not found',
          code: 'index_not_found',
          type: 'invalid_request',
          link: '',
        });
      if (parts[2] === 'settings') {
        index.settings = body;
        return send(202, task(uid));
      }
      if (parts[2] === 'documents' && parts[3] === 'delete-batch') {
        for (const id of body) index.docs.delete(id);
        return send(202, task(uid));
      }
      if (parts[2] === 'documents') {
        for (const d of body) index.docs.set(d.id, d);
        return send(202, task(uid));
      }
      if (parts[2] === 'search') {
        const hits = [...index.docs.values()].map((d) => ({
          ...d,
          _formatted: { ...d, title: `\uE000${d.title}\uE001` },
        }));
        return send(200, {
          hits,
          estimatedTotalHits: hits.length,
          facetDistribution: { kind: { work_training: hits.length } },
          query: body.q,
          processingTimeMs: 1,
          limit: body.limit,
          offset: body.offset,
        });
      }
      send(404, { message: `no route ${req.method} ${url.pathname}`, code: 'x', type: 'x', link: '' });
    });
  });
  return { server, requests, indexes };
}

let t: TestApp;
let fake: ReturnType<typeof fakeMeilisearch>;
let meili: SearchIndex;
let slots: { id: string }[];

const query: SlotSearchQuery = {
  text: 'bageri',
  municipalityCodes: [],
  kinds: ['work_training'],
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

beforeAll(async () => {
  fake = fakeMeilisearch();
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  const port = (fake.server.address() as AddressInfo).port;
  t = await createTestApp();
  meili = meilisearchSearch({ url: `http://127.0.0.1:${port}`, apiKey: 'k', index: 'slots', db: t.db });
  const employer = await orgWithKey(t, 'employer', 'employer');
  const sup = await createSupervisor(t, employer.key);
  slots = [
    await createSlot(t, employer.key, [sup.id], { title: 'Bageribiträde' }),
    await createSlot(t, employer.key, [sup.id], { title: 'Bagare' }),
  ];
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => fake.server.close(resolve));
});

describe('Meilisearch adapter over HTTP', () => {
  it('creates the index with its settings before the first write, then adds documents', async () => {
    const { docs } = await loadDocuments(
      t.db,
      slots.map((s) => s.id),
    );
    await meili.upsert(docs);
    const calls = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls.indexOf('POST /indexes')).toBeLessThan(calls.indexOf('PATCH /indexes/slots/settings'));
    expect(calls.indexOf('PATCH /indexes/slots/settings')).toBeLessThan(
      calls.indexOf('POST /indexes/slots/documents'),
    );
    expect(fake.indexes.get('slots')!.settings.localizedAttributes).toEqual([
      { locales: ['swe'], attributePatterns: ['*'] },
    ]);
    const stored = [...fake.indexes.get('slots')!.docs.values()];
    expect(stored.map((d) => d.id).sort()).toEqual(slots.map((s) => s.id).sort());
    expect(stored[0]._geo).toEqual({ lat: 59.33, lng: 18.06 });
  });

  it('searches with the translated filter, and drops hits the database says are gone', async () => {
    // Closed a moment ago, and the index does not know yet.
    expect((await t.call('PATCH', `/v1/slots/${slots[1]!.id}`, { body: { status: 'closed' } })).status).toBe(
      200,
    );
    const result = await meili.search(query);
    const search = fake.requests.filter((r) => r.path === '/indexes/slots/search').at(-1)!;
    expect(search.body).toMatchObject({
      // The last word as typed (folded): Meilisearch matches it as a prefix of the documents' words and keys.
      q: 'bageri',
      matchingStrategy: 'all',
      facets: ['municipalityCode', 'kind', 'adaptations', 'ssyk', 'ssykMajor'],
      limit: 20,
      offset: 0,
    });
    expect(search.body.filter).toContain('kind IN ["work_training"]');
    expect(result.hits.map((h) => h.id)).toEqual([slots[0]!.id]);
    expect(result.hits[0]!.highlight.title).toBe('<mark>Bageribiträde</mark>');
    expect(result.total).toBe(1);
    expect(result.facets.kind).toEqual({ work_training: 2 });
  });

  it('removes documents, and reindexes into a fresh index that it swaps in', async () => {
    await meili.remove([slots[1]!.id]);
    expect(fake.indexes.get('slots')!.docs.has(slots[1]!.id)).toBe(false);
    const { docs } = await loadDocuments(t.db, [slots[0]!.id]);
    const r = await meili.replaceAll(
      (async function* () {
        yield docs;
      })(),
    );
    expect(r.indexed).toBe(1);
    const calls = fake.requests.map((x) => `${x.method} ${x.path}`);
    expect(calls).toContain('POST /swap-indexes');
    expect(fake.requests.find((x) => x.path === '/swap-indexes')!.body).toEqual([
      { indexes: ['slots', 'slots_reindex'] },
    ]);
    expect([...fake.indexes.get('slots')!.docs.keys()]).toEqual([slots[0]!.id]);
    expect(fake.indexes.has('slots_reindex')).toBe(false);
  });
});

describe('Meilisearch adapter and capacity listings', () => {
  it("indexes a social enterprise's capacity listing, answers it as a listing, and drops it when full", async () => {
    const enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
    const created = await t.call('POST', '/v1/capacity', {
      key: enterprise.key,
      body: {
        title: 'Arbetsträning i bageri och kafé',
        description: 'Deltagare bakar och serverar.',
        activityAreas: ['bageri', 'kafé'],
        municipalityCode: '1480',
        places: 2,
        participantsPerSupervisor: 2,
        programmes: ['stepping_stone'],
        referralSources: ['social_services'],
        hoursPerWeek: { min: 4, max: 15 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const { docs, gone } = await loadDocuments(t.db, [id]);
    expect(gone).toEqual([]);
    await meili.replaceAll(
      (async function* () {
        yield docs;
      })(),
    );
    const stored = fake.indexes.get('slots')!.docs.get(id);
    // Its municipality's centre (no site), its areas as tasks, no levels it does not state, and
    // nothing about referrals or the people placed there.
    expect(stored).toMatchObject({
      kind: 'work_training',
      tasks: ['bageri', 'kafé'],
      socialIntensity: null,
      physicalDemand: null,
      days: [],
      capacity: 2,
      freePlaces: 2,
      canTakeSomeone: true,
    });
    expect(stored._geo.lat).toBeCloseTo(57.7, 0);
    expect(JSON.stringify(stored)).not.toMatch(/social_services|stepping_stone|referral|programme/);

    const result = await meili.search({ ...query, kinds: [] });
    expect(result.hits.map((h) => [h.id, h.listing])).toEqual([[id, 'capacity']]);
    expect(result.hits[0]).toMatchObject({ capacity: 2, freePlaces: 2, municipality: { code: '1480' } });
    // Both places taken a moment ago: the database check drops it before the index knows.
    const full = await t.call('PATCH', `/v1/capacity/${id}`, {
      key: enterprise.key,
      body: { placesTaken: 2 },
    });
    expect(full.status, full.text).toBe(200);
    expect((await meili.search({ ...query, kinds: [] })).hits).toEqual([]);
    expect((await meili.search({ ...query, kinds: [], includeFull: true })).hits.map((h) => h.id)).toEqual([
      id,
    ]);
  });
});
