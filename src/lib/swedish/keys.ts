/**
 * Search keys for Swedish words, shared by the embedded search, the Meilisearch adapter and matching,
 * so all three understand a word the same way. A word's keys are, all folded (å→a, ä→a, ö→o):
 * - its stem: the Snowball Swedish stemmer ("bakar" → "bak"), then the derivations coaches' words
 *   need ("bakning" → "bak", "städning" → "städ", "bageriet" → "bageri"), then word families
 *   ("bageri", "bagare" → "bak");
 * - the parts of a compound, split against a lexicon (Hunspell Swedish words and the occupation
 *   names, see scripts/build-lexicon.ts): "bilverkstaden" → "verkstad", "bil"; "surdegsbageri" →
 *   "bageri" (→ "bak"), "surdeg". "butiksbiträde" splits as butik|biträde, so "träd" is not a key of it.
 * Keys are whole words: a query meets a slot when they share a key, never by substring.
 */
import lexiconText from './data/lexicon.json';
import { fold } from './fold';
import { snowballSwedish } from './stem';

/**
 * Whether a sorted list of words, one space between, holds `word`: a binary search over the text,
 * so nothing is built. (build-lexicon.ts sorts the lexicon; a test checks it.)
 */
export function sortedWordsHave(text: string, word: string): boolean {
  // [lo, hi): lo starts a word, hi is a word's start or the end.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = text.lastIndexOf(' ', mid - 1) + 1;
    let end = text.indexOf(' ', mid);
    if (end < 0) end = text.length;
    const found = text.slice(start, end);
    if (found === word) return true;
    if (found < word) lo = end + 1;
    else hi = start;
  }
  return false;
}

/**
 * Lookups answered by binary search before the lexicon's Set is built. The Set costs about 20 ms
 * (more in a Worker's cold start) and pays off only over many words: a request stems a few dozen
 * words, a reindex millions.
 */
const SEARCHES_BEFORE_SET = 20_000;
let lexicon: Set<string> | null = null;
let searches = 0;
const inLexicon = (word: string): boolean => {
  if (lexicon) return lexicon.has(word);
  if (++searches <= SEARCHES_BEFORE_SET) return sortedWordsHave(lexiconText, word);
  lexicon = new Set(lexiconText.split(' '));
  return lexicon.has(word);
};

/** Word families: stems of one activity that Snowball leaves apart. Keys are folded stems. */
const FAMILIES: Record<string, string> = {
  bageri: 'bak',
  bag: 'bak',
  bakverk: 'bak',
  kaf: 'caf',
  cykl: 'cykel',
  kassor: 'kass',
  kassa: 'kass',
  servering: 'server',
  servitor: 'server',
  servitris: 'server',
  matlagning: 'matlag',
  lagr: 'lag',
  lager: 'lag',
  tvatteri: 'tvatt',
};

/** Loanword phrases people also type as one word ("second hand" ~ "secondhand"). */
export const JOINED_PHRASES: readonly (readonly [string, string])[] = [
  ['second', 'hand'],
  ['fair', 'trade'],
  ['e', 'handel'],
];

const MIN_PART = 3;
/** A compound's last part is at least this long: "program|mer", "kas|san" are not compounds. */
const MIN_HEAD = 4;
/** A word of the lexicon this short is not split ("biträde", "kassan"). */
const MAX_WHOLE = 7;
const MAX_PARTS = 3;

/**
 * Stem of a lowercase word before families: folded, Snowball, then definite forms Snowball leaves
 * apart from the bare word, and activity nouns.
 */
function baseStem(word: string): string {
  const folded = fold(word);
  let s = snowballSwedish(folded);
  // Definite forms: "verkstaden" loses only "en" ("verkstad") where "verkstad" loses "ad" ("verkst"):
  // stem once more. "arbetet", "bageriet" keep "et": stem the form without the t. "kassan" keeps
  // "an": "kass" when "kassa" is a word.
  if (folded.endsWith('en') && s === folded.slice(0, -2)) s = snowballSwedish(s);
  else if (s === folded && folded.endsWith('et') && folded.length > 5)
    s = snowballSwedish(folded.slice(0, -1));
  else if (s.endsWith('an') && s.length > 4 && isWord(`${s.slice(0, -2)}a`))
    s = snowballSwedish(`${s.slice(0, -2)}a`);
  // Activity nouns to their verb when the verb exists: "bakning" → "bak" (baka), "städning" →
  // "stad" (städa); "träning" stays (no verb "träa").
  if (s.endsWith('ning') && s.length - 4 >= MIN_PART && isWord(`${s.slice(0, -4)}a`)) s = s.slice(0, -4);
  return s;
}

/** Stem key of a lowercase word: baseStem, then word families ("bageri" → "bak"). */
export function stemKey(word: string): string {
  const s = baseStem(word);
  return FAMILIES[s] ?? s;
}

const isWord = (w: string) => inLexicon(w) || inLexicon(snowballSwedish(w));

/** A compound's modifier, without the linking s ("butiks" → "butik"), or null when not a word. */
function modifier(m: string): string | null {
  if (m.length < MIN_PART) return null;
  // The linking s first: "verkstads" is "verkstad" (which stems as the bare word does).
  if (m.endsWith('s') && m.length > MIN_PART && isWord(m.slice(0, -1))) return m.slice(0, -1);
  if (isWord(m)) return m;
  return null;
}

/**
 * The parts of a folded, stemmed compound: the longest head that is a word and whose modifier is a
 * word (or itself a compound, up to three parts). Null when the word does not split.
 */
export function splitCompound(stem: string, depth = 1): string[] | null {
  if (depth === 1 && stem.length <= MAX_WHOLE && isWord(stem)) return null;
  for (let i = MIN_PART; i <= stem.length - MIN_HEAD; i++) {
    const head = stem.slice(i);
    if (!inLexicon(head)) continue;
    const m = stem.slice(0, i);
    const mod = modifier(m);
    if (mod) return [mod, head];
    if (depth < MAX_PARTS - 1) {
      const inner = splitCompound(m.endsWith('s') ? m.slice(0, -1) : m, depth + 1);
      if (inner) return [...inner, head];
    }
  }
  return null;
}

const cache = new Map<string, readonly string[]>();
const MAX_CACHED = 50_000;

/** Every key of one lowercase word (see the top of this file), the stem first. */
export function wordKeys(word: string): readonly string[] {
  let keys = cache.get(word);
  if (keys) return keys;
  const base = baseStem(word);
  const out = new Set([FAMILIES[base] ?? base]);
  const parts = splitCompound(base);
  if (parts) for (const p of parts) out.add(stemKey(p));
  keys = [...out];
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(word, keys);
  return keys;
}

const TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/**
 * Keys of a text: each word's keys, hyphenated words also joined ("IT-support" → "itsupport"), and
 * joined loanword phrases. Digits-only words are kept as they are.
 */
export function textKeys(text: string): string[] {
  const out = new Set<string>();
  const tokens = text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
  let previous = '';
  for (const token of tokens) {
    const parts = token.split('-');
    const words = parts.length > 1 ? [...parts, parts.join('')] : parts;
    for (const w of words) {
      if (w.length < 2) continue;
      for (const k of wordKeys(w)) out.add(k);
    }
    for (const [a, b] of JOINED_PHRASES) if (previous === a && token === b) out.add(stemKey(a + b));
    previous = token;
  }
  return [...out];
}
