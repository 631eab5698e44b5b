/**
 * Light Swedish text handling for matching: lowercase, keep å/ä/ö, split words, strip a few
 * inflection endings, and match compound-aware by substring ("verkstad" is found in "bilverkstad").
 * Deliberately simple: a real stemmer would add a dependency and little for short job titles.
 */

/** Inflection endings, longest first; stripped once, only when at least MIN_STEM letters remain. */
const SUFFIXES = [
  'ningarna',
  'ningar',
  'ningen',
  'arnas',
  'ernas',
  'ornas',
  'ning',
  'arna',
  'erna',
  'orna',
  'ande',
  'ende',
  'aren',
  'are',
  'het',
  'ens',
  'ets',
  'en',
  'et',
  'er',
  'ar',
  'or',
  'a',
  'e',
  's',
];
const MIN_STEM = 4;
/** Needles shorter than this only match a whole word ("it" must not match "sitta"). */
export const MIN_SUBSTRING_NEEDLE = 3;

/** Words that say nothing about a task; dropped from needles and slot terms alike. */
const STOPWORDS = new Set([
  'och',
  'med',
  'att',
  'för',
  'av',
  'till',
  'som',
  'en',
  'ett',
  'det',
  'den',
  'de',
  'är',
  'inte',
  'eller',
  'om',
  'på',
  'i',
  'jag',
  'mig',
  'vill',
  'kan',
  'gilla',
  'gillar',
  'tycker',
  'tycka',
  'arbeta',
  'arbete',
  'arbetar',
  'jobba',
  'jobbar',
  'jobb',
  'bra',
  'mycket',
  'lite',
  'saker',
  'samt',
  'under',
  'från',
  'hos',
  'vid',
  'ut',
  'in',
  'upp',
  'olika',
  'andra',
  'enkla',
  'enkel',
]);

export function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) {
      return word.slice(0, word.length - suffix.length);
    }
  }
  return word;
}

/**
 * Words of a text, lowercased: hyphenated words give their parts and the joined form
 * ("IT-support" → "it", "support", "itsupport").
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)) {
    if (!raw) continue;
    if (raw.includes('-')) {
      const parts = raw.split('-').filter(Boolean);
      out.push(...parts);
      if (parts.length > 1) out.push(parts.join(''));
    } else out.push(raw);
  }
  return out;
}

/** Stems worth matching on: stopwords and one-letter words dropped, duplicates removed. */
export function contentStems(text: string): string[] {
  const stems = new Set<string>();
  for (const w of words(text)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    const s = stem(w);
    if (!STOPWORDS.has(s)) stems.add(s);
  }
  return [...stems];
}

/** Does a participant's stem (needle) occur in a slot's stem (term)? Substring, so compounds match. */
export function needleMatches(needle: string, term: string): boolean {
  return needle.length < MIN_SUBSTRING_NEEDLE ? needle === term : term.includes(needle);
}
