/**
 * The Node server's background thread (src/adapters/threads/background.ts, src/entry/node-background.ts)
 * over the test's database file: it drains the outbox on its own connection, answers searches exactly
 * as the index in the request thread does, and when it is gone the search runs in the request thread.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, SEARCH_TOPIC } from '../../db/schema';
import { type BackgroundThread, startBackgroundThread } from '../../src/adapters/threads/background';
import { searchInBackground } from '../../src/adapters/threads/search';
import { silentLogger } from '../../src/lib/logger';
import { embeddedSearch } from '../../src/search/embedded';
import { renderSearch, type SearchIndex, type SlotSearchQuery } from '../../src/search/port';
import { ADMIN_KEY, createTestApp, type TestApp } from '../helpers/app';
import { createWorld } from '../helpers/factories';

const entry = new URL('../../src/entry/node-background.ts', import.meta.url);
let t: TestApp;
let thread: BackgroundThread;
/** The request thread's own index, counting the searches that ran on it. */
let local: SearchIndex;
let localSearches = 0;
let searched: SearchIndex;
let slotId: string;

const browse: SlotSearchQuery = {
  text: '',
  municipalityCodes: [],
  kinds: [],
  adaptations: [],
  days: [],
  socialIntensity: [],
  physicalDemand: [],
  statuses: ['open'],
  ssyk: [],
  majorGroups: [],
  includeFull: false,
  today: '2026-01-05',
  sort: 'newest',
  limit: 20,
  offset: 0,
};

/** Waits for what the other thread brings about (polls; no fixed sleeps). */
async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const searchRowsWaiting = async () =>
  t.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.topic, SEARCH_TOPIC), inArray(outbox.status, ['pending', 'failed'])));

beforeAll(async () => {
  t = await createTestApp();
  const embedded = embeddedSearch(t.db);
  local = {
    ...embedded,
    search: (q) => {
      localSearches++;
      return embedded.search(q);
    },
  };
  // The slot is written here; its search document only by the thread's outbox loop.
  slotId = (await createWorld(t)).slot.id;
  expect((await searchRowsWaiting()).length).toBeGreaterThan(0);
  thread = startBackgroundThread(entry, silentLogger, {
    NODE_ENV: 'test',
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    DATABASE_URL: t.url,
  });
  await thread.started;
  searched = searchInBackground(local, [thread], silentLogger);
}, 180_000);

afterAll(async () => {
  await thread?.stop();
  await t?.close();
});

describe('the background thread', () => {
  it('drains the outbox on its own connection: the new slot is indexed without a pass here', async () => {
    thread.kick();
    await until('the search rows are done', async () => (await searchRowsWaiting()).length === 0);
    const [row] = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `${SEARCH_TOPIC}:${slotId}`));
    expect(row?.status ?? 'no row').toBe('done');
  });

  it('answers a search exactly as the index here does, without searching here', async () => {
    const there = await searched.search(browse);
    expect(localSearches).toBe(0);
    expect(there.hits.map((h) => h.id)).toContain(slotId);
    expect(there).toEqual(await local.search(browse));
  });

  it('answers with the JSON text the API route sends (UTF-8) exactly as the index here would', async () => {
    const before = localSearches;
    const there = await searched.searchRendered!(browse);
    expect(localSearches).toBe(before);
    expect(new TextDecoder().decode(there.head)).toContain(slotId);
    expect(there).toEqual(renderSearch(await local.search(browse)));
  });

  it('is stopped with the server, and the search then runs here', async () => {
    await thread.stop();
    const before = localSearches;
    const answer = await searched.search(browse);
    expect(localSearches).toBe(before + 1);
    expect(answer.hits.map((h) => h.id)).toContain(slotId);
    const rendered = await searched.searchRendered!(browse);
    expect(localSearches).toBe(before + 2);
    expect(rendered).toEqual(renderSearch(answer));
  });
});

describe('a search thread (role `search`, as the server runs it beside its outbox thread)', () => {
  it('answers searches as the index here does, and runs no outbox loop', async () => {
    // A new slot's search row waits for an outbox pass; the first thread is stopped by now.
    await createWorld(t);
    const waiting = (await searchRowsWaiting()).length;
    expect(waiting).toBeGreaterThan(0);
    const searcher = startBackgroundThread(
      entry,
      silentLogger,
      { NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', DATABASE_URL: t.url },
      'search',
    );
    try {
      await searcher.started;
      const there = searchInBackground(local, [searcher], silentLogger);
      const before = localSearches;
      const answer = await there.search(browse);
      expect(localSearches).toBe(before);
      expect(answer.hits.map((h) => h.id)).toContain(slotId);
      expect(answer).toEqual(await local.search(browse));
      // Kicked, a search thread drains nothing: the row is still waiting after it answered again.
      searcher.kick();
      await there.search(browse);
      expect((await searchRowsWaiting()).length).toBe(waiting);
    } finally {
      await searcher.stop();
    }
  });
});

describe('several search threads (NODE_SEARCH_THREADS)', () => {
  it('share the searches that arrive together, each answering as the index here does', async () => {
    const env = { NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', DATABASE_URL: t.url };
    const searchers = [
      startBackgroundThread(entry, silentLogger, env, 'search'),
      startBackgroundThread(entry, silentLogger, env, 'search'),
    ] as const;
    try {
      await Promise.all(searchers.map((s) => s.started));
      // Count the calls each thread is given.
      const given = [0, 0];
      const counted = searchers.map((s, i) => ({
        ...s,
        call: (method: string, payload: unknown) => {
          given[i]!++;
          return s.call(method, payload);
        },
      }));
      const there = searchInBackground(local, [counted[0]!, counted[1]!], silentLogger);
      const before = localSearches;
      const answers = await Promise.all(Array.from({ length: 6 }, () => there.search(browse)));
      expect(localSearches).toBe(before);
      // Sent together, the second goes to the idle thread, the third to the first, and so on.
      expect(given).toEqual([3, 3]);
      const expected = await local.search(browse);
      for (const answer of answers) expect(answer).toEqual(expected);
    } finally {
      await Promise.all(searchers.map((s) => s.stop()));
    }
  });
});
