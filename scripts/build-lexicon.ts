/**
 * Builds src/lib/swedish/data/lexicon.json, the word list compounds are split against: the base
 * words of the Hunspell Swedish dictionary (npm `dictionary-sv`, LGPL-3.0; its licence is in
 * db/reference/LICENSE-dictionary-sv.txt) plus the words of the SSYK occupation names, each folded
 * (å→a, ä→a, ö→o) and stemmed (Snowball) as search keys are, 3 to 14 letters. Proper nouns (capitalised) are
 * left out. Run after changing the stemmer: `npx tsx scripts/build-lexicon.ts`. The output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '../src/lib/swedish/fold';
import { snowballSwedish } from '../src/lib/swedish/stem';
import { parseCsv } from './build-reference';

const root = join(import.meta.dirname, '..');
const dic = readFileSync(join(root, 'node_modules', 'dictionary-sv', 'index.dic'), 'utf8');
const words = new Set<string>();
for (const line of dic.split('\n').slice(1)) {
  const word = line.split('/')[0]!.trim();
  if (/^[a-zåäöé]+$/.test(word)) words.add(word);
}
const names = parseCsv(readFileSync(join(root, 'db', 'reference', 'occupation-names-ssyk2012.csv'), 'utf8'));
for (const n of names)
  for (const w of n.occupation_name_sv!.toLowerCase().split(/[^\p{L}]+/u)) if (w) words.add(w);

const lexicon = new Set<string>();
for (const word of words) {
  const folded = fold(word);
  const stem = snowballSwedish(folded);
  if (stem.length >= 3 && stem.length <= 14) lexicon.add(stem);
}
const sorted = [...lexicon].sort();
// One string, words separated by spaces: a third smaller than a JSON array, split once at start.
writeFileSync(
  join(root, 'src', 'lib', 'swedish', 'data', 'lexicon.json'),
  `${JSON.stringify(sorted.join(' '))}\n`,
);
console.log(`lexicon: ${sorted.length} forms from ${words.size} words`);
