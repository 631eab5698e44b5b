/**
 * Allocation counts each participant's needles against a slot's stored terms in code, split once per
 * slot (`storedTermSet`); the count must be the one SQL's `instr(terms, ' key ')` gives
 * (candidates.ts `textMatchCount`), which `includes` mirrors here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matchTermsVersion,
  storedTermSet,
  storedTextMatches,
  termSetMatches,
} from '../../src/matching/terms';

/** What SQL counts: a list is met when `instr(terms, ' key ')` finds one of its keys. */
const asSql = (stored: string | null, needles: readonly (readonly string[])[]) => {
  if (stored === null || !stored.startsWith(`${matchTermsVersion()} `)) return null;
  return needles.filter((list) => list.some((n) => stored.includes(` ${n} `))).length;
};

const word = fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'k', 's', 'ä') });

describe('stored terms counted in code', () => {
  it('counts as SQL does, for current, missing and stale terms', () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 8 }),
        fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        fc.constantFrom('current', 'missing', 'stale'),
        (terms, needles, kind) => {
          const stored =
            kind === 'missing'
              ? null
              : `${kind === 'current' ? matchTermsVersion() : 'v0'} ${terms.join(' ')} `;
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
