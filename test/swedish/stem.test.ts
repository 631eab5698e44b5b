/** The Snowball port gives exactly the package's stems, on every base word of the Swedish dictionary. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snowballSwedish } from '../../src/lib/swedish/stem';

const require = createRequire(import.meta.url);

describe('Snowball Swedish stemmer', () => {
  it('agrees with snowball-stemmers 0.6.0 on the 150,000 words of dictionary-sv', () => {
    const reference = require('snowball-stemmers').newStemmer('swedish');
    const dic = readFileSync(join(import.meta.dirname, '../../node_modules/dictionary-sv/index.dic'), 'utf8');
    const words = dic
      .split('\n')
      .slice(1)
      .map((l) => l.split('/')[0]!.toLowerCase())
      .filter((w) => /^[a-zåäöé]+$/.test(w));
    expect(words.length).toBeGreaterThan(100_000);
    const differ = words.filter((w) => reference.stem(w) !== snowballSwedish(w));
    expect(differ.slice(0, 10)).toEqual([]);
  });
});
