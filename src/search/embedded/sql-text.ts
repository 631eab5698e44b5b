/**
 * SQL text and its bound values, put together by string concatenation, for the search statements
 * that are built anew for every search (statement.ts, plan.ts). Drizzle's `sql` builds a tree of
 * objects that its `toQuery` walks again to make the text: 45–80 µs and about 40 KB of garbage per
 * search, a tenth of the search thread's CPU under the load mix. Here a fragment is already flat
 * (the text between values, and the values), and the finished statement goes to drizzle as ONE flat
 * `sql` call, which drizzle turns into text in a few microseconds.
 *
 * The same rules as drizzle's `sql` tag: a fragment inside a fragment is inlined, `raw` text is
 * inlined as it is, any other value is a bound parameter (`?`). Arrays are not lists here: pass a
 * list as one JSON parameter (as the search statements do) or join fragments.
 */
import type { SQL } from 'drizzle-orm';
import { flatSql, templateOf } from '../../adapters/db/flat-sql';

export class Fragment {
  /** `pieces.length === params.length + 1`: text, value, text, …, text. */
  constructor(
    readonly pieces: readonly string[],
    readonly params: readonly unknown[],
  ) {}
}

/** Appends `value` to pieces/params being built: inlined when a fragment, bound otherwise. */
function append(pieces: string[], params: unknown[], value: unknown) {
  if (value instanceof Fragment) {
    pieces[pieces.length - 1] += value.pieces[0]!;
    for (let i = 0; i < value.params.length; i++) {
      params.push(value.params[i]);
      pieces.push(value.pieces[i + 1]!);
    }
  } else {
    params.push(value);
    pieces.push('');
  }
}

/** A fragment from a template: `q\`d.kind = ${kind}\``. */
export function q(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  const pieces = [strings[0]!];
  const params: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    append(pieces, params, values[i]);
    pieces[pieces.length - 1] += strings[i + 1]!;
  }
  return new Fragment(pieces, params);
}

/** Text inlined as it is (names, fixed SQL): never user input. */
export const raw = (text: string) => new Fragment([text], []);

/** The fragments one after another, `separator` between them. */
export function join(fragments: readonly Fragment[], separator: string): Fragment {
  const pieces = [''];
  const params: unknown[] = [];
  fragments.forEach((f, i) => {
    if (i > 0) pieces[pieces.length - 1] += separator;
    append(pieces, params, f);
  });
  return new Fragment(pieces, params);
}

/** The text with `?` for each value, as drizzle's `toQuery` makes it for SQLite. */
export const textOf = (f: Fragment) => f.pieces.join('?');

/** The fragment as drizzle SQL: one flat template, the same text and values drizzle would build. */
export function toSql(f: Fragment): SQL {
  return flatSql(templateOf(f.pieces), f.params);
}
