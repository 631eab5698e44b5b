/**
 * The lexicon is searched as sorted text (keys.ts `sortedWordsHave`) until a Set pays off: the
 * text must stay sorted, and the search must agree with a Set on words in it and out of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import lexiconText from '../../src/lib/swedish/data/lexicon.json';
import { sortedWordsHave } from '../../src/lib/swedish/keys';

const words = lexiconText.split(' ');
const set = new Set(words);

describe('the lexicon as sorted text', () => {
  it('is sorted, one space between words, no duplicates', () => {
    expect(words.length).toBeGreaterThan(100_000);
    for (let i = 1; i < words.length; i++) expect(words[i - 1]! < words[i]!).toBe(true);
    expect(words.every((w) => w.length > 0 && !w.includes(' '))).toBe(true);
  });

  it('finds every word in it, its first and last too', () => {
    for (let i = 0; i < words.length; i += 97) expect(sortedWordsHave(lexiconText, words[i]!)).toBe(true);
    expect(sortedWordsHave(lexiconText, words[0]!)).toBe(true);
    expect(sortedWordsHave(lexiconText, words[words.length - 1]!)).toBe(true);
  });

  it('agrees with a Set on prefixes, extensions and random strings', () => {
    fc.assert(
      fc.property(
        fc.nat(words.length - 1),
        fc.string({ minLength: 0, maxLength: 3, unit: fc.constantFrom('a', 'e', 'r', 's', 'ö', 'z') }),
        fc.boolean(),
        (i, extra, cut) => {
          const w = words[i]!;
          const probe = cut ? w.slice(0, Math.max(0, w.length - extra.length)) : w + extra;
          expect(sortedWordsHave(lexiconText, probe)).toBe(set.has(probe));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('works on small lists: empty, one word, words around the probe', () => {
    expect(sortedWordsHave('', 'a')).toBe(false);
    expect(sortedWordsHave('bak', 'bak')).toBe(true);
    expect(sortedWordsHave('bak', 'ba')).toBe(false);
    expect(sortedWordsHave('a b c', 'b')).toBe(true);
    expect(sortedWordsHave('a b c', 'bb')).toBe(false);
    expect(sortedWordsHave('a b c', 'd')).toBe(false);
    expect(sortedWordsHave('aa ab abc', 'a')).toBe(false);
  });
});
