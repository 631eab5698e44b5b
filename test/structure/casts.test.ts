/**
 * No casts between layers: `as never`, `as any` and `as unknown as` hide a mismatch the compiler
 * would otherwise report (a service's answer against the documented response, an input against its
 * schema). One that truly cannot be avoided says why on the line before it: `// cast: <reason>`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sourceFiles } from './source';

const cast = /\bas\s+(?:never|any)\b|\bas\s+unknown\s+as\b/;
const comment = /^\s*(?:\/\/|\/?\*)/;
const reason = /\/\/ cast: \S/;

/** Every forbidden cast in src without a reason, as `file:line: text`. */
function unexplainedCasts() {
  return sourceFiles('src').flatMap((file) => {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    return lines.flatMap((line, i) => {
      if (comment.test(line) || !cast.test(line)) return [];
      if (reason.test(line) || reason.test(lines[i - 1] ?? '')) return [];
      return [`${file}:${i + 1}: ${line.trim()}`];
    });
  });
}

describe('casts', () => {
  it('none of as never, as any, as unknown as in src without a reason', () => {
    expect(unexplainedCasts()).toEqual([]);
  });
});
