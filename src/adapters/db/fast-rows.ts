/**
 * Drizzle's reads over the local libSQL client, without drizzle's per-row work. For every row of a
 * select, drizzle (0.45, libsql session) asks the client for row objects, copies each back into an
 * array (`Array.prototype.slice` over index getters), normalises each value, and then walks the
 * selected fields with an `is()` class check per column to find each decoder. A CPU profile of the
 * load mix put that mapping, with the client's row objects, at about a fifth of a slot list's CPU.
 *
 * Here a prepared query that reads gets its rows from the client as plain arrays (libsql-local.ts
 * `readValues`) and maps them with a plan made once per query: each column's path and decoder. The
 * answer is what drizzle's own mapping gives, value for value and key for key (the same algorithm,
 * joins' null objects included; test/lib/fast-rows.test.ts compares the two); errors are wrapped
 * as drizzle wraps them. Anything else (writes, `get` without fields, relational queries with their
 * own mapper, transactions, a client without `readValues`) runs drizzle's own code unchanged.
 */
import { Column, fillPlaceholders, getTableName, is, SQL, Subquery } from 'drizzle-orm';
import type { SelectedFieldsOrdered } from 'drizzle-orm/sqlite-core';
import type { ValueReader } from './libsql-local';

type Placeholders = Record<string, unknown> | undefined;

/** The parts of drizzle's LibSQLPreparedQuery this relies on (checked at run time: isPrepared). */
interface PreparedInternals {
  fields?: SelectedFieldsOrdered;
  customResultMapper?: unknown;
  joinsNotNullableMap?: Record<string, boolean>;
  tx?: unknown;
  client: unknown;
  query: { sql: string; params: unknown[] };
  logger: { logQuery(sql: string, params: unknown[]): void };
  queryWithCache<T>(sql: string, params: unknown[], run: () => Promise<T>): Promise<T>;
  all(placeholders?: Placeholders): Promise<unknown>;
  get(placeholders?: Placeholders): Promise<unknown>;
}

function isPrepared(q: unknown): q is PreparedInternals {
  return (
    typeof q === 'object' &&
    q !== null &&
    'client' in q &&
    'tx' in q &&
    'fields' in q &&
    'query' in q &&
    typeof q.query === 'object' &&
    q.query !== null &&
    'sql' in q.query &&
    typeof q.query.sql === 'string' &&
    'params' in q.query &&
    Array.isArray(q.query.params) &&
    'logger' in q &&
    'queryWithCache' in q &&
    typeof q.queryWithCache === 'function' &&
    'all' in q &&
    typeof q.all === 'function' &&
    'get' in q &&
    typeof q.get === 'function'
  );
}

function isValueReader(client: unknown): client is ValueReader {
  return (
    typeof client === 'object' &&
    client !== null &&
    'readValues' in client &&
    typeof client.readValues === 'function' &&
    'reads' in client &&
    typeof client.reads === 'function'
  );
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** One selected column: where its value goes, how it is decoded, its table when it is a column. */
interface Slot {
  path: readonly string[];
  decoder: Decoder;
  table: string | undefined;
}

function isDecoder(x: unknown): x is Decoder {
  return (
    typeof x === 'object' &&
    x !== null &&
    'mapFromDriverValue' in x &&
    typeof x.mapFromDriverValue === 'function'
  );
}

/** An SQL fragment's decoder (`decoder` is internal to drizzle: read with a check). */
function decoderOf(fragment: SQL): Decoder {
  const decoder = 'decoder' in fragment ? fragment.decoder : undefined;
  if (!isDecoder(decoder)) throw new TypeError('drizzle SQL without a decoder');
  return decoder;
}

/** As drizzle's mapResultRow chooses each field's decoder. */
function planOf(fields: SelectedFieldsOrdered): Slot[] {
  return fields.map(({ path, field }) => {
    if (is(field, Column)) return { path, decoder: field, table: getTableName(field.table) };
    const fragment = is(field, SQL) ? field : is(field, Subquery) ? field._.sql : field.sql;
    return { path, decoder: decoderOf(fragment), table: undefined };
  });
}

/** As drizzle's libsql normalizeFieldValue: blobs (ArrayBuffer) become Buffers. */
const normalize = (v: unknown) => (v instanceof ArrayBuffer ? Buffer.from(v) : v);

const isNode = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The object at `key` of a nested selection, made when first needed (as drizzle does). */
function child(node: Record<string, unknown>, key: string): Record<string, unknown> {
  if (!(key in node)) node[key] = {};
  const next = node[key];
  if (!isNode(next)) throw new TypeError(`the selected field ${key} is not an object`);
  return next;
}

/** drizzle's mapResultRow, with the per-column choices made once (planOf). */
function mapRow(
  plan: readonly Slot[],
  values: readonly unknown[],
  joins: Record<string, boolean> | undefined,
) {
  const result: Record<string, unknown> = {};
  const nullify: Record<string, string | false> = {};
  for (let i = 0; i < plan.length; i++) {
    const { path, decoder, table } = plan[i]!;
    const last = path.length - 1;
    let node = result;
    for (let j = 0; j < last; j++) node = child(node, path[j]!);
    const raw = normalize(values[i]);
    const value = raw === null ? null : decoder.mapFromDriverValue(raw);
    node[path[last]!] = value;
    if (joins && table !== undefined && path.length === 2) {
      const objectName = path[0]!;
      if (!(objectName in nullify)) nullify[objectName] = value === null ? table : false;
      else if (typeof nullify[objectName] === 'string' && nullify[objectName] !== table)
        nullify[objectName] = false;
    }
  }
  if (joins)
    for (const [objectName, tableName] of Object.entries(nullify))
      if (typeof tableName === 'string' && !joins[tableName]) result[objectName] = null;
  return result;
}

/** As drizzle's normalizeRow over the client's row object: the first column of a name wins. */
function plainRow(columns: readonly string[], values: readonly unknown[]) {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i]!;
    if (name !== 'length' && !Object.hasOwn(row, name)) row[name] = values[i] ?? null;
  }
  return row;
}

