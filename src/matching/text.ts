/**
 * Swedish text for matching, the same understanding as search (src/lib/swedish/keys.ts): a slot's
 * words become search keys (folded stems, compound parts, word families; "Bilverkstad" → "bilverkst",
 * "bil", "verkst"), a participant's words their stem keys, and they meet on equal keys, never by
 * substring: "verkstad" meets "Bilverkstad", "bakning" meets "baka bröd" and "bageri", "disk" meets
 * "Diskning" and "diskplock", but "träd" does not meet "Butiksbiträde" and "it" not "sitta". A word
 * naming an occupation also gives its SSYK groups ("diskare" → "ssyk9412"), which a slot carries.
 */
import { stemKey, textKeys } from '../lib/swedish/keys';
import { occupationCodesOf } from '../reference';

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

const STOPWORD_KEYS = new Set([...STOPWORDS].map(stemKey));
const isContent = (key: string) => key.length >= 2 && !STOPWORD_KEYS.has(key);

/** The token a slot's SSYK unit group is matched by (the same as search's). */
export const ssykTerm = (code: string) => `ssyk${code}`;
/**
 * The term of a quality a slot says the work suits (a strength code, "careful"): met by a participant
 * naming that strength. The underscore keeps it apart from every word's key.
 */
export const suitsTerm = (code: string) => `suits_${code}`;

/** Words of a text, lowercased: hyphenated words give their parts and the joined form. */
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

/** A slot text's terms: every search key of its words, stopwords dropped. */
export function contentStems(text: string): string[] {
  return textKeys(text).filter(isContent);
}

/**
 * A participant phrase's needles: each word's stem key (not its compound parts: "trädgårdsarbete"
 * must meet that compound, not every "arbete"), and the SSYK groups an occupation word names.
 */
export function phraseNeedles(phrase: string): string[] {
  const out = new Set<string>();
  for (const w of words(phrase)) {
    const key = stemKey(w);
    if (!isContent(key) || STOPWORDS.has(w)) continue;
    out.add(key);
    for (const code of occupationCodesOf(w)) out.add(ssykTerm(code));
  }
  return [...out];
}

/** Does a needle meet a slot term? Equal keys (compound parts are terms of their own). */
export function needleMatches(needle: string, term: string): boolean {
  return needle === term;
}
