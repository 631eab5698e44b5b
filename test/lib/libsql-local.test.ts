/**
 * The local client that keeps prepared statements (src/adapters/db/libsql-local.ts) answers as
 * @libsql/client does: same rows (by index and by name, the same enumerable fields), same results of
 * writes, same errors, batches all-or-nothing; and a kept statement stays right after the schema
 * changes under it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, LibsqlBatchError, LibsqlError } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLibsql } from '../../src/adapters/db/libsql';
import { createLocalClient } from '../../src/adapters/db/libsql-local';
import { observeResult } from '../helpers/observe-result';

let dir: string;
let local: Client;
let reference: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'se-libsql-local-'));
  const file = join(dir, 'x.db');
  local = createLocalClient(file, ['PRAGMA journal_mode = WAL', 'PRAGMA foreign_keys = ON']);
  await local.executeMultiple(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB, flag INTEGER);
    CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t(id));
  `);
  reference = createClient({ url: `file:${file}` });
});
afterAll(() => {
  local.close();
  reference.close();
  rmSync(dir, { recursive: true, force: true });
});

const observe = observeResult;

describe('the local libSQL client', () => {
  it('writes and reads exactly as @libsql/client does', async () => {
    const insert = await local.execute({
      sql: 'INSERT INTO t (name, score, data, flag) VALUES (?, ?, ?, ?)',
      args: ['å', 1.5, new Uint8Array([1, 2, 3]), true],
    });
    expect(insert.rowsAffected).toBe(1);
    expect(insert.lastInsertRowid).toBe(1n);
    await local.execute({ sql: 'INSERT INTO t (name, score) VALUES (:n, :s)', args: { n: 'b', s: 2 } });
    for (const q of [
      'SELECT * FROM t ORDER BY id',
      'SELECT t.id, c.id, t.name AS length FROM t LEFT JOIN child c ON c.t_id = t.id',
      'SELECT 1',
      "SELECT count(*) AS n FROM t WHERE name = 'nobody'",
    ]) {
      const mine = observe(await local.execute(q));
      const theirs = observe(await reference.execute(q));
      expect(mine, q).toEqual(theirs);
    }
    // RETURNING and UPDATE counts.
    const updated = await local.execute({ sql: 'UPDATE t SET score = score + 1 WHERE id > ?', args: [0] });
    expect(updated.rowsAffected).toBe(2);
    const returned = await local.execute("UPDATE t SET flag = 0 WHERE name = 'b' RETURNING id, flag");
    expect(observe(returned).rows).toEqual([
      { length: 2, byIndex: [2, 0], keys: ['id', 'flag'], byName: { id: 2, flag: 0 } },
    ]);
  });

  it('refuses a constraint violation with the code and message callers look for', async () => {
    const err = await local.execute("INSERT INTO t (name) VALUES ('å')").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect((err as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    expect((err as LibsqlError).message).toMatch(/UNIQUE constraint failed: t\.name/);
    const fk = await local.execute('INSERT INTO child (t_id) VALUES (999)').catch((e: unknown) => e);
    expect((fk as LibsqlError).message).toMatch(/FOREIGN KEY constraint failed/);
  });

  it('runs a batch all or nothing and names the statement that failed', async () => {
    const before = (await local.execute('SELECT count(*) AS n FROM t')).rows[0]!.n;
    const err = await local
      .batch([
        { sql: 'INSERT INTO t (name) VALUES (?)', args: ['c'] },
        { sql: 'INSERT INTO t (name) VALUES (?)', args: ['å'] },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect((err as LibsqlBatchError).statementIndex).toBe(1);
    expect((await local.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(before);
    const ok = await local.batch([
      "INSERT INTO t (name) VALUES ('d')",
      "SELECT name FROM t WHERE name = 'd'",
    ]);
    expect(ok[1]!.rows[0]!.name).toBe('d');
  });

  it('keeps a prepared statement right when the table changes under it', async () => {
    const q = 'SELECT * FROM t WHERE id = 1';
    expect(Object.keys((await local.execute(q)).rows[0]!)).not.toContain('extra');
    await local.execute("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x'");
    const row = (await local.execute(q)).rows[0]!;
    expect(row.extra).toBe('x');
    expect(row.length).toBe(6);
  });

  it('gives an interactive transaction a connection of its own', async () => {
    const tx = await local.transaction('write');
    await tx.execute("INSERT INTO t (name) VALUES ('tx')");
    await tx.rollback();
    expect((await local.execute("SELECT count(*) AS n FROM t WHERE name = 'tx'")).rows[0]!.n).toBe(0);
  });

  it('is what openLibsql gives a local file, with foreign keys on and synchronous NORMAL', async () => {
    const database = await openLibsql(`file:${join(dir, 'opened.db')}`);
    try {
      const [fk] = await database.db.all<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`);
      const [sync] = await database.db.all<{ synchronous: number }>(sql`PRAGMA synchronous`);
      const [mode] = await database.db.all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
      expect({ fk, sync, mode }).toEqual({
        fk: { foreign_keys: 1 },
        sync: { synchronous: 1 },
        mode: { journal_mode: 'wal' },
      });
    } finally {
      database.close();
    }
    const full = await openLibsql(`file:${join(dir, 'full.db')}`, undefined, { synchronous: 'full' });
    expect(await full.db.all(sql`PRAGMA synchronous`)).toEqual([{ synchronous: 2 }]);
    full.close();
  });

  it('waits for a write lock held elsewhere without holding the event loop, then writes', async () => {
    // Another connection (as the server's background thread, or another process) holds the lock.
    const other = createClient({ url: `file:${join(dir, 'x.db')}` });
    const holder = await other.transaction('write');
    await holder.execute("INSERT INTO t (name) VALUES ('held')");
    const order: string[] = [];
    const batch = local
      .batch(["INSERT INTO t (name) VALUES ('batched')"], 'write')
      .then(() => order.push('batch written'));
    const single = local
      .execute("INSERT INTO t (name) VALUES ('single')")
      .then(() => order.push('single written'));
    // The loop turns while both wait: a timer set now runs, and a read is answered.
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('timer');
    const seen = await local.execute("SELECT count(*) AS n FROM t WHERE name IN ('batched', 'single')");
    expect(seen.rows[0]!.n).toBe(0);
    await holder.commit();
    await Promise.all([batch, single]);
    other.close();
    expect(order.slice(0, 1)).toEqual(['timer']);
    expect(order).toHaveLength(3);
    const names = await local.execute(
      "SELECT name FROM t WHERE name IN ('held', 'batched', 'single') ORDER BY name",
    );
    expect(names.rows.map((r) => r.name)).toEqual(['batched', 'held', 'single']);
  });

  it('lets one waiting write try for the lock; the writes behind it wait their turn, then run in order', async () => {
    const other = createClient({ url: `file:${join(dir, 'x.db')}` });
    const holder = await other.transaction('write');
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const written: string[] = [];
      const writes = ['w1', 'w2', 'w3', 'w4'].map((name, i) =>
        (i % 2
          ? local.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: [name] })
          : local.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: [name] }], 'write')
        ).then(() => written.push(name)),
      );
      // A read is not held up by the line.
      const read = await local.execute("SELECT count(*) AS n FROM t WHERE name LIKE 'w_'");
      expect(read.rows[0]!.n).toBe(0);
      // Only the first write waits on a timer (tries again each moment); the others wait for it.
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(5);
      expect(vi.getTimerCount()).toBe(1);
      expect(written).toEqual([]);
      await holder.rollback();
      await vi.advanceTimersByTimeAsync(1);
      await Promise.all(writes);
      expect(written).toEqual(['w1', 'w2', 'w3', 'w4']);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
      other.close();
    }
    const rows = await local.execute("SELECT name FROM t WHERE name LIKE 'w_' ORDER BY id");
    expect(rows.rows.map((r) => r.name)).toEqual(['w1', 'w2', 'w3', 'w4']);
  });

  it('gives up on a lock held past its busy timeout with SQLITE_BUSY, having written nothing', async () => {
    const file = join(dir, 'x.db');
    const impatient = createLocalClient(file, ['PRAGMA busy_timeout = 30']);
    const other = createClient({ url: `file:${file}` });
    const holder = await other.transaction('write');
    try {
      const failure = await impatient
        .batch(["INSERT INTO t (name) VALUES ('late')"], 'write')
        .catch((e) => e);
      expect(failure).toMatchObject({ code: 'SQLITE_BUSY' });
      // Its stack says where the wait gave up (the failed BEGINs are made without one).
      expect(String(failure.stack)).toMatch(/patiently/);
    } finally {
      await holder.rollback();
      other.close();
      impatient.close();
    }
    expect((await local.execute("SELECT count(*) AS n FROM t WHERE name = 'late'")).rows[0]!.n).toBe(0);
  });
});
