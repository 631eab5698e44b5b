/**
 * A libSQL client for a local database file that keeps its prepared statements. `@libsql/client`
 * prepares every statement afresh on every call (a CPU profile of the mixed load put 8.5 % of the
 * server's time there) and builds each row with one `Object.defineProperty` per value; this client
 * prepares each distinct SQL text once per connection and builds rows from a shared prototype, and
 * answers exactly as `@libsql/client` does (the same `Client` interface, rows, errors), so drizzle
 * and every caller are unchanged.
 *
 * One connection serves everything: the driver runs each statement synchronously, so a batch runs from
 * BEGIN to COMMIT without anything else in between. Its settings (foreign keys, busy timeout,
 * synchronous) are set on it once; `@libsql/client`'s pool could open further connections, which
 * did not get them. Interactive transactions get a connection of their own.
 *
 * A write that finds the write lock taken (by the server's background thread, or another process)
 * waits for it here, between turns of the event loop, instead of in SQLite's busy handler, which
 * sleeps on the calling thread: under the load mix the request thread slept up to 100 ms at a time
 * in BEGIN IMMEDIATE while the outbox thread wrote, and every other request waited with it.
 *
 * In the Node server the request thread's client sends its writes to the writer thread instead
 * (`sendWritesTo`, ../threads/writer.ts), whose own client of this kind runs them; the answers come
 * back as this client would have made them (write-wire.ts).
 */
import {
  type Client,
  type InArgs,
  type InStatement,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
  type Value,
} from '@libsql/client';
import Database from 'libsql';
import {
  toWireStatement,
  type WireResult,
  type WriteCall,
  type WriteChannel,
  WriterUnavailable,
} from './write-wire';

type Connection = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Connection['prepare']>;

/** Statements kept per connection; SQL texts beyond this many (dynamic IN lists…) are prepared anew. */
const MAX_CACHED = 1000;

const VALUES = Symbol('values');
interface RowValues {
  [VALUES]: Value[];
}

interface Prepared {
  statement: NativeStatement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  /** Rows of this statement: indexed values and `length` from here, names as own enumerable fields. */
  prototype: object;
}

function rowPrototype(width: number): object {
  const proto = {};
  Object.defineProperty(proto, 'length', {
    get(this: RowValues) {
      return this[VALUES].length;
    },
  });
  for (let i = 0; i < width; i++)
    Object.defineProperty(proto, i, {
      get(this: RowValues) {
        return this[VALUES][i];
      },
    });
  return proto;
}

function toRow(p: Prepared, raw: unknown[]): Row {
  return namedRow(p.prototype, p.columns, raw.map(fromSql));
}

function namedRow(prototype: object, columns: readonly string[], values: Value[]): Row {
  const row: Row & RowValues = Object.create(prototype);
  row[VALUES] = values;
  // As @libsql/client: the first column of a name wins; `length` stays the column count.
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i]!;
    if (name !== 'length' && !Object.hasOwn(row, name)) row[name] = values[i] ?? null;
  }
  return row;
}

/** Row prototypes by width, for the answers of writes run by another thread. */
const prototypes = new Map<number, object>();

/** A result set from another thread's answer (write-wire.ts), as this client would have made it. */
function fromWire(w: WireResult): ResultSet {
  const width = w.columns.length;
  const prototype = prototypes.get(width) ?? rowPrototype(width);
  prototypes.set(width, prototype);
  const rows = w.rows.map((values) => namedRow(prototype, w.columns, values));
  return resultSet(w.columns, w.columnTypes, rows, w.rowsAffected, w.lastInsertRowid);
}

function fromSql(v: unknown): Value {
  if (v instanceof Uint8Array)
    return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer;
  return v as Value;
}

function toSql(v: unknown): unknown {
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return v;
}

function toArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (!args) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args))
    named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
  return named;
}

function mapError(e: unknown): unknown {
  if (e instanceof Error && e.name === 'SqliteError') {
    const code = (e as Error & { code?: string }).code;
    const base = code?.match(/^SQLITE_[A-Z]+/)?.[0] ?? 'SQLITE_UNKNOWN';
    return new LibsqlError(e.message, base, code, (e as Error & { rawCode?: number }).rawCode, e);
  }
  return e;
}

