/**
 * From the words a person typed to an FTS5 MATCH expression that only ever contains quoted terms
 * built here (user text never reaches MATCH as syntax). Each word becomes a group of alternatives,
 * and the groups are ANDed:
 * - the word as written, as a prefix ("kock" finds "kocken", "trädgårdsar" finds "trädgårdsarbetare"):
 *   the last word is still being typed; these matches rank first (title and body columns);
 * - in the `keys` column (derived at indexing, src/lib/swedish/keys.ts, weighted lower): the word's
 *   stem key, folded ("bakning" → "bak", found in "baka bröd" and "bageri"; "tradgard" → "trädgård"),
 *   which also meets compound parts ("verkstad" in "bilverkstad", "bageri" in "surdegsbageri", but
 *   "träd" not in "biträde": parts come from a lexicon, not substrings); the last word also folded as
 *   a prefix; the SSYK groups the word names as an occupation ("diskare" → "ssyk9412"); and a code or
 *   its start ("7612", "76");
 * - when the word is in no term at all, its corrections: terms within 1 edit from 5 letters, 2 from 9.
 *
 * **Cost.** FTS5 answers a prefix of 2 or 3 letters from its prefix index (`prefix = '2 3'`), but a
 * longer prefix by merging the doclists of every term that starts with it, again for every scan:
 * a search near a place scans the index once per grid row (statement.ts), so "butik"* cost ten
 * merges (about 110 ms at 100,000 slots). A longer prefix that begins at most `MAX_EXPANSION` terms
 * is therefore written out as those terms (found in the term list, in the lookup that asks whether
 * the word is known at all), which FTS5 seeks to each grid row directly; and a prefix wanted both as
 * written and among the keys (a word typed without å/ä/ö) is one alternative over every column,
 * not two.
 */
import type { Db } from '../../adapters/db/types';
import { fold } from '../../lib/swedish/fold';
import { stemKey } from '../../lib/swedish/keys';
import { occupationCodesOf } from '../../reference';
import { ssykToken } from '../document';
import { editDistance, oneEditVariants, pieces, queryWords, typoBudget, type WordMatch } from '../text';
import { join, q as sql, toSql } from './sql-text';

const MAX_CORRECTIONS = 12;
/** A prefix beginning at most this many terms is matched as those terms (see Cost above). */
export const MAX_EXPANSION = 24;
/** Prefixes this short are in FTS5's prefix index (db/migrations: `prefix = '2 3'`): cheap as they are. */
const INDEXED_PREFIX = 3;
/** Words shorter than this are matched as written only. */
const MIN_KEY_WORD = 3;
/** U+10FFFF sorts after every other character: `term < word || MAX_CHAR` bounds a prefix range. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

export interface TextPlan {
  /** The FTS5 expression, or null when the text has no words. */
  match: string | null;
  words: WordMatch[];
}

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** Terms beginning with a prefix, where the term list says they are few enough to write out. */
export type Expansions = ReadonlyMap<string, readonly string[]>;

/** A prefix as MATCH alternatives: its terms when known and few, else the prefix itself. */
function prefixTerms(prefix: string, expansions: Expansions): string[] {
  const terms = expansions.get(prefix);
  return terms?.length ? terms.map(quote) : [`${quote(prefix)}*`];
}

/** Builds the MATCH expression from words already expanded (pure; see planText for the lookups). */
export function matchExpression(
  words: readonly WordMatch[],
  expansions: Expansions = new Map(),
): string | null {
  if (words.length === 0) return null;
  const groups = words.map((w) => {
    // A prefix wanted among the written words and the keys alike reads every column, once.
    const everywhere = w.prefixes.filter((p) => w.keyPrefixes.includes(p));
    const all = everywhere.flatMap((p) => prefixTerms(p, expansions));
    const keys = [
      ...w.keys.map(quote),
      ...w.keyPrefixes.filter((p) => !everywhere.includes(p)).flatMap((p) => prefixTerms(p, expansions)),
    ];
    const written = [
      ...w.prefixes.filter((p) => !everywhere.includes(p)).flatMap((p) => prefixTerms(p, expansions)),
      ...w.terms.map(quote),
    ];
    const alternatives = [
      ...(written.length ? [`{title body} : (${written.join(' OR ')})`] : []),
      ...(all.length ? [`(${all.join(' OR ')})`] : []),
      ...(keys.length ? [`keys : (${keys.join(' OR ')})`] : []),
    ];
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  });
  return groups.join(' AND ');
}

/**
 * One round trip: for each word, the indexed terms (words and keys) that start with it, up to one
 * more than `MAX_EXPANSION` (none: the word is unknown; more than the maximum: too many to write out).
 */
async function termsStarting(db: Db, words: string[]): Promise<string[][]> {
  const parts = words.map(
    (w, i) =>
      sql`SELECT ${i} AS w, term FROM (SELECT term FROM search_terms WHERE term >= ${w} AND term < ${w + MAX_CHAR} LIMIT ${MAX_EXPANSION + 1})`,
  );
  const rows = await db.all<{ w: number; term: string }>(toSql(join(parts, ' UNION ALL ')));
  const terms = words.map((): string[] => []);
  for (const r of rows) terms[Number(r.w)]!.push(String(r.term));
  return terms;
}

