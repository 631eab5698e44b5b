/**
 * Keeping the index in step: the outbox task written with each slot change, retries when the index
 * fails, slots deleted before their task runs, organizations deactivated, `npm run reindex`, and the
 * route's plumbing (registration before /slots/{id}, OpenAPI, errors).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, SEARCH_TOPIC } from '../../db/schema';
import { embeddedSearch } from '../../src/search/embedded';
import type { SearchIndex } from '../../src/search/port';
import { reindexAll } from '../../src/search/sync';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

let now = new Date('2026-06-01T10:00:00Z');
let t: TestApp;
let failures = 0;
let inner: SearchIndex;
/** The embedded index, failing its next `failures` writes. */
const flaky: SearchIndex = {
  engine: 'embedded',
  init: () => inner.init(),
  upsert: async (docs) => {
    if (failures > 0) {
      failures--;
      throw new Error('index unavailable');
    }
    return inner.upsert(docs);
  },
  remove: (ids) => inner.remove(ids),
  replaceAll: (b) => inner.replaceAll(b),
  search: (q) => inner.search(q),
};
let employer: Awaited<ReturnType<typeof orgWithKey>>;
let supervisorId: string;
let handlerKey: string;

const ids = async (q: string) => {
  const res = await t.call('GET', `/v1/slots/search?q=${encodeURIComponent(q)}`, { key: handlerKey });
  expect(res.status).toBe(200);
  return (res.body.data as { id: string }[]).map((h) => h.id);
};
const taskOf = async (slotId: string) =>
  (
    await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `${SEARCH_TOPIC}:${slotId}`))
  )[0];

beforeAll(async () => {
  t = await createTestApp({ clock: () => now, deps: { search: flaky } });
  inner = embeddedSearch(t.db);
  employer = await orgWithKey(t, 'employer', 'employer');
  supervisorId = (await createSupervisor(t, employer.key)).id;
  handlerKey = (await orgWithKey(t, 'provider', 'handler')).key;
  await t.app.drainOutbox();
});
afterAll(() => t.close());

describe('the index outbox', () => {
  it('writes the slot and its index task together; the slot is searchable once the task ran', async () => {
    const s = await createSlot(t, employer.key, [supervisorId], { title: 'Tunnbindare' });
    expect(await taskOf(s.id)).toMatchObject({
      topic: SEARCH_TOPIC,
      status: 'pending',
      payload: { slotId: s.id },
    });
    expect(await ids('tunnbindare')).toEqual([]);
    await t.app.drainOutbox();
    expect((await taskOf(s.id))?.status).toBe('done');
    expect(await ids('tunnbindare')).toEqual([s.id]);
  });

  it('retries when the index fails, and indexes the state at the time it runs', async () => {
    const s = await createSlot(t, employer.key, [supervisorId], { title: 'Korgmakare' });
    failures = 1;
    const first = await t.app.drainOutbox();
    expect(first.retried).toBe(1);
    expect(await taskOf(s.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'index unavailable',
    });
    expect(await ids('korgmakare')).toEqual([]);
    // Edited while the task waits: the retry indexes the current title.
    await t.call('PATCH', `/v1/slots/${s.id}`, { key: employer.key, body: { title: 'Korgflätare' } });
    now = new Date(now.getTime() + 60_000);
    await t.app.drainOutbox();
    expect((await taskOf(s.id))?.status).toBe('done');
    expect(await ids('korgflätare')).toEqual([s.id]);
    expect(await ids('korgmakare')).toEqual([]);
  });

  it('handles a slot deleted before its task ran', async () => {
    const s = await createSlot(t, employer.key, [supervisorId], { title: 'Repslagare' });
    await t.app.drainOutbox();
    await t.call('DELETE', `/v1/slots/${s.id}`, { key: employer.key });
    const r = await t.app.drainOutbox();
    expect(r.failed + r.retried).toBe(0);
    expect(await ids('repslagare')).toEqual([]);
    const left = await t.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM search_docs WHERE slot_id = ${s.id}`,
    );
    expect(left[0]?.n).toBe(0);
  });

  it('drops the slots of a deactivated organization at once', async () => {
    const other = await orgWithKey(t, 'employer', 'employer');
    const sup = await createSupervisor(t, other.key);
    const s = await createSlot(t, other.key, [sup.id], { title: 'Kolare' });
    await t.app.drainOutbox();
    expect(await ids('kolare')).toEqual([s.id]);
    expect((await t.call('DELETE', `/v1/organizations/${other.org.id}`)).status).toBe(200);
    expect(await ids('kolare')).toEqual([]);
  });
});

describe('reindex', () => {
  it('rebuilds the index from the database', async () => {
    const s = await createSlot(t, employer.key, [supervisorId], { title: 'Stenhuggare' });
    await t.app.drainOutbox();
    await t.db.batch([
      t.db.run(sql`DELETE FROM search_text`),
      t.db.run(sql`DELETE FROM search_docs`),
      t.db.run(sql`INSERT INTO search_words (search_words) VALUES ('delete-all')`),
    ]);
    expect(await ids('stenhuggare')).toEqual([]);
    const result = await reindexAll(t.db, t.app.search);
    expect(result.indexed).toBe(3); // tunnbindare, korgflätare, stenhuggare: the others were deleted or closed
    expect(await ids('stenhuggare')).toEqual([s.id]);
    expect(await ids('stenhug')).toEqual([s.id]);
    expect(await ids('tunnbindare')).toHaveLength(1);
  });

  it('runs as `npm run reindex` against DATABASE_URL', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/reindex.ts'], {
      env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'silent', SEED_DEMO: 'false', NODE_ENV: 'test' },
    });
    expect(stdout).toMatch(/Reindexed \d+ slots into the embedded index/);
    expect(await ids('stenhuggare')).toHaveLength(1);
  }, 60_000);
});

describe('the search route', () => {
  it('is not taken by /slots/{id}', async () => {
    const res = await t.call('GET', '/v1/slots/search', { key: handlerKey });
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ engine: 'embedded', sort: 'newest' });
  });

  it('is in the OpenAPI document with its parameters', async () => {
    const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
    const op = doc.paths!['/v1/slots/search']!.get;
    const names = op!.parameters!.map((p) => ('name' in p ? p.name : p.$ref));
    for (const n of [
      'q',
      'municipalityCode',
      'kind',
      'adaptations',
      'days',
      'hours',
      'near',
      'radiusKm',
      'sort',
      'cursor',
    ])
      expect(names).toContain(n);
    expect(op!.responses!['200']).toBeDefined();
  });

  it('needs a key, and answers bad parameters with a problem naming them', async () => {
    expect((await t.call('GET', '/v1/slots/search', { key: null })).status).toBe(401);
    const res = await t.call('GET', '/v1/slots/search?radiusKm=5&adaptations=telepathy', { key: handlerKey });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.problem.errors).toEqual([
      { path: 'query.adaptations', message: 'unknown adaptation code: telepathy' },
    ]);
    const radius = await t.call('GET', '/v1/slots/search?radiusKm=5', { key: handlerKey });
    expect(radius.status).toBe(400);
    expect(radius.problem.errors).toEqual([{ path: 'query.radiusKm', message: 'needs `near` (lat,lon)' }]);
  });
});
