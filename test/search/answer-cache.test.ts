/**
 * Issue #17: the embedded search's answers kept in a Node process while the search revision stands
 * (src/search/answer-cache.ts, migration 0030). What moves the revision and what does not; the
 * cache's own rules; and, over a real database, answers identical to uncached ones after every kind
 * of write (the shared behaviour suite also runs with answers kept: embedded.test.ts).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/lib/logger';
import { createSearchIndex, type SearchIndex, type SlotSearchQuery } from '../../src/search';
import { withAnswerCache } from '../../src/search/answer-cache';
import { searchRevisionReader } from '../../src/search/embedded/revision';
import type { RenderedSearchResult } from '../../src/search/port';
import { ADMIN_KEY, createTestApp, type TestApp } from '../helpers/app';
import {
  createCapacityListing,
  createParticipant,
  createSlot,
  createSupervisor,
  orgWithKey,
} from '../helpers/factories';

const TODAY = new Date('2026-06-01T10:00:00Z');

describe('the answer cache itself', () => {
  const answer = (text: string): RenderedSearchResult => ({
    head: new TextEncoder().encode(text),
    total: 1,
    hitCount: 1,
  });
  /** An index that answers with the query's text and the revision it was asked at, and counts searches. */
  function fakeIndex(current: { revision: number | undefined }) {
    const asked: string[] = [];
    const index: SearchIndex = {
      engine: 'embedded',
      init: async () => {},
      upsert: async () => {},
      remove: async () => {},
      replaceAll: async () => ({ indexed: 0 }),
      search: async () => ({ hits: [], total: 0, totalExact: true, facets: {} as never }),
      searchRendered: async (q) => {
        asked.push(q.text ?? '');
        return answer(`${q.text}@${current.revision}`);
      },
    };
    return { index, asked };
  }
  const query = (text: string) => ({ text }) as SlotSearchQuery;
  const textOf = (r: RenderedSearchResult) => new TextDecoder().decode(r.head);

  it('answers again while the revision stands, and searches again once it moved', async () => {
    const current = { revision: 1 as number | undefined };
    const { index, asked } = fakeIndex(current);
    const cached = withAnswerCache(index, () => current.revision);
    expect(textOf(await cached.searchRendered!(query('bageri')))).toBe('bageri@1');
    expect(textOf(await cached.searchRendered!(query('bageri')))).toBe('bageri@1');
    expect(textOf(await cached.searchRendered!(query('lager')))).toBe('lager@1');
    expect(asked).toEqual(['bageri', 'lager']);
    current.revision = 2;
    expect(textOf(await cached.searchRendered!(query('bageri')))).toBe('bageri@2');
    expect(asked).toEqual(['bageri', 'lager', 'bageri']);
    // Without a revision to read, every search runs.
    current.revision = undefined;
    await cached.searchRendered!(query('bageri'));
    await cached.searchRendered!(query('bageri'));
    expect(asked).toHaveLength(5);
  });

  it('keeps no answer made while the revision moved on, nor one of an older revision', async () => {
    const current = { revision: 5 };
    const { index, asked } = fakeIndex(current);
    let reads = 0;
    // The revision moves on between the read before the search and the search's end.
    const cached = withAnswerCache(index, () => current.revision + (reads++ === 1 ? 1 : 0));
    await cached.searchRendered!(query('a')); // read 5, kept at 5
    await cached.searchRendered!(query('b')); // read 6: the cache starts afresh
    await cached.searchRendered!(query('a')); // read 5 (older than 6): runs, not kept
    await cached.searchRendered!(query('a')); // read 5 again: runs again
    expect(asked).toEqual(['a', 'b', 'a', 'a']);
  });

  it('runs a search asked again while it runs once, at the same revision', async () => {
    const current = { revision: 1 };
    const { index, asked } = fakeIndex(current);
    const cached = withAnswerCache(index, () => current.revision);
    const answers = await Promise.all([
      cached.searchRendered!(query('a')),
      cached.searchRendered!(query('a')),
    ]);
    expect(answers.map(textOf)).toEqual(['a@1', 'a@1']);
    expect(asked).toEqual(['a']);
    // A search that fails fails for everyone who waited for it, and the next one runs again.
    let fail = true;
    const failing = withAnswerCache(
      {
        ...index,
        searchRendered: async (q) => {
          asked.push(q.text ?? '');
          if (fail) throw new Error('index down');
          return answer('ok');
        },
      },
      () => 7,
    );
    const both = await Promise.allSettled([
      failing.searchRendered!(query('x')),
      failing.searchRendered!(query('x')),
    ]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(textOf(await failing.searchRendered!(query('x')))).toBe('ok');
    expect(asked).toEqual(['a', 'x', 'x']);
  });

  it('keeps at most its limits of answers and bytes, dropping the oldest first', async () => {
    const current = { revision: 1 };
    const { index, asked } = fakeIndex(current);
    const cached = withAnswerCache(index, () => current.revision, { answers: 2, bytes: 1000 });
    for (const q of ['a', 'b', 'c', 'b', 'c', 'a']) await cached.searchRendered!(query(q));
    // a, b, c searched; c pushed a out; b and c answered again; a searched again.
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
    // An answer larger than the byte limit is never kept.
    const big = fakeIndex(current);
    const bounded = withAnswerCache(big.index, () => 1, { answers: 10, bytes: 4 });
    await bounded.searchRendered!(query('longer than four bytes'));
    await bounded.searchRendered!(query('longer than four bytes'));
    expect(big.asked).toHaveLength(2);
  });
});

