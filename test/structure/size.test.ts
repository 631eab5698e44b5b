/**
 * Services are found by name and read in one sitting: no top-level function in src/services (a
 * service factory, mostly) is longer than about 150 lines. A longer one is split by verb into files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sourceFiles } from './source';

const MAX_LINES = 150;

/** Each top-level function with its length in lines (from its line to its closing brace in column 0). */
function topLevelFunctions(file: string) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  return lines.flatMap((line, i) => {
    const name = /^export (?:async )?function (\w+)|^(?:async )?function (\w+)/.exec(line);
    if (!name) return [];
    const end = lines.findIndex((l, j) => j > i && l === '}');
    return [{ name: `${file} ${name[1] ?? name[2]}`, lines: end - i + 1 }];
  });
}

describe('service size', () => {
  it(`no service function is longer than ${MAX_LINES} lines`, () => {
    const long = sourceFiles('src/services')
      .flatMap(topLevelFunctions)
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.name}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
