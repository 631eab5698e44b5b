/**
 * INSERTs and UPDATEs of the hot write paths (a slot write, a proposal, a placement move, the outbox)
 * as SQL put together from pieces made once per table, instead of drizzle's builders. A builder
 * walks the whole table on every call (every column, its default, its name escaped; an upsert twice
 * over): 30–80 µs of CPU per statement in a profile of the load mix, where these take a few. The
 * statements are `db.run(sql…)` items, so they run alone or in `db.batch` on libSQL and D1 alike,
 * and the values go through each column's own mapping (JSON, booleans) as the builder's did.
 */
import { type Column, getTableColumns, getTableName, is, SQL, sql, type Table } from 'drizzle-orm';
import { flatSql, templateOf } from '../adapters/db/flat-sql';
import type { Db } from '../adapters/db/types';

/**
 * A statement from its text pieces and the values between them (`texts` one longer than `values`),
 * through the `sql` tag itself: drizzle renders a plain value as a parameter after tests that end
 * at once for a non-object, the text pieces as they are, and SQL values nested. The builders below
 * map each value for the driver first (the column's own mapping, what a Param does when rendered):
 * rendering a Param tests it against a dozen classes, each test a walk of its prototypes, and each
 * nested SQL (`sql.raw(', ')` between values, as before) costs a recursion with copies of the
 * settings; in a profile of proposals that rendering was a quarter of the batches' JavaScript.
 */

/** What a column may be given: a value of its type (NULL for none), or SQL. */
type Value<T extends Table, P extends keyof T['_']['columns']> =
  | T['_']['columns'][P]['_']['data']
  | null
  | undefined
  | SQL;

function columnsOf<T extends Table>(table: T): Record<string, Column> {
  return getTableColumns(table);
}

/** The columns of `table` named by `keys`, in their order (a key the table lacks is a programming error). */
function namedColumns<T extends Table>(table: T, keys: readonly string[]): Column[] {
  const all = columnsOf(table);
  return keys.map((k) => {
    const column = all[k];
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
    return column;
  });
}

/** `INSERT INTO "table" ("column", …)` for `keys`, and their columns in that order. */
function insertHead<T extends Table>(table: T, keys: readonly string[]) {
  const columns = namedColumns(table, keys);
  return {
    columns,
    head: `INSERT INTO "${getTableName(table)}" (${columns.map((c) => `"${c.name}"`).join(', ')})`,
  };
}

/** The SQL of an INSERT of `keys` plus `tail`, put together per row from pieces made once. */
function insertSql<T extends Table, K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
  tail: string,
) {
  const { columns, head } = insertHead(table, keys);
  const texts = templateOf([`${head} VALUES (`, ...columns.slice(1).map(() => ', '), `)${tail}`]);
  return (row: { [P in K]?: Value<T, P> }) =>
    flatSql(
      texts,
      keys.map((k, i) => driverValue(row[k], columns[i]!)),
    );
}

/**
 * `INSERT INTO table (columns of keys) VALUES (…)` plus `tail` (an ON CONFLICT clause). Columns not
 * named take their defaults; a key left out of a row, null or undefined, is stored as NULL.
 */
export function rowInsert<T extends Table, K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
  tail = '',
) {
  const build = insertSql(table, keys, tail);
  return (db: Db, row: { [P in K]?: Value<T, P> }) => db.run(build(row));
}

/** As rowInsert, with a `RETURNING …` in `tail`: the rows returned, by column name, as stored. */
export function rowInsertReturning<T extends Table, K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
  tail: string,
) {
  const build = insertSql(table, keys, tail);
  return (db: Db, row: { [P in K]?: Value<T, P> }) => db.all<Record<string, unknown>>(build(row));
}

/**
 * `INSERT INTO table (columns of keys) SELECT … WHERE where RETURNING "id"`: the row goes in only if
 * `where` holds when the statement runs (inside its batch), and the rows returned say whether it did
 * (none or one), on libSQL and D1 alike. Values are mapped as rowInsert maps them.
 */
export function rowInsertWhere<T extends Table, K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
) {
  const { columns, head } = insertHead(table, keys);
  const texts = templateOf([
    `${head} SELECT `,
    ...columns.slice(1).map(() => ', '),
    ' WHERE ',
    ' RETURNING "id"',
  ]);
  return (db: Db, row: { [P in K]?: Value<T, P> }, where: SQL) =>
    db.all<{ id: string }>(flatSql(texts, [...keys.map((k, i) => driverValue(row[k], columns[i]!)), where]));
}

/**
 * A value as its column stores it (the mapping a Param applies when rendered: JSON, booleans), NULL
 * for null or undefined, or SQL as it is. A mapped value that is an object (no column of this
 * schema makes one) stays a Param: an array would render as a list.
 */
