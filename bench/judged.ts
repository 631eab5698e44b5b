/**
 * Ranking quality on the judged set (test/judged/cases.ts): NDCG@5 on the part the weights were tuned
 * on and on the held-out part, and the cases where the engine's first slot is not the coach's.
 */
import { judgedCases } from '../test/judged/cases';
import { mean, ndcgAt, rankedIds } from '../test/judged/ndcg';

for (const split of ['tune', 'holdout'] as const) {
  const cases = judgedCases.filter((c) => c.split === split);
  const scores = cases.map((c) => ndcgAt(5, c));
  const top1 = cases.filter((c) => rankedIds(c)[0] === c.expected[0]).length;
  console.log(
    `${split}: ${cases.length} cases, NDCG@5 ${mean(scores).toFixed(3)}, coach's first slot first in ${top1}/${cases.length}`,
  );
}
for (const c of judgedCases) {
  const got = rankedIds(c);
  if (got[0] !== c.expected[0])
    console.log(
      `  ${c.id} (${c.split}): engine ${got.slice(0, 3).join(' > ')}; coach ${c.expected.join(' > ')}`,
    );
}
