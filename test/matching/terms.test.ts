/**
 * Allocation counts each participant's needles against a slot's stored terms in code, split once per
 * slot (`storedTermSet`); the count must be the one SQL's `instr(terms, ' key ')` gives
 * (candidates.ts `textMatchCount`), which `includes` mirrors here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strengthVocabulary } from '../../src/domain/work-vocabulary';
import type { ParticipantForMatching } from '../../src/matching';
import { storedTextNeedles, textNeedles } from '../../src/matching/bound';
import {
  matchKeysVersion,
  matchTermsVersion,
  storedMatchTerms,
  storedTermSet,
  storedTextMatches,
  termSetMatches,
} from '../../src/matching/terms';
import { participant } from './fixtures';

/**
 * What SQL counts for whole needle lists (candidates.ts `boundStatement`): terms of the current key
 * function are searched, a list is met when `instr(terms, ' key ')` finds one of its keys.
 */
const asSql = (stored: string | null, needles: readonly (readonly string[])[]) => {
  const keys = matchKeysVersion();
  if (stored === null || !(stored.startsWith(`${keys} `) || stored.startsWith(`${keys}.`))) return null;
  return needles.filter((list) => list.some((n) => stored.includes(` ${n} `))).length;
};

const word = fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'k', 's', 'ä') });

describe('stored terms counted in code', () => {
  it('counts as SQL does, for current, missing and stale terms', () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 8 }),
        fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        fc.constantFrom('current', 'older lists', 'missing', 'stale'),
        (terms, needles, kind) => {
          const version = {
            current: matchTermsVersion(),
            'older lists': matchKeysVersion(),
            stale: 'v0',
            missing: '',
          }[kind];
          const stored = kind === 'missing' ? null : `${version} ${terms.join(' ')} `;
          expect(storedTextMatches(stored, needles)).toBe(asSql(stored, needles));
          expect(termSetMatches(storedTermSet(stored), needles)).toBe(asSql(stored, needles));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does not count the version stamp as a term', () => {
    const version = matchTermsVersion();
    const stored = `${version} bak `;
    expect(storedTextMatches(stored, [[version], ['bak']])).toBe(1);
    expect(storedTermSet(stored)?.has(version)).toBe(false);
  });
});

/** Words of slots and participants: strengths' own words and words of the work they suit, and others. */
const slotWords = [
  'Sortering',
  'plocka order',
  'Montering av cyklar',
  'Kassa och kunder',
  'Lugn miljö',
  'Trädgårdsarbete',
  'Baka bröd',
  'Noggrann kontroll',
  'Lyfta och bära',
  'Diskning',
];
const strengthPhrases = [
  ...strengthVocabulary.flatMap((s) => [s.code, s.sv, ...s.phrases]),
  'bra på att sortera',
  'baka',
];

describe('a strength’s work words stored as one term', () => {
  it('meets a slot’s current terms exactly when the whole lists do', () => {
    fc.assert(
      fc.property(
        fc.subarray(slotWords, { minLength: 1, maxLength: 4 }),
        fc.subarray(
          strengthVocabulary.map((s) => s.code),
          { maxLength: 2 },
        ),
        fc.subarray(strengthPhrases, { maxLength: 4 }),
        fc.subarray(['bageri', 'lager', 'kassa', 'trädgård', 'städ'], { maxLength: 3 }),
        (words, suits, strengths, interests) => {
          const stored = storedMatchTerms({
            title: words[0]!,
            tasks: words.slice(1),
            occupationLabel: 'Servicearbete',
            ssyk: null,
            suits,
          });
          const p: ParticipantForMatching = { ...participant(), strengths, interests };
          const whole = textNeedles(p);
          const compact = storedTextNeedles(p);
          expect(compact).toHaveLength(whole.length);
          expect(storedTextMatches(stored, compact)).toBe(storedTextMatches(stored, whole));
          expect(asSql(stored, compact)).toBe(asSql(stored, whole));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('looks for fewer keys', () => {
    const p: ParticipantForMatching = { ...participant(), strengths: ['noggrann', 'lugn'], interests: [] };
    expect(textNeedles(p).flat().length).toBeGreaterThan(20);
    expect(storedTextNeedles(p).flat()).toEqual(['meets_careful', 'meets_patient']);
  });
});