function driverValue(value: unknown, column: Column): unknown {
  if (value === null || value === undefined) return null;
  if (is(value, SQL)) return value;
  const mapped: unknown = column.mapToDriverValue(value);
  if (typeof mapped === 'object' && mapped !== null && !is(mapped, SQL)) return sql.param(value, column);
  return mapped;
}

/**
 * The text pieces and values of `UPDATE table SET …`: the columns of `set` that are not undefined,
 * each a value (mapped by its column) or SQL (e.g. `version + 1`), in the order given. `texts` holds
 * the text before each value; what follows the last value is the caller's.
 */
function updateParts<T extends Table>(table: T) {
  const all = columnsOf(table);
  const head = `UPDATE "${getTableName(table)}" SET `;
  const names = new Map(Object.entries(all).map(([key, c]) => [key, `"${c.name}" = `]));
  return (set: { [P in keyof T['_']['columns']]?: Value<T, P> }) => {
    const texts: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(set)) {
      if (value === undefined) continue;
      const name = names.get(key);
      if (!name) throw new Error(`${getTableName(table)} has no column ${key}`);
      texts.push(values.length === 0 ? `${head}${name}` : `, ${name}`);
      values.push(driverValue(value, all[key]!));
    }
    // An empty SET is a syntax error in SQLite; say which table instead.
    if (values.length === 0) throw new Error(`UPDATE ${getTableName(table)} with nothing to set`);
    return { texts, values };
  };
}

/** `UPDATE table SET …` (updateParts); the caller adds WHERE (and RETURNING). */
export function rowUpdateSet<T extends Table>(table: T) {
  const parts = updateParts(table);
  return (set: { [P in keyof T['_']['columns']]?: Value<T, P> }) => {
    const { texts, values } = parts(set);
    return flatSql(templateOf([...texts, '']), values);
  };
}

/** `UPDATE table SET … WHERE where` (updateParts) as a statement. */
export function rowUpdate<T extends Table>(table: T) {
  const parts = updateParts(table);
  return (db: Db, set: { [P in keyof T['_']['columns']]?: Value<T, P> }, where: SQL) => {
    const { texts, values } = parts(set);
    return db.run(flatSql(templateOf([...texts, ' WHERE ', '']), [...values, where]));
  };
}

/** The columns of `table` named by `keys` (all when none are named), by key. */
function pick<T extends Table>(table: T, keys?: readonly string[]): [string, Column][] {
  const all = columnsOf(table);
  if (!keys) return Object.entries(all);
  return keys.map((k) => {
    const column = all[k];
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
    return [k, column];
  });
}

type Row<T extends Table> = T['$inferSelect'];

/**
 * As rowUpdate, with `RETURNING` the columns of `keys` (every column when none are given): the rows
 * as the update left them, each as the database returns it (by column name); `storedRow` with the
 * same keys makes one the row a select of those columns gives. Saves reading the row back after a
 * batch that changed it. `also` returns further expressions by name (they may read other tables,
 * as they are when the update runs).
 */
export function rowUpdateReturning<T extends Table>(
  table: T,
  keys?: readonly (keyof Row<T> & string)[],
  also: Record<string, SQL> = {},
) {
  const parts = updateParts(table);
  const returning = ` RETURNING ${pick(table, keys)
    .map(([, c]) => `"${c.name}"`)
    .join(', ')}`;
  const extra = Object.entries(also);
  // After the WHERE: `… RETURNING a, b` then `, <expr> AS "name"` for each of `also`.
  const after =
    extra.length === 0
      ? [returning]
      : [`${returning}, `, ...extra.map(([name], i) => ` AS "${name}"${i < extra.length - 1 ? ', ' : ''}`)];
  const expressions = extra.map(([, expression]) => expression);
  return (db: Db, set: { [P in keyof T['_']['columns']]?: Value<T, P> }, where: SQL) => {
    const { texts, values } = parts(set);
    return db.all<Record<string, unknown>>(
      flatSql(templateOf([...texts, ' WHERE ', ...after]), [...values, where, ...expressions]),
    );
  };
}

/**
 * A row as the database returned it (by column name) as a select of `table`'s columns of `keys` (all
 * when none are given) maps it: every column through its own mapping (JSON, booleans), NULL as
 * null. (No table here has blob columns, which a select would also turn into Buffers.)
 */
export function storedRow<T extends Table, K extends keyof Row<T> & string = keyof Row<T> & string>(
  table: T,
  keys?: readonly K[],
) {
  const columns = pick(table, keys);
  return (raw: Record<string, unknown>): Pick<Row<T>, K> => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as Pick<Row<T>, K>;
  };
}
