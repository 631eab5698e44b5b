import type { Client } from '@libsql/client';

/** What a caller can observe of a libSQL result: its JSON, and each row by index, by name and by keys. */
export const observeResult = (r: Awaited<ReturnType<Client['execute']>>) => ({
  json: r.toJSON(),
  rowsAffected: r.rowsAffected,
  lastInsertRowid: r.lastInsertRowid,
  rows: r.rows.map((row) => ({
    length: row.length,
    byIndex: Array.prototype.slice.call(row),
    keys: Object.keys(row),
    byName: Object.fromEntries(Object.keys(row).map((k) => [k, row[k]])),
  })),
});