const begin = (mode: TransactionMode | undefined) =>
  // Writes take the write lock at BEGIN, so several processes over one file wait for each other (busy
  // timeout) instead of failing when a snapshot they read has moved on.
  mode === 'read' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE';

/** As @libsql/client's `toJSON`: big integers as strings, blobs in base64. */
const valueToJson = (v: Value) =>
  typeof v === 'bigint' ? String(v) : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v;

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((r) => Array.from({ length: r.length }, (_x, i) => valueToJson(r[i] ?? null))),
      rowsAffected,
      lastInsertRowid: lastInsertRowid === undefined ? null : String(lastInsertRowid),
    }),
  };
}

const isBusy = (e: unknown) =>
  e instanceof LibsqlError &&
  (e.code === 'SQLITE_BUSY' || e.extendedCode?.startsWith('SQLITE_BUSY') === true);

/** Waits about a millisecond, letting the event loop serve others meanwhile. */
const aMoment = () => new Promise((resolve) => setTimeout(resolve, 1));

class StatementRunner {
  private readonly cache = new Map<string, Prepared>();
  /** Set while a write of this connection waits for the write lock (patiently), settled when it stops. */
  private writeLine: Promise<void> | undefined;
  constructor(
    readonly connection: Connection,
    /** How long a write waits for another connection's write lock (SQLite's busy timeout). */
    private readonly lockWaitMs: number,
  ) {}

  /**
   * Whether `sql` changes rows (INSERT, UPDATE, DELETE, REPLACE, with or without RETURNING, or a
   * WITH … that is not a read), so that on its own it takes the write lock. Other statements that write (PRAGMA, VACUUM…) run as they come.
   */
  changesRows(sql: string): boolean {
    if (/^\s*(insert|update|delete|replace)\b/i.test(sql)) return true;
    if (!/^\s*with\b/i.test(sql)) return false;
    try {
      return !this.prepare(sql).reader;
    } catch {
      // Not valid SQL: running it reports the error as execute does.
      return false;
    }
  }

  /**
   * One statement that changes rows, in a transaction of its own (what autocommit does), so that the
   * write lock is taken by BEGIN IMMEDIATE: when that fails, nothing is left behind. A failed write
   * statement would stay open (the driver does not reset it), keep its stale snapshot and fail every
   * later write on this connection with SQLITE_BUSY_SNAPSHOT.
   */
  single(stmt: InStatement): ResultSet {
    this.open('BEGIN IMMEDIATE');
    try {
      const result = this.execute(stmt);
      this.execute('COMMIT');
      return result;
    } finally {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
    }
  }

  /**
   * Runs `work` (a statement, or a batch from its BEGIN to its COMMIT); when a lock held elsewhere
   * fails it at once (SQLITE_BUSY: this connection's busy timeout is 0, so it has done nothing), tries
   * again a moment later, up to `lockWaitMs`, and meanwhile the event loop serves other requests. Only
   * `work` runs between a BEGIN and its COMMIT (it is synchronous), so nothing interleaves with it.
   * The busy timeout stays 0 rather than being set to 0 and back around each write: those two
   * statements cost a write about as much as its own INSERT (they run cold, between requests).
   *
   * A write (`takesLock`) that finds another write of this connection waiting for the lock waits
   * behind it instead of trying: only the first in line tries again each moment, and when it gets
   * the lock the writes behind it run in the order they came. Under the load mix the outbox thread
   * holds the lock often, and every write that tried on its own failed there, each failure an
   * exception and a timer turn (1.2 failed BEGINs per write request, 0.05 ms each on the event loop).
   */
  async patiently<T>(work: () => T, takesLock: boolean): Promise<T> {
    const deadline = performance.now() + this.lockWaitMs;
    if (takesLock) while (this.writeLine) await this.writeLine;
    const attempt = (): { done: true; value: T } | { done: false } => {
      try {
        return { done: true, value: work() };
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (performance.now() > deadline) {
          // The BEGIN that failed had no stack trace (open); say where the wait gave up.
          if (e instanceof Error) Error.captureStackTrace(e);
          throw e;
        }
        return { done: false };
      }
    };
    const first = attempt();
    if (first.done) return first.value;
    let release = () => {};
    if (takesLock) this.writeLine = new Promise<void>((resolve) => (release = resolve));
    try {
      for (;;) {
        await aMoment();
        const next = attempt();
        if (next.done) return next.value;
      }
    } finally {
      if (takesLock) {
        this.writeLine = undefined;
        release();
      }
    }
  }

