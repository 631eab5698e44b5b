/**
 * Capacity listings written before listings were searched reach the index without `npm run
 * reindex` (#14): migration 0022 queues one outbox index task per listing that never had one, and
 * the outbox worker indexes it. Listings with a task and closed listings get none; running it twice
 * queues nothing more.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityListings, outbox, SEARCH_TOPIC } from '../../db/schema';
import { newId } from '../../src/lib/ids';
import { createTestApp, type TestApp } from '../helpers/app';
import { orgWithKey } from '../helpers/factories';

const migrations = join(import.meta.dirname, '../../db/migrations');
const TAG = '0022_capacity_search_backfill';
const backfill = readFileSync(join(migrations, `${TAG}.sql`), 'utf8');

let t: TestApp;
let enterprise: Awaited<ReturnType<typeof orgWithKey>>;
let handler: Awaited<ReturnType<typeof orgWithKey>>;

beforeAll(async () => {
  t = await createTestApp();
  enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
  handler = await orgWithKey(t, 'provider', 'handler');
});
afterAll(() => t.close());

const body = {
  description: 'Vi tar emot deltagare i lugn takt.',
  activityAreas: ['snickeri'],
  municipalityCode: '0180',
  places: 4,
  participantsPerSupervisor: 4,
  programmes: ['rehabilitation'],
  referralSources: ['arbetsformedlingen'],
  hoursPerWeek: { min: 4, max: 20 },
};

/** A listing as an older version wrote it: the row alone, no search task. */
async function oldListing(title: string, status: 'open' | 'closed') {
  const id = newId('capacity');
  const at = '2026-01-15T09:00:00.000Z';
  await t.db.insert(capacityListings).values({
    id,
    organizationId: enterprise.org.id,
    title,
    description: body.description,
    activityAreas: body.activityAreas,
    municipalityCode: '0180',
    places: 4,
    participantsPerSupervisor: 4,
    programmes: ['rehabilitation'],
    referralSources: ['arbetsformedlingen'],
    hoursMin: 4,
    hoursMax: 20,
    status,
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

const tasksFor = async (id: string) =>
  t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.topic, SEARCH_TOPIC), eq(outbox.dedupeKey, `${SEARCH_TOPIC}:${id}`)));

const found = async (q: string) => {
  const res = await t.call('GET', `/v1/slots/search?q=${encodeURIComponent(q)}&includeFull=true`, {
    key: handler.key,
  });
  expect(res.status, res.text).toBe(200);
  return res.body.data.map((h: { id: string }) => h.id);
};

describe('migration 0022: existing capacity listings reach the search index', () => {
  it('is in the migration journal, so every deployed database runs it (Node and D1)', () => {
    const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8'));
    expect(journal.entries.map((e: { tag: string }) => e.tag)).toContain(TAG);
  });

  it('queues a task for each listing that never had one; the outbox worker indexes it', async () => {
    const created = await t.call('POST', '/v1/capacity', {
      key: enterprise.key,
      body: { ...body, title: 'Snickeriet Nyare' },
    });
    expect(created.status, created.text).toBe(201);
    const old = await oldListing('Snickeriet Äldre', 'open');
    const closed = await oldListing('Snickeriet Stängt', 'closed');
    await t.app.drainOutbox();
    expect(await found('snickeriet')).toEqual([created.body.id]);

    await t.client.execute(backfill);
    expect(await tasksFor(old)).toMatchObject([{ status: 'pending', payload: { slotId: old } }]);
    expect(await tasksFor(closed)).toEqual([]);
    expect(await tasksFor(created.body.id)).toMatchObject([{ status: 'done' }]);

    await t.app.drainOutbox();
    expect((await found('snickeriet')).sort()).toEqual([created.body.id, old].sort());
    expect(await tasksFor(old)).toMatchObject([{ status: 'done' }]);

    // Again: nothing more queued.
    const before = (await t.db.select().from(outbox)).length;
    await t.client.execute(backfill);
    expect((await t.db.select().from(outbox)).length).toBe(before);
  });
});
