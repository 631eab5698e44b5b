/**
 * Swedish text for search, shared by both adapters: words as FTS5's unicode61 tokenizer splits them
 * (letters and digits; å, ä and ö are letters of their own), typo budgets as Meilisearch counts them,
 * edit distances, and highlighting that returns HTML-safe snippets.
 */

import { fold } from '../lib/swedish/fold';
import { wordKeys } from '../lib/swedish/keys';

/** Most words a query is read up to; more add nothing but cost. */
export const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 40;
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** Lowercased words in composed (NFC) form, the way the index stores them. */
export function tokenize(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
}

/**
 * The words of a query, in order, without repeats. One-letter words are left out: "i" and "å" say
 * little, and a lone letter typed as a prefix would match nearly every slot.
 */
export function queryWords(text: string): string[] {
  const words: string[] = [];
  for (const w of tokenize(text)) {
    const word = w.slice(0, MAX_WORD_LENGTH);
    if ([...word].length > 1 && !words.includes(word)) words.push(word);
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}

/** Typos tolerated in a word: 1 from 5 letters, 2 from 9 (Meilisearch's defaults). */
export function typoBudget(word: string): number {
  const n = [...word].length;
  return n >= 9 ? 2 : n >= 5 ? 1 : 0;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), by code point. A different
 * first letter costs one more, as in Meilisearch: people rarely mistype the first letter. With
 * `prefix`, the distance to the closest prefix of `b` (the word being typed). Returns max + 1 as soon
 * as the distance must exceed max.
 */
export function editDistance(a: string, b: string, max: number, prefix = false): number {
  const s = [...a];
  const t = [...b];
  const penalty = s.length > 0 && t.length > 0 && s[0] !== t[0] ? 1 : 0;
  const limit = max - penalty;
  if (limit < 0) return max + 1;
  if (!prefix && Math.abs(s.length - t.length) > limit) return max + 1;
  const cols = prefix ? Math.min(t.length, s.length + limit) : t.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: cols + 1 }, (_x, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  const d = prefix ? Math.min(...prev) : prev[cols]!;
  return d > limit ? max + 1 : d + penalty;
}

/** Letters a Swedish typo most likely involves; digits are rare in searched words. */
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzåäöé'];

/**
 * Every string one edit away from `word` that keeps its first letter: deletions, substitutions,
 * insertions and adjacent transpositions. About 60 per letter; looked up exactly in the term list.
 */
export function oneEditVariants(word: string): string[] {
  const c = [...word];
  const out = new Set<string>();
  for (let i = 1; i <= c.length; i++) {
    if (i < c.length) out.add([...c.slice(0, i), ...c.slice(i + 1)].join(''));
    for (const l of ALPHABET) {
      out.add([...c.slice(0, i), l, ...c.slice(i)].join(''));
      if (i < c.length && l !== c[i]) out.add([...c.slice(0, i), l, ...c.slice(i + 1)].join(''));
    }
    if (i < c.length - 1) out.add([...c.slice(0, i), c[i + 1]!, c[i]!, ...c.slice(i + 2)].join(''));
  }
  out.delete(word);
  return [...out];
}

/**
 * Splits a word into `parts` pieces of near-equal length. A term within k edits of the word
 * contains at least one of k + 1 such pieces unchanged (pigeonhole), so the pieces find candidates.
 */
export function pieces(word: string, parts: number): string[] {
  const c = [...word];
  const out: string[] = [];
  for (let p = 0; p < parts; p++)
    out.push(c.slice(Math.floor((p * c.length) / parts), Math.floor(((p + 1) * c.length) / parts)).join(''));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Highlighting

/** How a query word was matched, to mark it in the text the same way the index found it. */
export interface WordMatch {
  word: string;
  /** Terms that match whole: exact words. */
  terms: string[];
  /** Terms that match as prefixes of words (the word itself, as typed, and typo corrections). */
  prefixes: string[];
  /** Search keys a text word may have to match (src/lib/swedish/keys.ts): stems, occupation groups. */
  keys: string[];
  /** Folded prefixes of keys (the word being typed, without å/ä/ö). */
  keyPrefixes: string[];
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => escapes[ch]!);

type Hit = [number, number] | null;

/** The part of a token that a query word matched, as [start, end) in the token's lowercase form. */
function matchIn(token: string, matches: readonly WordMatch[]): Hit {
  let longest = 0;
  let folded: string | null = null;
  for (const m of matches) {
    for (const p of m.prefixes) if (p.length > longest && token.startsWith(p)) longest = p.length;
    if (m.terms.includes(token)) {
      const at = token.indexOf(m.word);
      if (at >= 0) return [at, at + m.word.length];
      longest = token.length;
    }
    if (longest || (m.keys.length === 0 && m.keyPrefixes.length === 0)) continue;
    // Found through its keys (another form, a compound part, without å/ä/ö): the whole word.
    folded ??= fold(token);
    for (const p of m.keyPrefixes) if (p.length > longest && folded.startsWith(p)) longest = p.length;
    if (wordKeys(token).some((k) => m.keys.includes(k))) longest = token.length;
  }
  return longest ? [0, Math.min(longest, token.length)] : null;
}

/**
 * matchIn's answers per query, by lowercase token: a page of hits repeats most of its words, and a
 * word's keys (stemming, compound parts) cost more than the rest of the marking. Kept by the query's
 * content (its WordMatch list, which decides every answer), not by the list itself: each search
 * builds its list anew, and the same query comes again and again (the next page, the next person;
 * under the load mix the words were tested afresh on every search, a fifth of the marking's cost).
 * The queries used longest ago are dropped first.
 */
const answersByQuery = new Map<string, Map<string, Hit>>();
/** The same maps by list, so a page's many tokens look up the query's map without its key. */
const answersByList = new WeakMap<readonly WordMatch[], Map<string, Hit>>();
/** Queries remembered at most, and tokens per query (titles and snippets of one page are far fewer). */
const MAX_QUERIES = 32;
const MAX_ANSWERS = 5000;

function answersOf(matches: readonly WordMatch[]): Map<string, Hit> {
  let known = answersByList.get(matches);
  if (known) return known;
  const key = JSON.stringify(matches.map((m) => [m.word, m.terms, m.prefixes, m.keys, m.keyPrefixes]));
  known = answersByQuery.get(key);
  if (known) answersByQuery.delete(key);
  else {
    known = new Map();
    if (answersByQuery.size >= MAX_QUERIES) answersByQuery.delete(answersByQuery.keys().next().value!);
  }
  answersByQuery.set(key, known);
  answersByList.set(matches, known);
  return known;
}

/** matchIn's answer for a token, from the query's answers (answersOf, looked up once per text). */
function matchOf(lower: string, matches: readonly WordMatch[], known: Map<string, Hit>): Hit {
  const hit = known.get(lower);
  if (hit !== undefined) return hit;
  const found = matchIn(lower, matches);
  if (known.size < MAX_ANSWERS) known.set(lower, found);
  return found;
}

/**
 * `text` HTML-escaped, with the matched part of each matched word in `<mark>`. `tokens` are its words
 * when the caller has found them already (with their index in a text `offset` characters longer at
 * the start): a slice from a word's start to a word's end has exactly those words.
 */
function mark(
  text: string,
  matches: readonly WordMatch[],
  tokens: Iterable<RegExpMatchArray> = text.matchAll(TOKEN),
  offset = 0,
): string {
  if (matches.length === 0) return escapeHtml(text);
  const known = answersOf(matches);
  let html = '';
  let last = 0;
  for (const m of tokens) {
    const start = m.index! - offset;
    const token = m[0];
    const lower = token.toLowerCase();
    const hit = matchOf(lower, matches, known);
    if (!hit) continue;
    // Lowercasing may change the length of rare letters; then the whole token is marked.
    const [a, b] = lower.length === token.length ? hit : [0, token.length];
    html += `${escapeHtml(text.slice(last, start + a))}<mark>${escapeHtml(token.slice(a, b))}</mark>`;
    last = start + b;
  }
  return html + escapeHtml(text.slice(last));
}

/** The whole text, HTML-escaped, with matched words in `<mark>`. */
export function highlightAll(text: string, matches: readonly WordMatch[]): string {
  return mark(text.normalize('NFC'), matches);
}

/**
 * A window of about `words` words around the first match (or the start), HTML-escaped, matched
 * words in `<mark>`, with an ellipsis where the text was cut.
 */
export function snippet(text: string, matches: readonly WordMatch[], words = 24): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (matches.length === 0) return leadingWords(flat, words);
  const tokens = [...flat.matchAll(TOKEN)];
  if (tokens.length <= words) return mark(flat, matches, tokens);
  // Only the first match places the window: the words after it are marked within the window alone.
  const known = answersOf(matches);
  const firstMatch = tokens.findIndex((t) => matchOf(t[0].toLowerCase(), matches, known) !== null);
  const from = Math.max(0, Math.min(firstMatch < 0 ? 0 : firstMatch - 6, tokens.length - words));
  const to = Math.min(tokens.length, from + words);
  const start = from === 0 ? 0 : tokens[from]!.index;
  const end = to === tokens.length ? flat.length : tokens[to - 1]!.index + tokens[to - 1]![0].length;
  const body = mark(flat.slice(start, end), matches, tokens.slice(from, to), start);
  return `${from > 0 ? '… ' : ''}${body}${to < tokens.length ? ' …' : ''}`;
}

/**
 * snippet's answer without query words (browsing, filters only: most hits under the load mix): the
 * first `words` words, HTML-escaped, with an ellipsis when more follow. It reads the words only up
 * to the one after the window instead of listing every word of the text as a match object.
 */
const WORD = new RegExp(TOKEN);

function leadingWords(flat: string, words: number): string {
  const token = WORD;
  token.lastIndex = 0;
  let end = 0;
  for (let i = 0; i < words; i++) {
    const m = token.exec(flat);
    if (!m) return escapeHtml(flat);
    end = m.index + m[0].length;
  }
  return token.exec(flat) ? `${escapeHtml(flat.slice(0, end))} …` : escapeHtml(flat);
}

/** Private-use marks that adapters ask an engine to wrap matches in, turned into safe HTML here. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export function markedToHtml(text: string): string {
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
