/**
 * Writes sent by a connection to another thread that runs them on its own connection to the same
 * file (the Node server's writer thread, src/adapters/threads/writer.ts), and their answers, as plain
 * data that structured cloning carries unchanged: statements with their arguments, result sets with
 * rows as arrays, errors with their SQLite codes. The client that sends them (libsql-local.ts) turns
 * the answers back into exactly what it would have answered itself.
 */
import {
  type InArgs,
  type InStatement,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type TransactionMode,
  type Value,
} from '@libsql/client';

export interface WireStatement {
  sql: string;
  args?: InArgs;
}

/** A batch from its BEGIN to its COMMIT, or one statement that changes rows in a transaction of its own. */
export type WriteCall =
  | { kind: 'batch'; stmts: WireStatement[]; mode: TransactionMode | undefined }
  | { kind: 'execute'; stmt: WireStatement };

export interface WireResult {
  columns: string[];
  columnTypes: string[];
  rows: Value[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

export type WireError =
  | {
      kind: 'libsql';
      message: string;
      code: string;
      extendedCode?: string;
      rawCode?: number;
      statementIndex?: number;
    }
  | { kind: 'other'; name: string; message: string };

/** Where a client sends its writes; rejects with WriterUnavailable when nobody could run them. */
export interface WriteChannel {
  run(call: WriteCall): Promise<WireResult[]>;
}

/** Nobody took the write: it was not run (the client then runs it itself). */
export class WriterUnavailable extends Error {
  override name = 'WriterUnavailable';
}

export function toWireStatement(stmt: InStatement | [string, InArgs?] | string): WireStatement {
  if (typeof stmt === 'string') return { sql: stmt };
  if (Array.isArray(stmt)) return { sql: stmt[0], args: stmt[1] };
  return { sql: stmt.sql, args: stmt.args };
}

export function toWireResult(r: ResultSet): WireResult {
  return {
    columns: r.columns,
    columnTypes: r.columnTypes,
    rows: r.rows.map((row) => Array.from({ length: row.length }, (_x, i) => row[i] ?? null)),
    rowsAffected: r.rowsAffected,
    lastInsertRowid: r.lastInsertRowid,
  };
}

/** LibsqlError prefixes its message with the code; the wire carries the message without it. */
const withoutCode = (e: LibsqlError) =>
  e.message.startsWith(`${e.code}: `) ? e.message.slice(e.code.length + 2) : e.message;

export function toWireError(e: unknown): WireError {
  if (e instanceof LibsqlError)
    return {
      kind: 'libsql',
      message: withoutCode(e),
      code: e.code,
      extendedCode: e.extendedCode,
      rawCode: e.rawCode,
      statementIndex: e instanceof LibsqlBatchError ? e.statementIndex : undefined,
    };
  if (e instanceof Error) return { kind: 'other', name: e.name, message: e.message };
  return { kind: 'other', name: 'Error', message: String(e) };
}

/** The error as the sending thread's client would have thrown it (its stack is the sender's). */
export function fromWireError(w: WireError): Error {
  if (w.kind === 'libsql')
    return w.statementIndex === undefined
      ? new LibsqlError(w.message, w.code, w.extendedCode, w.rawCode)
      : new LibsqlBatchError(w.message, w.statementIndex, w.code, w.extendedCode, w.rawCode);
  const make = w.name === 'TypeError' ? TypeError : w.name === 'RangeError' ? RangeError : Error;
  const error = new make(w.message);
  if (make === Error) error.name = w.name;
  return error;
}
