/**
 * The Node server's writer thread (src/adapters/threads/writer.ts, src/entry/node-writer.ts): a local
 * client that sends its writes there answers exactly as one that runs them itself (results, rows of
 * RETURNING, errors with their codes and the failing statement), sees its own writes at once, keeps
 * their order, and runs writes itself again when the thread is not there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalClient } from '../../src/adapters/db/libsql-local';
import { startWriterThread, type WriterThread } from '../../src/adapters/threads/writer';
import { silentLogger } from '../../src/lib/logger';
import { ADMIN_KEY } from '../helpers/app';
import { observeResult } from '../helpers/observe-result';

const entry = new URL('../../src/entry/node-writer.ts', import.meta.url);
const SCHEMA = `
  CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB, flag INTEGER);
  CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t(id));`;

let dir: string;
/** Runs its writes itself. */
let direct: Client;
/** Sends its writes to the thread, which writes to the same file as `sending` reads. */
let sending: ReturnType<typeof createLocalClient>;
/** A thread whose connection opens another file than `sending`'s: shows where writes run. */
let elsewhere: ReturnType<typeof createLocalClient>;
let thread: WriterThread;
let strayThread: WriterThread;

const open = (file: string) => {
  const c = createLocalClient(file, ['PRAGMA journal_mode = WAL', 'PRAGMA foreign_keys = ON']);
  return c;
};
const threadOver = (file: string) =>
  startWriterThread(entry, silentLogger, {
    NODE_ENV: 'test',
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    DATABASE_URL: `file:${file}`,
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'se-writer-thread-'));
  direct = open(join(dir, 'direct.db'));
  sending = open(join(dir, 'sending.db'));
  elsewhere = open(join(dir, 'elsewhere.db'));
  const other = open(join(dir, 'other.db'));
  for (const c of [direct, sending, elsewhere, other]) await c.executeMultiple(SCHEMA);
  other.close();
  thread = threadOver(join(dir, 'sending.db'));
  strayThread = threadOver(join(dir, 'other.db'));
  await Promise.all([thread.started, strayThread.started]);
  sending.sendWritesTo(thread);
  elsewhere.sendWritesTo(strayThread);
}, 120_000);
afterAll(async () => {
  await Promise.all([thread.stop(), strayThread.stop()]);
  for (const c of [direct, sending, elsewhere]) c.close();
  rmSync(dir, { recursive: true, force: true });
});

const observe = observeResult;
/** What a caller can observe of an error. */
const failure = (e: unknown) => {
  const err = e as Error & {
    code?: string;
    extendedCode?: string;
    rawCode?: number;
    statementIndex?: number;
  };
  return {
    class: err.constructor.name,
    name: err.name,
    message: err.message,
    code: err.code,
    extendedCode: err.extendedCode,
    rawCode: err.rawCode,
    statementIndex: err.statementIndex,
  };
};

/** The same call on both clients: the same answer, or the same error. */
async function same(call: (c: Client) => Promise<unknown>) {
  const settle = (c: Client) =>
    call(c).then(
      (r) => ({ ok: r }),
      (e: unknown) => ({ error: failure(e) }),
    );
  const mine = await settle(sending);
  const theirs = await settle(direct);
  expect(mine).toEqual(theirs);
  return mine;
}
const observeAll = (rs: Awaited<ReturnType<Client['batch']>>) => rs.map(observe);