/**
 * The key alternatives of one word (pure): its stem key, the groups it names as an occupation, a
 * code; and for the word being typed, its folded form as a prefix.
 */
export function keyAlternatives(word: string, last: boolean): Pick<WordMatch, 'keys' | 'keyPrefixes'> {
  if (/^\d+$/.test(word)) {
    if (word.length > 4) return { keys: [], keyPrefixes: [] };
    return word.length === 4
      ? { keys: [ssykToken(word)], keyPrefixes: [] }
      : { keys: [], keyPrefixes: [ssykToken(word)] };
  }
  // Two letters say too little for other forms ("ar" is not "år"; "ko" not "kö").
  if ([...word].length < MIN_KEY_WORD) return { keys: [], keyPrefixes: [] };
  const keys = new Set([stemKey(word), ...occupationCodesOf(word).map(ssykToken)]);
  // The word being typed, among the folded keys: only when typed without å/ä/ö ("tradga" →
  // "trädgård"); someone who types "trä" means "trä", and the written-word prefix covers it.
  return { keys: [...keys], keyPrefixes: last && fold(word) === word ? [word] : [] };
}

/** The prefix of `term` closest to `word` (the word may be typed halfway), with its distance. */
function closestPrefix(word: string, term: string, budget: number): [string, number] {
  const n = [...word].length;
  const t = [...term];
  let best: [string, number] = ['', budget + 1];
  for (let len = Math.max(1, n - budget); len <= Math.min(t.length, n + budget); len++) {
    const prefix = t.slice(0, len).join('');
    const d = editDistance(word, prefix, budget);
    if (d < best[1] || (d === best[1] && len === n)) best = [prefix, d];
  }
  return best;
}

/**
 * Corrections within the word's typo budget, as prefixes (the word may be typed halfway):
 * "bagerj" → "bageri", "lagerarbtare" → "lagerarbetare". One edit: the word's one-edit variants that
 * begin some term. Two edits: terms containing one of three pieces of the word are candidates
 * (pigeonhole), then measured.
 */
async function corrections(db: Db, word: string): Promise<string[]> {
  const budget = typoBudget(word);
  if (budget === 0) return [];
  if (budget === 1) {
    const rows = await db.all<{ variant: string }>(
      toSql(sql`
      SELECT v.value AS variant FROM json_each(${JSON.stringify(oneEditVariants(word))}) v
      WHERE EXISTS (SELECT 1 FROM search_terms t WHERE t.term >= v.value AND t.term < v.value || ${MAX_CHAR})`),
    );
    return minimalPrefixes(rows.map((r) => String(r.variant))).slice(0, MAX_CORRECTIONS);
  }
  const rows = await db.all<{ term: string }>(
    toSql(sql`
    SELECT t.term FROM search_terms_trigram g CROSS JOIN search_terms t ON t.id = g.rowid
    WHERE search_terms_trigram MATCH ${pieces(word, 3).map(quote).join(' OR ')}
      AND length(t.term) >= ${[...word].length - budget}
    LIMIT 2000`),
  );
  const found = new Map<string, number>();
  for (const { term } of rows) {
    const [prefix, d] = closestPrefix(word, String(term), budget);
    if (d <= budget && (found.get(prefix) ?? budget + 1) > d) found.set(prefix, d);
  }
  // The fewest typos win (as in Meilisearch's ranking); fewer alternatives also keep MATCH cheap.
  const fewest = Math.min(...found.values());
  return minimalPrefixes([...found].filter(([, d]) => d === fewest).map(([p]) => p)).slice(
    0,
    MAX_CORRECTIONS,
  );
}

/** Drops prefixes that extend another one in the list: "lagerarbe"* already covers "lagerarbetare"*. */
export function minimalPrefixes(prefixes: string[]): string[] {
  const sorted = [...new Set(prefixes)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}

/** Reads the words of `text` and expands them against the index's term list. */
export async function planText(db: Db, text: string): Promise<TextPlan> {
  const words = queryWords(text);
  if (words.length === 0) return { match: null, words: [] };
  const lookups = [...new Set(words.flatMap((w) => [w, fold(w)]))];
  const found = await termsStarting(db, lookups);
  const termsOf = new Map(lookups.map((w, i) => [w, found[i]!]));
  const expansions = new Map<string, readonly string[]>();
  for (const [w, terms] of termsOf)
    if ([...w].length > INDEXED_PREFIX && terms.length <= MAX_EXPANSION) expansions.set(w, terms);
  const matches = await Promise.all(
    words.map(async (word, i): Promise<WordMatch> => {
      const last = i === words.length - 1;
      const asPrefix = last || [...word].length >= 3;
      const isKnown = termsOf.get(word)!.length > 0 || termsOf.get(fold(word))!.length > 0;
      const fixes = isKnown || /^\d+$/.test(word) ? [] : await corrections(db, word);
      return {
        word,
        prefixes: [...(asPrefix ? [word] : []), ...fixes],
        terms: asPrefix ? [] : [word],
        ...keyAlternatives(word, last),
      };
    }),
  );
  return { match: matchExpression(matches, expansions), words: matches };
}