/** Gives one prepared query the fast reads (see the top of the file). */
function speedUp(q: PreparedInternals, client: ValueReader) {
  if (q.customResultMapper || q.tx !== undefined) return;
  let plan: Slot[] | undefined;
  try {
    plan = q.fields && planOf(q.fields);
  } catch {
    return; // drizzle's fields are not as expected: its own mapping stays
  }
  const slowAll = q.all.bind(q);
  const slowGet = q.get.bind(q);
  let reads: boolean | undefined;
  const read = async (placeholders: Placeholders) => {
    const params = fillPlaceholders(q.query.params, placeholders ?? {});
    q.logger.logQuery(q.query.sql, params);
    return q.queryWithCache(q.query.sql, params, async () => client.readValues(q.query.sql, params));
  };
  const fast = () => {
    try {
      reads ??= client.reads(q.query.sql);
    } catch {
      return false; // a closed client: drizzle's path reports it, wrapped as drizzle wraps it
    }
    return reads;
  };
  q.all = async (placeholders) => {
    if (!fast()) return slowAll(placeholders);
    const { columns, rows } = await read(placeholders);
    if (!plan) return rows.map((r) => plainRow(columns, r));
    const p = plan;
    return rows.map((r) => mapRow(p, r, q.joinsNotNullableMap));
  };
  q.get = async (placeholders) => {
    // Without fields drizzle's get fails on no row (it maps undefined): left to drizzle.
    if (!plan || !fast()) return slowGet(placeholders);
    const p = plan;
    const { rows } = await read(placeholders);
    const first = rows[0];
    return first ? mapRow(p, first, q.joinsNotNullableMap) : undefined;
  };
}

/**
 * Makes the reads of `db` (drizzle over the local libSQL client) map their rows the fast way. `db`
 * is drizzle's database object; without the expected internals it is left as it is.
 */
export function withFastRows(db: object): void {
  const session = 'session' in db ? db.session : undefined;
  if (typeof session !== 'object' || session === null || !('prepareQuery' in session)) return;
  const prepare = session.prepareQuery;
  if (typeof prepare !== 'function') return;
  session.prepareQuery = (...args: unknown[]) => {
    const q: unknown = Reflect.apply(prepare, session, args);
    if (isPrepared(q) && isValueReader(q.client)) speedUp(q, q.client);
    return q;
  };
}

/**
 * A read run synchronously on the local client, its rows as arrays of values, for a check made on
 * every request where drizzle's prepared `get` (its promises, placeholders and row mapping) cost more
 * than the read itself. Undefined when `db` is not drizzle over the local client (D1, remote libSQL):
 * the caller keeps its drizzle query there. Each call reads afresh, in a snapshot of its own
 * (readValues), so it sees every commit made before it by any connection or process.
 */
export function readNow(
  db: object,
  query: { sql: string; params: readonly unknown[] },
): (() => unknown[][]) | undefined {
  const read = readerOf(db, query.sql);
  const { params } = query;
  return read && (() => read(params));
}

/** As readNow, for a read whose values change per call (given in the order of the SQL's `?`). */
export function readerOf(db: object, sql: string): ((params: readonly unknown[]) => unknown[][]) | undefined {
  const session = 'session' in db ? db.session : undefined;
  if (typeof session !== 'object' || session === null || !('client' in session)) return undefined;
  const client = session.client;
  if (!isValueReader(client) || !client.reads(sql)) return undefined;
  return (params) => client.readValues(sql, params).rows;
}
