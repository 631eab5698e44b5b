/**
 * Reads over the local client map rows their own way (src/adapters/db/fast-rows.ts): every answer
 * must be what drizzle's own mapping gives over @libsql/client on the same file, value for value and
 * key for key (JSON columns, booleans, nested selections, left joins' null objects, raw SQL, blobs),
 * and what it leaves to drizzle (writes with RETURNING, `get` without fields) must still work.
 */
import { createClient } from '@libsql/client';
import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { organizations, placements, slotSupervisors, slots } from '../../db/schema';
import type { Db } from '../../src/adapters/db/types';
import { seedDemo } from '../../src/demo/seed';
import { slotViewColumns } from '../../src/services/slots/view';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let reference: Db;
let closeReference: () => void;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.app.services, '2026-12-01');
  const client = createClient({ url: t.url });
  closeReference = () => client.close();
  reference = drizzle(client, { schema });
});
afterAll(async () => {
  closeReference();
  await t.close();
});

/** The value and, at every depth, the order of the keys (JSON.stringify keeps it). */
const shape = (v: unknown) => ({ value: v, json: JSON.stringify(v) });

/** Runs `query` on the app's database and on the reference, and expects the same answer. */
async function same<T>(query: (db: Db) => Promise<T>): Promise<T> {
  const fast = await query(t.db);
  const slow = await query(reference);
  expect(shape(fast)).toEqual(shape(slow));
  return fast;
}

describe('fast rows', () => {
  it('are in effect for prepared selects over the local client', () => {
    const q = t.db.select().from(slots).prepare();
    expect(Object.hasOwn(q, 'all')).toBe(true);
    const r = reference.select().from(slots).prepare();
    expect(Object.hasOwn(r, 'all')).toBe(false);
  });

  it('map whole rows, JSON columns and booleans as drizzle does', async () => {
    const rows = await same((db) => db.select().from(slots).orderBy(asc(slots.id)));
    expect(rows.length).toBeGreaterThan(10);
    expect(Array.isArray(rows[0]!.schedule)).toBe(true);
    expect(typeof rows[0]!.openEnded).toBe('boolean');
  });

  it('map prepared queries with placeholders, all and get, a row or none', async () => {
    const [first] = await t.db.select({ id: slots.id }).from(slots).limit(1);
    const byId = (db: Db) =>
      db
        .select(slotViewColumns)
        .from(slots)
        .where(eq(slots.id, sql.placeholder('id')))
        .prepare();
    await same((db) => byId(db).all({ id: first!.id }));
    await same((db) => byId(db).get({ id: first!.id }));
    expect(await same((db) => byId(db).get({ id: 'slt_none' }))).toBeUndefined();
    expect(await same((db) => byId(db).all({ id: 'slt_none' }))).toEqual([]);
  });

  it('map nested selections, SQL with decoders, and left joins with their null objects', async () => {
    await same((db) =>
      db
        .select({
          slot: { id: slots.id, title: slots.title, open: slots.openEnded },
          organization: organizations.name,
          upper: sql<string>`upper(${slots.title})`,
          places: sql`${slots.capacity} * 2`.mapWith(Number),
        })
        .from(slots)
        .innerJoin(organizations, eq(organizations.id, slots.organizationId))
        .orderBy(asc(slots.id)),
    );
    // Joined for some slots only: the others get a null object.
    const joined = await same((db) =>
      db
        .select()
        .from(slots)
        .leftJoin(
          organizations,
          and(eq(organizations.id, slots.organizationId), eq(slots.kind, 'work_trial')),
        )
        .orderBy(asc(slots.id)),
    );
    expect(joined.some((r) => r.organizations === null)).toBe(true);
    expect(joined.some((r) => r.organizations !== null)).toBe(true);
    await same((db) =>
      db
        .select({ slotId: slotSupervisors.slotId, placement: { id: placements.id, state: placements.state } })
        .from(slotSupervisors)
        .leftJoin(placements, eq(placements.slotId, slotSupervisors.slotId))
        .orderBy(asc(slotSupervisors.slotId), asc(placements.id)),
    );
  });

  it('map raw SQL rows, repeated names and blobs as drizzle does', async () => {
    await same((db) =>
      db.all(sql`SELECT id, title AS t, id AS t, x'00ff' AS b, NULL AS n FROM slots LIMIT 3`),
    );
    await same((db) => db.select({ b: sql<Buffer>`x'01fe'`, n: sql`NULL` }).from(slots).limit(2));
    await same((db) => db.get(sql`SELECT count(*) AS n FROM slots`));
  });

  it('leave writes with RETURNING and errors to drizzle', async () => {
    const [first] = await t.db.select({ id: slots.id, title: slots.title }).from(slots).limit(1);
    const updated = await t.db
      .update(slots)
      .set({ title: first!.title })
      .where(eq(slots.id, first!.id))
      .returning({ id: slots.id, title: slots.title });
    expect(updated).toEqual([first]);
    const fastError = await t.db.all(sql`SELECT nope FROM slots`).catch((e: unknown) => e);
    const slowError = await reference.all(sql`SELECT nope FROM slots`).catch((e: unknown) => e);
    expect(String(fastError)).toEqual(String(slowError));
  });
});
