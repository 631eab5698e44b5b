/**
 * Counts what a D1 binding is asked to do: calls (each a round trip, and what Workers limit per
 * invocation: 50 on the Free plan, 1,000 on Paid), statements (a batch is one call, several
 * statements), and D1's own `rows_read` / `rows_written` (what D1 bills). Wraps the binding, so
 * drizzle and everything above it are unchanged.
 *
 * Calls are counted always (the outbox drain keeps within the per-invocation limit with them).
 * Rows are counted with `rows: true` (outside production): D1 reports them in `meta` on `all()`,
 * `run()` and `batch()`, but its `raw()` (which drizzle uses for typed selects) drops it, so the
 * meter makes the request `raw()` makes internally in workerd's D1 API and keeps the meta. That is
 * not a public API, which is why production counts calls only.
 */
import type { D1DatabaseLike } from './d1';

export interface DbUsage {
  calls: number;
  statements: number;
  rowsRead: number;
  rowsWritten: number;
  /** Milliseconds spent waiting for the database (what a request's time is not CPU). */
  waitMs: number;
}

export const emptyUsage = (): DbUsage => ({
  calls: 0,
  statements: 0,
  rowsRead: 0,
  rowsWritten: 0,
  waitMs: 0,
});

/** What happened between two readings of a meter. */
export const usageSince = (before: DbUsage, now: DbUsage): DbUsage => ({
  calls: now.calls - before.calls,
  statements: now.statements - before.statements,
  rowsRead: now.rowsRead - before.rowsRead,
  rowsWritten: now.rowsWritten - before.rowsWritten,
  waitMs: now.waitMs - before.waitMs,
});

interface Meta {
  rows_read?: number;
  rows_written?: number;
}
interface Result {
  results?: unknown[];
  meta?: Meta;
}
interface Statement {
  bind(...values: unknown[]): Statement;
  all(): Promise<Result>;
  run(): Promise<Result>;
  raw(options?: { columnNames?: boolean }): Promise<unknown[]>;
}
/** The runtime's internal request behind `raw()` (workerd's D1 API), when it is there. */
interface RawCapable {
  statement: string;
  params: unknown[];
  dbSession: {
    _sendOrThrow(
      endpoint: string,
      query: string,
      params: unknown[],
      format: 'ROWS_AND_COLUMNS',
      span: { setAttribute(): void },
    ): Promise<unknown>;
  };
}
interface RowsAndColumns {
  results?: { columns: string[]; rows: unknown[][] };
  meta?: Meta;
}

const isStatement = (s: unknown): s is Statement =>
  typeof s === 'object' && s !== null && typeof (s as Partial<Statement>).bind === 'function';

function hasInternalRaw(s: unknown): s is RawCapable {
  const session = (s as Partial<RawCapable> | null)?.dbSession;
  return typeof session?._sendOrThrow === 'function' && typeof (s as RawCapable).statement === 'string';
}

const quietSpan = { setAttribute() {} };

export function meteredD1(
  inner: D1DatabaseLike,
  { rows: countRows = true }: { rows?: boolean } = {},
): { binding: D1DatabaseLike; usage: DbUsage } {
  const usage = emptyUsage();
  const record = (meta: Meta | undefined) => {
    usage.rowsRead += meta?.rows_read ?? 0;
    usage.rowsWritten += meta?.rows_written ?? 0;
  };
  const unwrapped = new WeakMap<object, Statement>();
  /** Counts one call of `statements` statements and the time spent waiting for it. */
  async function counted<T>(statements: number, run: () => Promise<T>): Promise<T> {
    usage.calls++;
    usage.statements += statements;
    const started = Date.now();
    try {
      return await run();
    } finally {
      usage.waitMs += Date.now() - started;
    }
  }

  function wrap(statement: Statement): Statement {
    const wrapped: Statement & { first(column?: string): Promise<unknown> } = {
      bind: (...values) => wrap(statement.bind(...values)),
      async all() {
        const result = await counted(1, () => statement.all());
        record(result.meta);
        return result;
      },
      async run() {
        const result = await counted(1, () => statement.run());
        record(result.meta);
        return result;
      },
      async first(column?: string) {
        const { results = [] } = await wrapped.all();
        const row = (results[0] ?? null) as Record<string, unknown> | null;
        return column === undefined || row === null ? row : row[column];
      },
      async raw(options) {
        if (!countRows || !hasInternalRaw(statement)) return counted(1, () => statement.raw(options));
        const { dbSession } = statement;
        const answer = (await counted(1, () =>
          dbSession._sendOrThrow(
            '/query',
            statement.statement,
            statement.params,
            'ROWS_AND_COLUMNS',
            quietSpan,
          ),
        )) as RowsAndColumns | RowsAndColumns[];
        const result = Array.isArray(answer) ? answer[0] : answer;
        record(result?.meta);
        const { columns = [], rows = [] } = result?.results ?? {};
        return options?.columnNames ? [columns, ...rows] : rows;
      },
    };
    unwrapped.set(wrapped, statement);
    return wrapped;
  }

  const binding = {
    prepare(query: string) {
      const statement = inner.prepare(query);
      if (!isStatement(statement)) throw new Error('D1 prepare() returned something unexpected');
      return wrap(statement);
    },
    async batch(statements: unknown[]) {
      const results = (await counted(statements.length, () =>
        inner.batch(
          statements.map((s) => (typeof s === 'object' && s !== null ? (unwrapped.get(s) ?? s) : s)),
        ),
      )) as Result[];
      for (const r of results) record(r.meta);
      return results;
    },
    exec: (query: string) => counted(1, () => inner.exec(query)),
  };
  return { binding, usage };
}
