/** Swedish text handling shared by both adapters: words, typo budgets, distances, safe highlighting. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editDistance,
  escapeHtml,
  highlightAll,
  MARK_END,
  MARK_START,
  markedToHtml,
  oneEditVariants,
  pieces,
  queryWords,
  snippet,
  tokenize,
  typoBudget,
  type WordMatch,
} from '../../src/search/text';

describe('words', () => {
  it('keeps å, ä and ö as letters, folds case and composes decomposed letters', () => {
    expect(tokenize('Återvinning, BRÖD & Ägg!')).toEqual(['återvinning', 'bröd', 'ägg']);
    expect(tokenize('bro\u0308d')).toEqual(['bröd']); // o + combining diaeresis
    expect(tokenize('IT-support 24/7')).toEqual(['it', 'support', '24', '7']);
  });

  it('reads at most eight distinct words from a query, leaving out one-letter words', () => {
    expect(queryWords('lager lager kök')).toEqual(['lager', 'kök']);
    expect(queryWords('aa bb cc dd ee ff gg hh ii jj')).toHaveLength(8);
    expect(queryWords('kock i skolkök')).toEqual(['kock', 'skolkök']);
    expect(queryWords('s')).toEqual([]);
    expect(queryWords('"*() -- ;')).toEqual([]);
  });

  it('allows one typo from 5 letters and two from 9, as Meilisearch does', () => {
    expect(typoBudget('bröd')).toBe(0);
    expect(typoBudget('lager')).toBe(1);
    expect(typoBudget('trädgårds')).toBe(2);
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('lagerarbtare', 'lagerarbetare', 2)).toBe(1);
    expect(editDistance('bagrei', 'bageri', 2)).toBe(1);
    expect(editDistance('kontor', 'kontroll', 2)).toBe(3);
  });

  it('charges a different first letter one extra, so a one-typo word must start right', () => {
    expect(editDistance('vageri', 'bageri', 1)).toBe(2);
    expect(editDistance('vageri', 'bageri', 2)).toBe(2);
  });

  it('measures against the closest prefix when the word is being typed', () => {
    expect(editDistance('trädgårdsarbe', 'trädgårdsarbetare', 1, true)).toBe(0);
    expect(editDistance('trädgårdsarbte', 'trädgårdsarbetare', 1, true)).toBe(1);
  });

  it('agrees with a plain dynamic-programming distance (property)', () => {
    const plain = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_x, i) => [i, ...Array(b.length).fill(0)]);
      for (let j = 1; j <= b.length; j++) d[0]![j] = j;
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(
            d[i - 1]![j]! + 1,
            d[i]![j - 1]! + 1,
            d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      return d[a.length]![b.length]!;
    };
    const word = fc.stringMatching(/^[abcåö]{1,8}$/);
    fc.assert(
      fc.property(word, word, (a, b) => {
        const expected = plain(a, b) + (a[0] !== b[0] ? 1 : 0);
        expect(editDistance(a, b, 3)).toBe(Math.min(expected, 4));
      }),
    );
  });

  it('generates every one-edit variant that keeps the first letter', () => {
    const v = new Set(oneEditVariants('bagerj'));
    for (const w of ['bageri', 'bager', 'bagerji', 'bagrej']) expect(v.has(w)).toBe(true);
    expect(v.has('bagerj')).toBe(false);
    expect([...v].every((x) => x.startsWith('b'))).toBe(true);
  });

  it('splits a word into near-equal pieces', () => {
    expect(pieces('lagerarbtare', 3)).toEqual(['lage', 'rarb', 'tare']);
    expect(pieces('trädgård', 2)).toEqual(['träd', 'gård']);
  });
});

describe('highlighting', () => {
  const bageri: WordMatch = {
    word: 'bageri',
    prefixes: ['bageri'],
    terms: ['surdegsbageri'],
    keys: [],
    keyPrefixes: [],
  };

  it('marks prefix matches and the compound part that matched, escaping everything else', () => {
    expect(highlightAll('Bageribiträde i surdegsbageri', [bageri])).toBe(
      '<mark>Bageri</mark>biträde i surdegs<mark>bageri</mark>',
    );
    expect(highlightAll('<b>Bageri</b> & "kafé"', [bageri])).toBe(
      '&lt;b&gt;<mark>Bageri</mark>&lt;/b&gt; &amp; &quot;kafé&quot;',
    );
  });

  it('never lets text from a slot through as HTML', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const html = snippet(text, [bageri]).replaceAll('<mark>', '').replaceAll('</mark>', '');
        expect(html).not.toMatch(/[<>]/);
      }),
    );
  });

  it('cuts a snippet around the first match, with ellipses where it cut', () => {
    const words = Array.from({ length: 60 }, (_x, i) => `ord${i}`);
    words[40] = 'bageriet';
    const s = snippet(words.join(' '), [bageri], 10);
    expect(s.startsWith('… ord34')).toBe(true);
    expect(s).toContain('<mark>bageri</mark>et');
    expect(s.endsWith(' …')).toBe(true);
    expect(snippet('Kort text.', [bageri])).toBe('Kort text.');
  });

  it('turns an engine’s private-use marks into escaped HTML', () => {
    expect(markedToHtml(`${MARK_START}Bageri${MARK_END} <script>`)).toBe(
      '<mark>Bageri</mark> &lt;script&gt;',
    );
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});