describe('the search revision over a real database', () => {
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let supervisorId: string;
  let revision: () => number | undefined;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => TODAY });
    employer = await orgWithKey(t, 'employer', 'employer');
    supervisorId = (await createSupervisor(t, employer.key)).id;
    const read = searchRevisionReader(t.db);
    if (!read) throw new Error('the test database is not a local file');
    revision = read;
  });
  afterAll(() => t.close());

  /** Whether `change` moved the revision on. */
  const moves = async (change: () => Promise<unknown>) => {
    const before = revision();
    await change();
    return revision() !== before;
  };
  const ok = async (res: Promise<{ status: number; text: string }>) => {
    const r = await res;
    expect(r.status, r.text).toBeLessThan(300);
  };

  it('moves with the index, availability, deletion and names, not with a text edit alone', async () => {
    expect(typeof revision()).toBe('number');
    const slot = await createSlot(t, employer.key, [supervisorId], { title: 'Bagare' });
    expect(await moves(() => t.app.drainOutbox())).toBe(true);
    const patch = (body: Record<string, unknown>) =>
      ok(t.call('PATCH', `/v1/slots/${slot.id}`, { key: employer.key, body }));
    expect(await moves(() => patch({ description: 'Nya ord i texten.' }))).toBe(false);
    expect(await moves(() => t.app.drainOutbox())).toBe(true);
    expect(await moves(() => patch({ capacity: 3 }))).toBe(true);
    expect(await moves(() => patch({ status: 'paused' }))).toBe(true);
    expect(await moves(() => patch({ status: 'open' }))).toBe(true);
    expect(
      await moves(() =>
        ok(t.call('PATCH', `/v1/organizations/${employer.org.id}`, { body: { name: 'Nytt namn AB' } })),
      ),
    ).toBe(true);
    // Direct writes too (another process, a migration): the triggers see every writer.
    expect(await moves(() => t.db.run(sql`UPDATE slots SET taken = 1 WHERE id = ${slot.id}`))).toBe(true);
    expect(await moves(() => t.db.run(sql`UPDATE slots SET taken = 1 WHERE id = ${slot.id}`))).toBe(false);
    expect(
      await moves(() => t.db.run(sql`UPDATE slots SET supervisors_with_room = 0 WHERE id = ${slot.id}`)),
    ).toBe(true);
    await t.db.run(sql`UPDATE slots SET taken = 0 WHERE id = ${slot.id}`);
    expect(await moves(() => ok(t.call('DELETE', `/v1/slots/${slot.id}`, { key: employer.key })))).toBe(true);
  });

  it('moves with a capacity listing’s places, status and deletion', async () => {
    const enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
    const { id } = await createCapacityListing(t, enterprise.key, { places: 2 });
    expect(await moves(() => t.db.run(sql`UPDATE capacity_listings SET places = 3 WHERE id = ${id}`))).toBe(
      true,
    );
    expect(
      await moves(() => t.db.run(sql`UPDATE capacity_listings SET places_taken = 1 WHERE id = ${id}`)),
    ).toBe(true);
    expect(
      await moves(() => t.db.run(sql`UPDATE capacity_listings SET status = 'closed' WHERE id = ${id}`)),
    ).toBe(true);
    expect(await moves(() => t.db.run(sql`DELETE FROM capacity_listings WHERE id = ${id}`))).toBe(true);
  });
});

