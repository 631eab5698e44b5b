/**
 * The judged set (cases.ts): the hard cases hold, and the whole set keeps a quality floor, so a change
 * to the weights or the text understanding that makes the order worse for coaches fails here.
 * The figures themselves are printed by `npm run bench -- judged`.
 */
import { describe, expect, it } from 'vitest';
import { judgedCases } from './cases';
import { mean, ndcgAt, rankedIds } from './ndcg';

describe('judged set', () => {
  it('has at least 40 cases of 3–8 slots each, a held-out part, and orders that name real slots', () => {
    expect(judgedCases.length).toBeGreaterThanOrEqual(40);
    expect(judgedCases.filter((c) => c.split === 'holdout').length).toBeGreaterThanOrEqual(15);
    for (const c of judgedCases) {
      const n = c.expected.length + c.others.length;
      expect(n, c.id).toBeGreaterThanOrEqual(3);
      expect(n, c.id).toBeLessThanOrEqual(8);
    }
  });

  for (const c of judgedCases.filter((x) => x.hard))
    it(`hard case ${c.id}: ${c.why}`, () => {
      expect(rankedIds(c)[0]).toBe(c.expected[0]);
    });

  it('keeps NDCG@5 above 0.85 on the tuned part and 0.8 on the held-out part', () => {
    const tune = mean(judgedCases.filter((c) => c.split === 'tune').map((c) => ndcgAt(5, c)));
    const holdout = mean(judgedCases.filter((c) => c.split === 'holdout').map((c) => ndcgAt(5, c)));
    expect(tune).toBeGreaterThan(0.85);
    expect(holdout).toBeGreaterThan(0.8);
  });
});
