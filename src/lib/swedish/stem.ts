/**
 * The Snowball Swedish stemmer (snowballstem.org, the original algorithm as in the npm package
 * `snowball-stemmers` 0.6.0, which test/swedish/stem.test.ts compares it with word by word), ported
 * here because that package bundles every language (870 kB) into one CommonJS file the Worker would
 * have to carry. Words must be lowercase.
 */
const VOWELS = new Set('aeiouyäåö');
const S_ENDING = new Set('bcdfghjklmnoprtvy');
const MAIN_SUFFIXES = [
  'a',
  'arna',
  'erna',
  'heterna',
  'orna',
  'ad',
  'e',
  'ade',
  'ande',
  'arne',
  'are',
  'aste',
  'en',
  'anden',
  'aren',
  'heten',
  'ern',
  'ar',
  'er',
  'heter',
  'or',
  's',
  'as',
  'arnas',
  'ernas',
  'ornas',
  'es',
  'ades',
  'andes',
  'ens',
  'arens',
  'hetens',
  'erns',
  'at',
  'andet',
  'het',
  'ast',
].sort((a, b) => b.length - a.length);
const CONSONANT_PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];
const OTHER_SUFFIXES: [string, string][] = [
  ['fullt', 'full'],
  ['löst', 'lös'],
  ['lig', ''],
  ['els', ''],
  ['ig', ''],
];

/** Start of region R1: after the first non-vowel that follows a vowel, and at least 3. */
function regionStart(w: string): number {
  if (w.length < 3) return w.length;
  let i = 0;
  while (i < w.length && !VOWELS.has(w[i]!)) i++;
  while (i < w.length && VOWELS.has(w[i]!)) i++;
  if (i >= w.length) return w.length;
  return Math.max(3, i + 1);
}

export function snowballSwedish(word: string): string {
  const p1 = regionStart(word);
  let w = word;
  for (const s of MAIN_SUFFIXES) {
    if (w.length - s.length >= p1 && w.endsWith(s)) {
      if (s !== 's' || S_ENDING.has(w[w.length - 2] ?? '')) w = w.slice(0, -s.length);
      break;
    }
  }
  if (w.length - 2 >= p1 && CONSONANT_PAIRS.some((pair) => w.endsWith(pair))) w = w.slice(0, -1);
  for (const [s, by] of OTHER_SUFFIXES) {
    if (w.length - s.length >= p1 && w.endsWith(s)) {
      w = w.slice(0, -s.length) + by;
      break;
    }
  }
  return w;
}
