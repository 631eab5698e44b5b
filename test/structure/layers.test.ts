/**
 * Dependencies point one way: entry → app → routes and pages → services → (matching, search, mail, outbox,
 * domain) → lib, with the database schema beside the domain's vocabularies. Read from the source's own import lines,
 * so an import that runs back up fails here rather than in a review.
 */
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './source';

/**
 * Layers, highest first; a file may import its own layer or any lower one. The first prefix that a
 * path starts with names its layer.
 */
const layers: [layer: number, prefixes: string[]][] = [
  [7, ['src/entry/']],
  [6, ['src/app.ts']],
  [5, ['src/routes/', 'src/pages/', 'src/middleware/', 'src/app-env.ts', 'src/demo/']],
  [4, ['src/services/']],
  [3, ['src/matching/', 'src/search/', 'src/mail/', 'src/outbox/', 'src/auth/', 'src/adapters/']],
  // The schema's enums are the domain's vocabularies.
  [2, ['src/domain/', 'db/']],
  [1, ['src/lib/', 'src/reference/', 'src/config.ts']],
];

const layerOf = (path: string) =>
  layers.find(([, prefixes]) => prefixes.some((p) => path.startsWith(p)))?.[0];

/** Side by side on one layer, yet one must not know the other. */
const apart: [from: string, to: string, why: string][] = [
  ['src/search/', 'src/outbox/', 'search adapters know nothing of how their updates are queued'],
  ['src/outbox/', 'src/search/', 'the outbox runs handlers the app registers'],
  ['src/outbox/', 'src/mail/', 'the outbox runs handlers the app registers'],
  ['src/matching/', 'src/adapters/', 'the matching engine is pure: no I/O'],
  ['src/matching/', 'src/search/', 'the matching engine is pure: no I/O'],
  ['src/matching/', 'src/outbox/', 'the matching engine is pure: no I/O'],
  ['src/matching/', 'src/mail/', 'the matching engine is pure: no I/O'],
];

describe('dependency direction', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('db/schema')];

  it('every source file has a layer', () => {
    expect(files.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('no import runs from a lower layer up', () => {
    const upward = files.flatMap((from) =>
      importsOf(from)
        .filter((to) => (layerOf(to) ?? -1) > layerOf(from)!)
        .map((to) => `${from} → ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('parts of one layer that must stay apart do', () => {
    const crossing = files.flatMap((from) =>
      importsOf(from).flatMap((to) =>
        apart
          .filter(([a, b]) => from.startsWith(a) && to.startsWith(b))
          .map(([, , why]) => `${from} → ${to}: ${why}`),
      ),
    );
    expect(crossing).toEqual([]);
  });
});
