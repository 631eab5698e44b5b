/**
 * A stand-in for a Turso/sqld server, run in Node by the Workers suite's global setup: the Hrana v2
 * protocol over HTTP with JSON (`POST /v2/pipeline`), backed by a local libSQL file. No libSQL server
 * can run on this machine (see STACK-NOTES), and this lets the Worker's real `@libsql/client/web`
 * client talk real HTTP from inside workerd.
 *
 * It implements what that client sends: streams with batons, `execute`, `batch` with step
 * conditions (how the client wraps a batch in BEGIN … COMMIT / ROLLBACK), `sequence`, `store_sql` /
 * `close_sql` (its SQL cache), `get_autocommit` and `close`. Each batch's BEGIN opens a libSQL
 * transaction, so a batch is atomic here as on Turso. Requests run one at a time.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Client, createClient, type InValue, type ResultSet, type Transaction } from '@libsql/client';

type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface HranaStmt {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
}

type HranaCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: HranaCond }
  | { type: 'and' | 'or'; conds: HranaCond[] }
  | { type: 'is_autocommit' };

type StreamRequest =
  | { type: 'close' | 'get_autocommit' }
  | { type: 'execute'; stmt: HranaStmt }
  | { type: 'batch'; batch: { steps: { condition?: HranaCond; stmt: HranaStmt }[] } }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number };

interface Stream {
  sqls: Map<number, string>;
  tx?: Transaction;
}

class HranaError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function fromHrana(v: HranaValue): InValue {
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return v.value;
    case 'text':
      return v.value;
    case 'blob':
      return Buffer.from(v.base64, 'base64');
  }
}

function toHrana(v: unknown): HranaValue {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof ArrayBuffer) return { type: 'blob', base64: Buffer.from(v).toString('base64') };
  throw new Error(`cannot encode ${typeof v}`);
}

function stmtResult(rs: ResultSet) {
  return {
    cols: rs.columns.map((name, i) => ({ name, decltype: rs.columnTypes[i] || null })),
    rows: rs.rows.map((row) => rs.columns.map((_, i) => toHrana(row[i]))),
    affected_row_count: rs.rowsAffected,
    last_insert_rowid: rs.lastInsertRowid === undefined ? null : rs.lastInsertRowid.toString(),
  };
}

const emptyResult = { cols: [], rows: [], affected_row_count: 0, last_insert_rowid: null };

/** libSQL errors read "CODE: message"; Hrana sends the two apart, and the client joins them again. */
function asHranaError(err: unknown) {
  const e = err as { message?: string; code?: string };
  const message = String(e.message ?? err).replace(/^[A-Z_]+: /, '');
  return { message, code: e.code ?? 'UNKNOWN' };
}

export interface HranaServer {
  url: string;
  close(): Promise<void>;
}

export async function startHranaServer(databaseUrl: string, authToken: string): Promise<HranaServer> {
  const client: Client = createClient({ url: databaseUrl, intMode: 'bigint' });
  const streams = new Map<string, Stream>();
  let queue: Promise<unknown> = Promise.resolve();

  async function execute(stream: Stream, stmt: HranaStmt) {
    const sql = stmt.sql ?? stream.sqls.get(stmt.sql_id ?? -1);
    if (sql === undefined) throw new HranaError(`unknown sql_id ${stmt.sql_id}`, 'SQL_NOT_FOUND');
    if (/^\s*BEGIN\b/i.test(sql)) {
      if (stream.tx) throw new HranaError('cannot start a transaction within a transaction', 'SQLITE_ERROR');
      stream.tx = await client.transaction('write');
      return emptyResult;
    }
    if (/^\s*(COMMIT|END)\b/i.test(sql) || /^\s*ROLLBACK\b/i.test(sql)) {
      const tx = stream.tx;
      if (!tx) throw new HranaError('cannot commit - no transaction is active', 'SQLITE_ERROR');
      stream.tx = undefined;
      await (/^\s*ROLLBACK\b/i.test(sql) ? tx.rollback() : tx.commit());
      return emptyResult;
    }
    const args: InValue[] | Record<string, InValue> = stmt.named_args?.length
      ? Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ''), fromHrana(a.value)]))
      : (stmt.args ?? []).map(fromHrana);
    return stmtResult(await (stream.tx ?? client).execute({ sql, args }));
  }

  async function batch(stream: Stream, steps: { condition?: HranaCond; stmt: HranaStmt }[]) {
    const results: (object | null)[] = [];
    const errors: (object | null)[] = [];
    const holds = (c: HranaCond): boolean => {
      switch (c.type) {
        case 'ok':
          return results[c.step] != null;
        case 'error':
          return errors[c.step] != null;
        case 'not':
          return !holds(c.cond);
        case 'and':
          return c.conds.every(holds);
        case 'or':
          return c.conds.some(holds);
        case 'is_autocommit':
          return stream.tx === undefined;
      }
    };
    for (const step of steps) {
      if (step.condition && !holds(step.condition)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await execute(stream, step.stmt));
        errors.push(null);
      } catch (err) {
        results.push(null);
        errors.push(asHranaError(err));
      }
    }
    return { step_results: results, step_errors: errors };
  }

  async function handle(stream: Stream, req: StreamRequest) {
    switch (req.type) {
      case 'execute':
        return { type: 'execute', result: await execute(stream, req.stmt) };
      case 'batch':
        return { type: 'batch', result: await batch(stream, req.batch.steps) };
      case 'sequence': {
        const sql = req.sql ?? stream.sqls.get(req.sql_id ?? -1) ?? '';
        if (stream.tx) throw new HranaError('sequence inside a transaction is not supported here');
        await client.executeMultiple(sql);
        return { type: 'sequence' };
      }
      case 'store_sql':
        stream.sqls.set(req.sql_id, req.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        stream.sqls.delete(req.sql_id);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: stream.tx === undefined };
      case 'close':
        if (stream.tx) await stream.tx.rollback();
        stream.tx = undefined;
        return { type: 'close' };
    }
  }

  async function pipeline(body: { baton?: string | null; requests: StreamRequest[] }) {
    const stream = body.baton ? streams.get(body.baton) : { sqls: new Map() };
    if (!stream) throw new HranaError('unknown baton', 'STREAM_EXPIRED');
    if (body.baton) streams.delete(body.baton);
    const results = [];
    let closed = false;
    for (const req of body.requests) {
      try {
        results.push({ type: 'ok', response: await handle(stream, req) });
        if (req.type === 'close') closed = true;
      } catch (err) {
        results.push({ type: 'error', error: asHranaError(err) });
      }
    }
    let baton: string | null = null;
    if (!closed) {
      baton = randomUUID();
      streams.set(baton, stream);
    }
    return { baton, base_url: null, results };
  }

  const readJson = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  };

  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${authToken}`)
      return reply(401, { error: 'Authentication failed: the token is missing or wrong' });
    if (req.method !== 'POST' || req.url !== '/v2/pipeline') return reply(404, { error: 'Not found' });
    const run = queue.then(async () => {
      try {
        reply(200, await pipeline(await readJson(req)));
      } catch (err) {
        reply(400, { error: asHranaError(err).message });
      }
    });
    queue = run;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          client.close();
          resolve();
        });
      }),
  };
}