  /**
   * The BEGIN of a write. It fails with SQLITE_BUSY whenever another connection writes, often under
   * load, and patiently tries again: the error is made without a stack trace (a third of its cost;
   * nobody reads that stack, and patiently gives one to the error it lets through).
   */
  private open(opening: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let failure: unknown;
    try {
      this.execute(opening);
      return;
    } catch (e) {
      failure = e;
    } finally {
      Error.stackTraceLimit = limit;
    }
    // Anything but a busy lock is a fault: with its stack.
    if (!isBusy(failure) && failure instanceof Error) Error.captureStackTrace(failure);
    throw failure;
  }

  /** Runs `work` with SQLite's own busy timeout (it may sleep on this thread): rare upkeep only. */
  withBusyTimeout<T>(work: () => T): T {
    this.connection.exec(`PRAGMA busy_timeout = ${this.lockWaitMs}`);
    try {
      return work();
    } finally {
      this.connection.exec('PRAGMA busy_timeout = 0');
    }
  }

  private describe(p: Prepared) {
    const cols = p.statement.columns();
    p.columns = cols.map((c) => c.name);
    p.columnTypes = cols.map((c) => c.type ?? '');
    p.prototype = rowPrototype(cols.length);
  }

  private prepare(sql: string): Prepared {
    const hit = this.cache.get(sql);
    if (hit) return hit;
    const statement = this.connection.prepare(sql);
    const reader = statement.reader;
    if (reader) statement.raw(true);
    const prepared: Prepared = { statement, reader, columns: [], columnTypes: [], prototype: {} };
    if (reader) this.describe(prepared);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(sql, prepared);
    return prepared;
  }

  /**
   * Whether `sql` only reads (no INSERT, UPDATE, DELETE or REPLACE, with or without RETURNING), so that
   * readValues may run it. Invalid SQL is not a read: execute reports its error.
   */
  reads(sql: string): boolean {
    if (this.changesRows(sql)) return false;
    try {
      return this.prepare(sql).reader;
    } catch {
      return false;
    }
  }

  /**
   * A read's rows as arrays of values (each as `execute`'s rows hold it), without building row
   * objects: for callers that map rows by position themselves (drizzle's selects, fast-rows.ts).
   */
  readValues(sql: string, args: readonly unknown[]): ValueRows {
    try {
      const p = this.prepare(sql);
      // Not the driver's get() for one row: it left later reads of the connection on an old
      // snapshot (a search missed a slot reopened since; test/search/behaviour.ts).
      const rows = p.statement.all(args.map(toSql)) as Value[][];
      if (rows.length && rows[0]!.length !== p.columns.length) this.describe(p);
      for (const row of rows)
        for (let i = 0; i < row.length; i++) if (row[i] instanceof Uint8Array) row[i] = fromSql(row[i]);
      return { columns: p.columns, rows };
    } catch (e) {
      throw mapError(e);
    }
  }

  execute(stmt: InStatement | [string, InArgs?]): ResultSet {
    const { sql, args } =
      typeof stmt === 'string'
        ? { sql: stmt, args: undefined }
        : Array.isArray(stmt)
          ? { sql: stmt[0], args: stmt[1] }
          : stmt;
    try {
      const p = this.prepare(sql);
      if (p.reader) {
        const raw = p.statement.all(toArgs(args)) as unknown[][];
        // The schema changed under the kept statement and SQLite prepared it again: learn its columns.
        if (raw.length && raw[0]!.length !== p.columns.length) this.describe(p);
        return resultSet(
          p.columns,
          p.columnTypes,
          raw.map((r) => toRow(p, r)),
          0,
          undefined,
        );
      }
      const info = p.statement.run(toArgs(args));
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw mapError(e);
    }
  }

  /** Runs the statements between BEGIN and COMMIT; any failure rolls all of them back. */
  batch(stmts: (InStatement | [string, InArgs?])[], opening: string): ResultSet[] {
    this.open(opening);
    try {
      const results = this.all(stmts);
      this.execute('COMMIT');
      return results;
    } finally {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
    }
  }

