/**
 * Builds src/reference/data/occupation-words.json: each occupation word's stem key → the SSYK unit
 * groups it names (src/reference/occupations.ts `computeOccupationWords`), so no request stems the
 * 3,000 names. Run after changing the key function, the lexicon or the occupation names:
 * `npx tsx scripts/build-occupation-words.ts` (test/swedish/occupations.test.ts fails until then).
 * The output is committed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeOccupationWords } from '../src/reference/occupations';

const words = computeOccupationWords();
const sorted = Object.fromEntries([...words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(
  join(import.meta.dirname, '..', 'src', 'reference', 'data', 'occupation-words.json'),
  `${JSON.stringify(sorted)}\n`,
);
console.log(`occupation words: ${words.size} keys`);