describe('a local client sending its writes to the writer thread', () => {
  it('answers every write as the client that runs it itself', async () => {
    await same(async (c) =>
      observe(
        await c.execute({
          sql: 'INSERT INTO t (name, score, data, flag) VALUES (?, ?, ?, ?)',
          args: ['å', 1.5, new Uint8Array([1, 2, 3]), true],
        }),
      ),
    );
    await same(async (c) =>
      observe(
        await c.execute({ sql: 'INSERT INTO t (name, score) VALUES (:n, :s)', args: { n: 'b', s: 2 } }),
      ),
    );
    await same(async (c) =>
      observe(await c.execute({ sql: 'UPDATE t SET score = score + 1 WHERE id > ?', args: [0] })),
    );
    const returned = await same(async (c) =>
      observe(await c.execute("UPDATE t SET flag = 0 WHERE name = 'b' RETURNING id, flag, name AS length")),
    );
    expect(returned).toMatchObject({ ok: { rows: [{ byIndex: [2, 0, 'b'] }] } });
    await same(async (c) =>
      observeAll(
        await c.batch(
          [
            "INSERT INTO t (name) VALUES ('c')",
            { sql: 'SELECT name, score FROM t WHERE name = ?', args: ['c'] },
            "DELETE FROM t WHERE name = 'c' RETURNING id",
          ],
          'write',
        ),
      ),
    );
    // What was written is read back at once, by the client that sent it.
    expect((await sending.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(2);
  });

  it('fails as the client that runs it itself, having written nothing', async () => {
    const unique = await same((c) => c.execute("INSERT INTO t (name) VALUES ('å')"));
    expect(unique).toMatchObject({ error: { class: 'LibsqlError', code: 'SQLITE_CONSTRAINT' } });
    await same((c) => c.execute('INSERT INTO child (t_id) VALUES (999)'));
    const batch = await same((c) =>
      c.batch(
        [
          { sql: 'INSERT INTO t (name) VALUES (?)', args: ['d'] },
          { sql: 'INSERT INTO t (name) VALUES (?)', args: ['å'] },
        ],
        'write',
      ),
    );
    expect(batch).toMatchObject({ error: { class: 'LibsqlBatchError', statementIndex: 1 } });
    await same((c) => c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: [undefined as never] }));
    await same((c) => c.execute({ sql: 'INSERT INTO t (score) VALUES (?)', args: [Number.NaN] }));
    await same((c) => c.execute('INSERT INTO nowhere VALUES (1)'));
    expect((await sending.execute("SELECT count(*) AS n FROM t WHERE name = 'd'")).rows[0]!.n).toBe(0);
  });

  it('runs writes on the thread’s connection and reads on its own', async () => {
    // The stray thread writes to another file than `elsewhere` reads: the write is not found here.
    const res = await elsewhere.execute("INSERT INTO t (name) VALUES ('far') RETURNING id");
    expect(res.rows[0]!.id).toBe(1);
    expect((await elsewhere.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(0);
  });

  it('keeps the order writes were sent in, all of them', async () => {
    const names = Array.from({ length: 200 }, (_x, i) => `order-${i}`);
    await Promise.all(
      names.map((name) => sending.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: [name] })),
    );
    const rows = await sending.execute("SELECT name FROM t WHERE name LIKE 'order-%' ORDER BY id");
    expect(rows.rows.map((r) => r.name)).toEqual(names);
  });

  it('commits writes sent together as one group, each answered as it would have been alone', async () => {
    // Some succeed, some fail on a constraint, one batch fails in its second statement, and one
    // trigger ends the whole transaction (RAISE(ROLLBACK)): then each write runs on its own.
    // A table of its own, the same in both databases (earlier tests wrote more rows to one of them).
    for (const c of [direct, sending])
      await c.executeMultiple(`
        CREATE TABLE g (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL);
        INSERT INTO g (name) VALUES ('å');
        CREATE TRIGGER boom BEFORE INSERT ON g WHEN new.name = 'boom' BEGIN SELECT RAISE(ROLLBACK, 'boom'); END;`);
    const calls = (c: Client, round: string): (() => Promise<unknown>)[] => [
      async () =>
        observe(
          await c.execute({ sql: 'INSERT INTO g (name) VALUES (?) RETURNING id', args: [`g${round}1`] }),
        ),
      async () => observe(await c.execute({ sql: 'INSERT INTO g (name) VALUES (?)', args: ['å'] })),
      async () =>
        observeAll(
          await c.batch(
            [
              { sql: 'INSERT INTO g (name) VALUES (?)', args: [`g${round}2`] },
              { sql: 'INSERT INTO child (t_id) VALUES (?)', args: [999] },
            ],
            'write',
          ),
        ),
      async () =>
        observe(
          await c.execute({
            sql: 'UPDATE g SET score = 9 WHERE name = ? RETURNING id, score',
            args: [`g${round}1`],
          }),
        ),
      ...(round === 'b'
        ? [async () => observe(await c.execute("INSERT INTO g (name) VALUES ('boom')"))]
        : []),
      async () => observe(await c.execute({ sql: 'INSERT INTO g (name) VALUES (?)', args: [`g${round}3`] })),
    ];
    const settle = (p: Promise<unknown>) =>
      p.then(
        (ok) => ({ ok }),
        (e: unknown) => ({ error: failure(e) }),
      );
    for (const round of ['a', 'b']) {
      // Sent at once: the thread takes them together. The reference runs them one after another.
      const mine = await Promise.all(calls(sending, round).map((call) => settle(call())));
      const theirs = [];
      for (const call of calls(direct, round)) theirs.push(await settle(call()));
      expect(mine, round).toEqual(theirs);
    }
    const names = "SELECT name, score FROM g WHERE name LIKE 'g%' ORDER BY id";
    expect((await sending.execute(names)).rows.map((r) => [r.name, r.score])).toEqual(
      (await direct.execute(names)).rows.map((r) => [r.name, r.score]),
    );
  });

  it('commits writes sent together with fewer WAL pages than one by one', async () => {
    const frames = async (c: Client, write: (names: string[]) => Promise<unknown>) => {
      await c.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      await write(Array.from({ length: 8 }, (_x, i) => `frames-${i}`));
      // PASSIVE answers [busy, frames in the WAL, frames checkpointed].
      return Number((await c.execute('PRAGMA wal_checkpoint(PASSIVE)')).rows[0]![1]);
    };
    const insert = (c: Client) => (name: string) =>
      c.execute({ sql: 'INSERT INTO g (name) VALUES (?)', args: [name] });
    const together = await frames(sending, (names) => Promise.all(names.map(insert(sending))));
    const oneByOne = await frames(direct, async (names) => {
      for (const name of names) await insert(direct)(name);
    });
    expect(together).toBeGreaterThan(0);
    expect(together).toBeLessThan(oneByOne);
  });

  it('writes itself when the thread is not running', async () => {
    const gone = threadOver(join(dir, 'other.db'));
    await gone.started;
    await gone.stop();
    sending.sendWritesTo(gone);
    try {
      await sending.execute("INSERT INTO t (name) VALUES ('here')");
      expect((await sending.execute("SELECT count(*) AS n FROM t WHERE name = 'here'")).rows[0]!.n).toBe(1);
    } finally {
      sending.sendWritesTo(thread);
    }
  });
});