  /** Runs the statements in order; a failure names the statement (LibsqlBatchError), as batch's. */
  private all(stmts: (InStatement | [string, InArgs?])[]): ResultSet[] {
    return stmts.map((s, i) => {
      try {
        return this.execute(s);
      } catch (e) {
        if (e instanceof LibsqlError)
          throw new LibsqlBatchError(
            e.message.replace(/^[A-Z_]+: /, ''),
            i,
            e.code,
            e.extendedCode,
            e.rawCode,
            e,
          );
        throw e;
      }
    });
  }

  /**
   * Several writes in ONE transaction, each in a savepoint of its own: a write that fails is rolled
   * back alone, with the error it would have had on its own (batch's or single's), and the others
   * commit together. Undefined when a failure ended the whole transaction (SQLite does so for a few
   * errors, e.g. a full disk): nothing was committed, and the caller runs the writes one by one.
   */
  group(calls: readonly WriteCall[]): GroupOutcome[] | undefined {
    this.open('BEGIN IMMEDIATE');
    try {
      const outcomes: GroupOutcome[] = [];
      for (const call of calls) {
        this.connection.exec('SAVEPOINT w');
        try {
          const results = call.kind === 'batch' ? this.all(call.stmts) : [this.execute(call.stmt)];
          this.connection.exec('RELEASE w');
          outcomes.push({ results });
        } catch (error) {
          if (!this.connection.inTransaction) return undefined;
          this.connection.exec('ROLLBACK TO w');
          this.connection.exec('RELEASE w');
          outcomes.push({ error });
        }
      }
      this.execute('COMMIT');
      return outcomes;
    } finally {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
    }
  }
}

/** One write's outcome in a group (StatementRunner.group). */
export type GroupOutcome = { results: ResultSet[] } | { error: unknown };

/** A read's rows as arrays of values in column order, and the columns' names. */
export interface ValueRows {
  columns: string[];
  rows: Value[][];
}

/** What the local client offers beside `Client`: reads whose rows are arrays (see readValues). */
export interface ValueReader {
  /** Whether `sql` only reads, outside a transaction: then readValues may run it. */
  reads(sql: string): boolean;
  /** Runs a read (reads(sql) is true) with positional arguments. */
  readValues(sql: string, args: readonly unknown[]): ValueRows;
}

/** Several writes committed together (the writer thread's group commit). */
export interface GroupWriter {
  /** Runs one write as `batch` or `execute` would; its outcome (results or error), never a rejection. */
  write(call: WriteCall): Promise<GroupOutcome>;
  /**
   * Runs `calls` in one transaction, each in a savepoint of its own; each outcome is what the write
   * would have answered on its own (its results or its error). All are answered after the COMMIT.
   */
  writeGroup(calls: readonly WriteCall[]): Promise<GroupOutcome[]>;
}

/** Where the local client's writes go instead of its own connection (the Node server's writer thread). */
export interface WriteDelegation {
  /** From now on writes outside interactive transactions go to `channel`; undefined: run here again. */
  sendWritesTo(channel: WriteChannel | undefined): void;
}

/**
 * A client over the local file at `path`; `pragmas` are run on every connection it opens (a
 * `busy_timeout` among them is how long a write waits for the lock; 5 s when none is given).
 */