describe('kept answers against fresh ones, after every kind of write', () => {
  let t: TestApp;
  let fresh: ReturnType<typeof createApp>;
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let handler: Awaited<ReturnType<typeof orgWithKey>>;
  let supervisorId: string;
  const SEARCHES = [
    'q=bageri',
    'q=lager&kind=work_training',
    'near=59.33,18.07&radiusKm=10',
    '',
    'includeFull=true',
  ];

  beforeAll(async () => {
    t = await createTestApp({
      clock: () => TODAY,
      env: { SEARCH_PLAN: 'cpu' },
      search: (db, config) => withAnswerCache(createSearchIndex(config, db, true), searchRevisionReader(db)!),
    });
    // A second app over the same file whose every search runs.
    const config = loadConfig({
      NODE_ENV: 'test',
      ADMIN_API_KEY: ADMIN_KEY,
      LOG_LEVEL: 'silent',
      SEARCH_PLAN: 'cpu',
    });
    fresh = createApp({ config, db: t.db, logger: silentLogger, clock: () => TODAY });
    employer = await orgWithKey(t, 'employer', 'employer');
    supervisorId = (await createSupervisor(t, employer.key)).id;
    handler = await orgWithKey(t, 'provider', 'handler');
  });
  afterAll(() => t.close());

  /** Every search, through both apps, twice through the caching one (the second from its cache). */
  async function expectSameAnswers(step: string) {
    for (const q of SEARCHES) {
      const path = `/v1/slots/search?${q}`;
      const init = { headers: { authorization: `Bearer ${handler.key}` } };
      const want = await (await fresh.request(path, init)).text();
      const first = await (await t.app.request(path, init)).text();
      const again = await (await t.app.request(path, init)).text();
      expect(first, `${step}: ${q}`).toBe(want);
      expect(again, `${step}: ${q} (kept)`).toBe(want);
    }
  }

  it('gives exactly what a fresh search gives', async () => {
    const slots = [];
    for (const [title, lat] of [
      ['Bagare på bageri', 59.33],
      ['Lagerarbetare', 59.34],
      ['Bageriarbete i lager', 59.32],
    ] as const)
      slots.push(
        await createSlot(t, employer.key, [supervisorId], {
          title,
          kind: 'work_training',
          location: { municipalityCode: '0180', lat, lon: 18.07 },
        }),
      );
    await expectSameAnswers('created, not indexed');
    await t.app.drainOutbox();
    await expectSameAnswers('indexed');
    const [a, b, c] = [slots[0]!, slots[1]!, slots[2]!];
    const patch = async (id: string, body: Record<string, unknown>) => {
      const res = await t.call('PATCH', `/v1/slots/${id}`, { key: employer.key, body });
      expect(res.status, res.text).toBe(200);
    };
    await patch(a.id, { description: 'Nu även lager.' });
    await expectSameAnswers('text edited, not indexed');
    await t.app.drainOutbox();
    await expectSameAnswers('text edited, indexed');
    await patch(b.id, { status: 'paused' });
    await expectSameAnswers('paused');
    await patch(b.id, { status: 'open' });
    await t.app.drainOutbox();
    await expectSameAnswers('reopened');
    // A place taken: a participant accepted and started.
    const participant = await createParticipant(t, handler.key);
    const proposed = await t.call('POST', '/v1/placements', {
      key: handler.key,
      body: { participantId: participant.id, slotId: c.id, disclose: ['strengths'] },
    });
    expect(proposed.status, proposed.text).toBe(201);
    const placementId = (proposed.body as { id: string }).id;
    const accepted = await t.call('POST', `/v1/placements/${placementId}/accept`, {
      key: employer.key,
      body: { supervisorId },
    });
    expect(accepted.status, accepted.text).toBe(200);
    await expectSameAnswers('a place taken');
    await t.db.run(sql`UPDATE slots SET taken = capacity WHERE id = ${c.id}`);
    await expectSameAnswers('filled');
    const renamed = await t.call('PATCH', `/v1/organizations/${employer.org.id}`, {
      body: { name: 'Bageri & Lager AB' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    await expectSameAnswers('organization renamed');
    const removed = await t.call('DELETE', `/v1/slots/${a.id}`, { key: employer.key });
    expect(removed.status, removed.text).toBeLessThan(300);
    await expectSameAnswers('deleted, not indexed');
    await t.app.drainOutbox();
    await expectSameAnswers('deleted, indexed');
  });
});
