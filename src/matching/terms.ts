/**
 * A slot's matching terms as one stored string (`slots.match_terms`), so SQL can count how many of a
 * participant's strengths and interests a slot can meet without reading its text: the candidate
 * query bounds each slot's score from a few narrow columns and reads whole rows only for the slots
 * whose bound can still reach the top (see src/services/matching/candidates.ts).
 *
 * The string is `"<version> term term … "`: every term has a space on both sides, so `instr(terms,
 * ' key ')` finds whole keys only. The version is a fingerprint of the key function (below): terms
 * stored by an older key function never match the current version, and the query then gives that
 * slot the full text score as its bound (slower, never wrong).
 *
 * After the terms come the strengths they meet (`meetsStrengthTerm`): a strength is met by any of
 * the ten or so words of work it suits, and each `instr` costs SQLite a pass over every candidate's
 * terms (about 3.5 ms per key over 20,000 candidates), so the query looks for one derived term
 * instead of the strength's whole list. The version's second part is a fingerprint of those lists:
 * terms stored with other lists (or none, before they existed) still have every key, so the query
 * searches them for the whole lists (`keysAreCurrent`; as fast as before, exact).
 */
import { strengthSuitKeys } from '../domain/work-vocabulary';
import { contentStems, ssykTerm, suitsTerm } from './text';

/** What the engine reads a slot's terms from (the catalog's slots carry no description). */
export interface SlotText {
  title: string;
  tasks: readonly string[];
  occupationLabel: string;
  ssyk: string | null;
  /** Strength codes the work suits (slots.suits). */
  suits?: readonly string[];
}

/** Every term the engine compiles for a slot's title, tasks, occupation and SSYK group (slot-index.ts). */
export function slotTerms(slot: SlotText): string[] {
  const terms = new Set<string>();
  for (const text of [slot.title, ...slot.tasks, slot.occupationLabel])
    for (const term of contentStems(text)) terms.add(term);
  if (slot.ssyk) terms.add(ssykTerm(slot.ssyk));
  for (const code of slot.suits ?? []) terms.add(suitsTerm(code));
  return [...terms];
}

/**
 * Words whose keys exercise the key function (folding, stems, compound parts, word families,
 * stopwords): any change to it that changes their keys changes the version.
 */
const PROBE =
  'Bilverkstad verkstadsarbete bakning baka bröd bageri Diskning diskplock Butiksbiträde trädgårdsarbete ' +
  'lagerarbetare plocka order städning städa kontor café kassa kundmöte sortering återvinning ' +
  'tvätteri snickeri målare lokalvård hemtjänst kök restaurang montering tunga lyft och med att ' +
  'för i jag vill Ärlig NOGGRANN e-handel IT-support 3D-skrivare Åre Öland';

function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * The term stored terms carry when the slot's terms meet the work a strength suits (one of its
 * keys, or the slot's own `suits` term). The underscore keeps it apart from every word's key.
 */
export const meetsStrengthTerm = (code: string) => `meets_${code}`;

let keysVersion: string | null = null;
let version: string | null = null;
/** The key function's part of the version: `v` + a fingerprint of the probe's keys (computed on first use). */
export function matchKeysVersion(): string {
  keysVersion ??= `v${fingerprint(contentStems(PROBE).join(' '))}`;
  return keysVersion;
}

/** The version stamp of stored terms: the key function's part, `.`, a fingerprint of the strengths' lists. */
export function matchTermsVersion(): string {
  version ??= `${matchKeysVersion()}.${fingerprint(
    strengthSuitKeys()
      .map((s) => `${s.code}:${s.suits.join(',')}`)
      .join(' '),
  )}`;
  return version;
}

/** The stored form of a slot's terms: its terms, then the strengths they meet. */
export function storedMatchTerms(slot: SlotText): string {
  const terms = slotTerms(slot);
  const has = new Set(terms);
  for (const { code, suits } of strengthSuitKeys())
    if (has.has(suitsTerm(code)) || suits.some((k) => has.has(k))) terms.push(meetsStrengthTerm(code));
  return `${matchTermsVersion()} ${terms.join(' ')} `;
}

/**
 * Whether stored terms were written by the current key function, whatever strengths' lists (their
 * version is `<keys version> ` or `<keys version>.<lists>`): then they hold every key.
 */
export function keysAreCurrent(stored: string): boolean {
  const keys = matchKeysVersion();
  return stored.startsWith(keys) && (stored[keys.length] === ' ' || stored[keys.length] === '.');
}

/**
 * The stored terms as a set (without the version stamp), for counting several participants'
 * needles (whole lists, `textNeedles`) against one slot; null when the terms are missing or of
 * another key function.
 */
export function storedTermSet(stored: string | null): ReadonlySet<string> | null {
  if (stored === null || !keysAreCurrent(stored)) return null;
  return new Set(stored.slice(stored.indexOf(' ') + 1).split(' '));
}

/**
 * How many of the needle lists (one per strength or interest, bound.ts `textNeedles`) a slot's
 * stored terms meet: a list is met when one of its keys is a whole term. Null when the terms are
 * missing or of another key function (then the bound assumes every list met). Counts as the
 * candidate query's SQL does (candidates.ts `textMatchCount`): `instr(terms, ' key ')` finds a
 * key exactly when it is one of the space-separated terms (keys are non-empty and have no spaces).
 */
export function storedTextMatches(
  stored: string | null,
  needles: readonly (readonly string[])[],
): number | null {
  return termSetMatches(storedTermSet(stored), needles);
}

/** `storedTextMatches` over terms already split (`storedTermSet`). */
export function termSetMatches(
  terms: ReadonlySet<string> | null,
  needles: readonly (readonly string[])[],
): number | null {
  if (terms === null) return null;
  let met = 0;
  for (const list of needles) if (list.some((n) => n !== '' && terms.has(n))) met++;
  return met;
}
