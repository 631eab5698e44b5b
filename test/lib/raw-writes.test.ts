/**
 * The fixed-SQL writes of the hot paths (src/services/raw-writes.ts) store what drizzle's builders
 * stored: the same row, JSON and booleans mapped by their columns, defaults where a column is not
 * named; an update sets only the columns given, SQL values included; an unknown column is refused; an
 * update that returns its row gives, mapped by storedRow, what a select then reads. The statements
 * reach the driver as plain SQL text with each value mapped by its column as one parameter.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, slots } from '../../db/schema';
import { enqueueStatement } from '../../src/outbox/outbox';
import {
  rowInsert,
  rowInsertWhere,
  rowUpdate,
  rowUpdateReturning,
  storedRow,
} from '../../src/services/raw-writes';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const now = '2026-01-05T10:00:00.000Z';
const insertRow = rowInsert(outbox, ['id', 'topic', 'dedupeKey', 'payload', 'nextAttemptAt', 'createdAt']);
const updateRow = rowUpdate(outbox);

describe('raw writes', () => {
  it('insert the row the builder inserts, defaults and JSON included', async () => {
    const values = { topic: 'notify', payload: { a: [1, 'å'] }, nextAttemptAt: now, createdAt: now };
    await t.db.batch([
      insertRow(t.db, { id: 'obx_raw', dedupeKey: 'raw', ...values }),
      t.db.insert(outbox).values({ id: 'obx_built', dedupeKey: 'built', ...values }),
    ]);
    const [raw] = await t.db.select().from(outbox).where(eq(outbox.id, 'obx_raw'));
    const [built] = await t.db.select().from(outbox).where(eq(outbox.id, 'obx_built'));
    expect({ ...raw, id: '', dedupeKey: '' }).toEqual({ ...built, id: '', dedupeKey: '' });
    expect(raw!.payload).toEqual({ a: [1, 'å'] });
    expect(raw!.status).toBe('pending');
  });

  it('update only the columns given, SQL values too', async () => {
    await updateRow(
      t.db,
      { attempts: sql`"attempts" + 2`, lastError: 'x', doneAt: undefined },
      sql`"id" = ${'obx_raw'}`,
    );
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, 'obx_raw'));
    expect(row).toMatchObject({ attempts: 2, lastError: 'x', doneAt: null, topic: 'notify' });
  });

  it('return the updated row, mapped as a select maps it (JSON, NULLs, SQL values applied)', async () => {
    const [returned] = await t.db.batch([
      rowUpdateReturning(outbox)(
        t.db,
        { attempts: sql`"attempts" + 1`, lockedUntil: null, lastError: 'y' },
        sql`"id" = ${'obx_raw'}`,
      ),
    ]);
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, 'obx_raw'));
    expect(returned).toHaveLength(1);
    expect(storedRow(outbox)(returned[0]!)).toEqual(row);
    expect(row).toMatchObject({ attempts: 3, lastError: 'y', payload: { a: [1, 'å'] }, lockedUntil: null });
  });

  it('render as SQL text with one parameter per value, each mapped by its column', () => {
    const insert = rowInsert(slots, ['id', 'leadsToHire', 'tasks', 'endDate', 'description'])(t.db, {
      id: 'slt_x',
      leadsToHire: true,
      tasks: ['a', 'b'],
      endDate: null,
      description: undefined,
    });
    expect(insert.getQuery()).toMatchObject({
      sql: 'INSERT INTO "slots" ("id", "leads_to_hire", "tasks", "end_date", "description") VALUES (?, ?, ?, ?, ?)',
      params: ['slt_x', 1, '["a","b"]', null, null],
    });
    const update = rowUpdateReturning(slots, ['id'])(
      t.db,
      { leadsToHire: false, tasks: [], taken: sql`"taken" + ${1}`, title: undefined },
      sql`"id" = ${'slt_x'}`,
    );
    expect(update.getQuery()).toMatchObject({
      sql: 'UPDATE "slots" SET "leads_to_hire" = ?, "tasks" = ?, "taken" = "taken" + ? WHERE "id" = ? RETURNING "id"',
      params: [0, '[]', 1, 'slt_x'],
    });
  });

  it('return further expressions by name, reading other tables as the update finds them', async () => {
    const [returned] = await t.db.batch([
      rowUpdateReturning(outbox, ['id'], {
        waiting: sql`(SELECT count(*) FROM "outbox" WHERE "status" = 'pending')`,
        key: sql`upper("dedupe_key")`,
      })(t.db, { lastError: 'z' }, sql`"id" = ${'obx_raw'}`),
    ]);
    const pending = await t.db.$count(outbox, eq(outbox.status, 'pending'));
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ id: 'obx_raw', waiting: pending, key: 'RAW' });
  });

  it('insert a row only where a condition holds in the batch, and say whether it did', async () => {
    const insertWhere = rowInsertWhere(outbox, [
      'id',
      'topic',
      'dedupeKey',
      'payload',
      'nextAttemptAt',
      'createdAt',
    ]);
    const row = (id: string) => ({
      id,
      topic: 'notify',
      dedupeKey: id,
      payload: { a: [1] },
      nextAttemptAt: now,
      createdAt: now,
    });
    const [yes, no] = await t.db.batch([
      insertWhere(t.db, row('obx_if_yes'), sql`EXISTS (SELECT 1 FROM "outbox" WHERE "id" = ${'obx_raw'})`),
      insertWhere(t.db, row('obx_if_no'), sql`EXISTS (SELECT 1 FROM "outbox" WHERE "id" = ${'obx_none'})`),
    ]);
    expect(yes.map((r) => r.id)).toEqual(['obx_if_yes']);
    expect(no).toEqual([]);
    const stored = await t.db.select().from(outbox).where(sql`${outbox.id} LIKE 'obx_if_%'`);
    expect(stored.map((r) => r.id)).toEqual(['obx_if_yes']);
    expect(stored[0]).toMatchObject({ payload: { a: [1] }, status: 'pending' });
    expect(insertWhere(t.db, row('x'), sql`1 = ${1}`).getQuery()).toMatchObject({
      sql: 'INSERT INTO "outbox" ("id", "topic", "dedupe_key", "payload", "next_attempt_at", "created_at") SELECT ?, ?, ?, ?, ?, ? WHERE 1 = ? RETURNING "id"',
      params: ['x', 'notify', 'x', '{"a":[1]}', now, now, 1],
    });
  });

  it('refuse a column the table does not have', () => {
    expect(() => updateRow(t.db, JSON.parse('{"nope": 1}'), sql`1`)).toThrow(/no column nope/);
  });

  it('queue an effect once, and a coalesced one again as pending with its generation moved on', async () => {
    const queue = (coalesce: boolean, at: string) =>
      enqueueStatement(t.db, {
        topic: 'search.slot',
        key: `k:${coalesce}`,
        payload: { at },
        now: at,
        coalesce,
      });
    await queue(false, now);
    await queue(false, '2026-01-05T11:00:00.000Z');
    await queue(true, now);
    await t.db.update(outbox).set({ status: 'done' }).where(eq(outbox.dedupeKey, 'k:true'));
    await queue(true, '2026-01-05T11:00:00.000Z');
    const rows = await t.db.select().from(outbox).where(sql`${outbox.dedupeKey} LIKE 'k:%'`);
    const once = rows.find((r) => r.dedupeKey === 'k:false')!;
    const again = rows.find((r) => r.dedupeKey === 'k:true')!;
    expect(once).toMatchObject({ payload: { at: now }, generation: 0, status: 'pending' });
    expect(again).toMatchObject({
      payload: { at: '2026-01-05T11:00:00.000Z' },
      generation: 1,
      status: 'pending',
      dueAt: '2026-01-05T11:00:00.000Z',
    });
  });
});
