/**
 * From the words a person typed to an FTS5 MATCH expression that only ever contains quoted terms
 * built here (user text never reaches MATCH as syntax). Each word becomes a group of alternatives,
 * and the groups are ANDed:
 * - the word as a prefix ("kock" finds "kocken", "trädgårdsar" finds "trädgårdsarbetare"): Swedish
 *   inflects with endings, and the last word is still being typed;
 * - compounds that contain the word after their first part ("verkstad" → "bilverkstad",
 *   "bageri" → "surdegsbageri"), found in the term list through its trigram index;
 * - when the word is in no term at all, its corrections: terms within 1 edit from 5 letters, 2 from 9.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../adapters/db/types';
import { editDistance, oneEditVariants, pieces, queryWords, typoBudget, type WordMatch } from '../text';

/** A compound part must follow at least this many letters ("bo|städer" is not a compound of "städ"). */
const MIN_MODIFIER = 3;
/** Compound parts are looked up only for words this long; shorter ones match too much. */
const MIN_INFIX_WORD = 4;
const MAX_COMPOUNDS = 30;
const MAX_CORRECTIONS = 12;
/** U+10FFFF sorts after every other character: `term < word || MAX_CHAR` bounds a prefix range. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

export interface TextPlan {
  /** The FTS5 expression, or null when the text has no words. */
  match: string | null;
  words: WordMatch[];
}

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** Builds the MATCH expression from words already expanded (pure; see expand for the lookups). */
export function matchExpression(words: readonly WordMatch[]): string | null {
  if (words.length === 0) return null;
  const groups = words.map((w) => {
    const alternatives = [...w.prefixes.map((p) => `${quote(p)}*`), ...w.terms.map(quote)];
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  });
  return groups.join(' AND ');
}

interface Lookup {
  hasPrefix: boolean;
  compounds: string[];
}

/** One round trip: for each word, whether a term starts with it, and compounds containing it. */
async function lookupWords(db: Db, words: string[]): Promise<Lookup[]> {
  const parts = words.map((w, i) => {
    const prefix = sql`SELECT ${i} AS w, 'p' AS k, term FROM (SELECT term FROM search_terms WHERE term >= ${w} AND term < ${w + MAX_CHAR} LIMIT 1)`;
    if ([...w].length < MIN_INFIX_WORD) return prefix;
    return sql`${prefix} UNION ALL SELECT ${i}, 'c', term FROM (
      SELECT term FROM search_terms_trigram WHERE search_terms_trigram MATCH ${quote(w)}
        AND instr(term, ${w}) > ${MIN_MODIFIER}
      ORDER BY length(term), term LIMIT ${MAX_COMPOUNDS})`;
  });
  const rows = await db.all<{ w: number; k: string; term: string }>(sql.join(parts, sql` UNION ALL `));
  const out = words.map((): Lookup => ({ hasPrefix: false, compounds: [] }));
  for (const r of rows) {
    const entry = out[Number(r.w)]!;
    if (r.k === 'p') entry.hasPrefix = true;
    else entry.compounds.push(String(r.term));
  }
  return out;
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
    const rows = await db.all<{ variant: string }>(sql`
      SELECT v.value AS variant FROM json_each(${JSON.stringify(oneEditVariants(word))}) v
      WHERE EXISTS (SELECT 1 FROM search_terms t WHERE t.term >= v.value AND t.term < v.value || ${MAX_CHAR})`);
    return minimalPrefixes(rows.map((r) => String(r.variant))).slice(0, MAX_CORRECTIONS);
  }
  const rows = await db.all<{ term: string }>(sql`
    SELECT t.term FROM search_terms_trigram g CROSS JOIN search_terms t ON t.id = g.rowid
    WHERE search_terms_trigram MATCH ${pieces(word, 3).map(quote).join(' OR ')}
      AND length(t.term) >= ${[...word].length - budget}
    LIMIT 2000`);
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
  const lookups = await lookupWords(db, words);
  const matches = await Promise.all(
    words.map(async (word, i): Promise<WordMatch> => {
      const last = i === words.length - 1;
      const asPrefix = last || [...word].length >= 3;
      const { hasPrefix, compounds } = lookups[i]!;
      const known = hasPrefix || compounds.length > 0;
      const fixes = known ? [] : await corrections(db, word);
      return {
        word,
        prefixes: [...(asPrefix ? [word] : []), ...fixes],
        terms: [...(asPrefix ? [] : [word]), ...compounds],
      };
    }),
  );
  return { match: matchExpression(matches), words: matches };
}
