/**
 * Fills tables fast, on any driver: rows travel as ONE JSON parameter per statement and SQLite
 * unpacks them with json_each, so a statement carries hundreds of rows and never nears D1's limit of
 * 100 bound parameters. Values go through drizzle's own column mapping (JSON columns as text,
 * booleans as 0/1), exactly as an insert through drizzle would store them.
 */
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';

export interface BulkStatement {
  sql: string;
  /** The one parameter: the rows as a JSON array of arrays. */
  rows: string;
}

/** INSERT statements for these rows (objects keyed like the drizzle table), `perStatement` rows each. */
export function bulkInsertStatements<T extends Table>(
  table: T,
  rows: readonly T['$inferInsert'][],
  perStatement = 500,
): BulkStatement[] {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]!);
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const values = columns.map((_c, i) => `json_extract(value, '$[${i}]')`).join(', ');
  const sql = `INSERT INTO "${getTableName(table)}" (${names}) SELECT ${values} FROM json_each(?)`;
  const out: BulkStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement).map((row) =>
      columns.map(([key, column]) => {
        const value = (row as Record<string, unknown>)[key];
        return value === null || value === undefined ? null : column.mapToDriverValue(value);
      }),
    );
    out.push({ sql, rows: JSON.stringify(chunk) });
  }
  return out;
}
