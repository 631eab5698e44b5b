import { type SQL, sql } from 'drizzle-orm';

/**
 * Text pieces as the template `sql` takes (`pieces.length` is one more than the values): made once per
 * statement shape by the hot write and search paths, so a statement is one flat template of plain
 * parameters, which drizzle renders several times faster than nested `sql` pieces (each a recursion
 * and a class test per value).
 */
export const templateOf = (pieces: readonly string[]): TemplateStringsArray =>
  Object.assign([...pieces], { raw: [...pieces] });

/** The statement of a template and its values (`templateOf`). */
export const flatSql = (template: TemplateStringsArray, values: readonly unknown[]): SQL =>
  sql(template, ...values);