export function createLocalClient(
  path: string,
  pragmas: readonly string[],
): Client & ValueReader & WriteDelegation & GroupWriter {
  const busyTimeout = pragmas.map((p) => /busy_timeout\s*=\s*(\d+)/i.exec(p)?.[1]).find(Boolean);
  const lockWaitMs = Number(busyTimeout ?? 5000);
  const open = () => {
    const connection = new Database(path);
    connection.exec(`PRAGMA busy_timeout = ${lockWaitMs}`);
    for (const p of pragmas) connection.exec(p);
    return new StatementRunner(connection, lockWaitMs);
  };
  /** The shared connection waits for locks in `patiently`, between turns of the event loop. */
  const openMain = () => {
    const runner = open();
    runner.connection.exec('PRAGMA busy_timeout = 0');
    return runner;
  };
  let main = openMain();
  let closed = false;
  let writes: WriteChannel | undefined;
  const usable = () => {
    if (closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    return main;
  };
  /**
   * The write run by the writer thread, or undefined when no thread took it (none set, or it is
   * being restarted): the caller then runs it here. An error of the write itself is thrown as this
   * client would have thrown it.
   */
  async function sent(call: WriteCall): Promise<ResultSet[] | undefined> {
    if (!writes) return undefined;
    try {
      return (await writes.run(call)).map(fromWire);
    } catch (e) {
      if (e instanceof WriterUnavailable) return undefined;
      throw e;
    }
  }

  const client: Client & ValueReader & WriteDelegation & GroupWriter = {
    sendWritesTo(channel) {
      writes = channel;
    },
    write(call) {
      const results =
        call.kind === 'batch'
          ? client.batch(call.stmts, call.mode)
          : client.execute(call.stmt).then((r) => [r]);
      return results.then(
        (done) => ({ results: done }),
        (error: unknown) => ({ error }),
      );
    },
    async writeGroup(calls) {
      const runner = usable();
      const together = await runner.patiently(() => runner.group(calls), true);
      if (together) return together;
      // The transaction ended with a write's failure, so nothing committed: each on its own.
      const alone: GroupOutcome[] = [];
      for (const call of calls) alone.push(await client.write(call));
      return alone;
    },
    reads: (sql) => usable().reads(sql),
    readValues(sql, args) {
      const runner = usable();
      // A write on its own goes through execute, which takes the write lock first.
      if (!runner.connection.inTransaction && runner.changesRows(sql))
        throw new TypeError('readValues runs reads only');
      return runner.readValues(sql, args);
    },
    get closed() {
      return closed;
    },
    protocol: 'file',
    async execute(stmt: InStatement | string, args?: InArgs) {
      const runner = usable();
      const statement = typeof stmt === 'string' ? { sql: stmt, args } : stmt;
      // A write on its own takes the write lock: wait for it without holding the loop.
      if (!runner.connection.inTransaction && runner.changesRows(statement.sql)) {
        const done = await sent({ kind: 'execute', stmt: toWireStatement(statement) });
        if (done) return done[0]!;
        return runner.patiently(() => runner.single(statement), true);
      }
      return runner.patiently(() => runner.execute(statement), false);
    },
    async batch(stmts, mode) {
      const runner = usable();
      if (mode !== 'read') {
        const done = await sent({ kind: 'batch', stmts: stmts.map(toWireStatement), mode });
        if (done) return done;
      }
      const opening = begin(mode);
      return runner.patiently(() => runner.batch(stmts, opening), mode !== 'read');
    },
    async migrate(stmts) {
      const runner = usable();
      runner.connection.exec('PRAGMA foreign_keys=off');
      try {
        return runner.withBusyTimeout(() => runner.batch(stmts, 'BEGIN DEFERRED'));
      } finally {
        runner.connection.exec('PRAGMA foreign_keys=on');
      }
    },
    async transaction(mode?: TransactionMode): Promise<Transaction> {
      usable();
      const own = open();
      own.execute(begin(mode));
      let done = false;
      const finish = (sql: 'COMMIT' | 'ROLLBACK') => {
        if (done) return;
        done = true;
        try {
          if (own.connection.inTransaction) own.execute(sql);
        } finally {
          own.connection.close();
        }
      };
      return {
        get closed() {
          return done;
        },
        execute: async (stmt) => own.execute(stmt),
        batch: async (stmts) => stmts.map((s) => own.execute(s)),
        executeMultiple: async (sql) => {
          own.connection.exec(sql);
        },
        commit: async () => finish('COMMIT'),
        rollback: async () => finish('ROLLBACK'),
        close: () => finish('ROLLBACK'),
      };
    },
    async executeMultiple(sql) {
      const runner = usable();
      try {
        runner.withBusyTimeout(() => runner.connection.exec(sql));
      } catch (e) {
        throw mapError(e);
      }
    },
    async sync() {
      return undefined;
    },
    close() {
      if (closed) return;
      closed = true;
      main.connection.close();
    },
    reconnect() {
      if (!closed) main.connection.close();
      main = openMain();
      closed = false;
    },
  };
  return client;
}
