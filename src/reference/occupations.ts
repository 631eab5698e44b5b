/**
 * Occupations: SCB's SSYK 2012 unit groups (429, plus the 25 manager groups JobTech merges across
 * levels, still accepted) and 3,095 occupation names from the JobTech taxonomy, each mapped to its
 * unit group. Two uses, both in memory and precomputed at first call:
 * - `findOccupations(q)`: the type-ahead behind `GET /v1/vocabularies/occupations` and the pages'
 *   occupation picker (word starts, also without å/ä/ö, and codes: "76" lists the 76xx groups);
 * - `occupationCodesOf(word)`: the unit groups a word names ("diskare" → 9412, "programmerare" →
 *   2512), so search and matching find slots of that group even when their words differ.
 */
import { fold } from '../lib/swedish/fold';
import { stemKey } from '../lib/swedish/keys';
import occupationWords from './data/occupation-words.json';
import occupationList from './data/occupations.json';
import ssykList from './data/ssyk2012.json';

export interface UnitGroup {
  code: string;
  label: string;
  /** In SCB's list of 429; false for JobTech's merged manager groups (1210 = 1211 + 1212). */
  scb: boolean;
}

/** SSYK 2012 major groups (yrkesområden), the first digit of a code. */
export const majorGroups: Readonly<Record<string, string>> = {
  '0': 'Militärt arbete',
  '1': 'Chefsyrken',
  '2': 'Yrken med krav på fördjupad högskolekompetens',
  '3': 'Yrken med krav på högskolekompetens eller motsvarande',
  '4': 'Yrken inom administration och kundtjänst',
  '5': 'Service-, omsorgs- och försäljningsyrken',
  '6': 'Yrken inom lantbruk, trädgård, skogsbruk och fiske',
  '7': 'Yrken inom byggverksamhet och tillverkning',
  '8': 'Yrken inom maskinell tillverkning och transport m.m.',
  '9': 'Yrken med krav på kortare utbildning eller introduktion',
};

export const unitGroups: readonly UnitGroup[] = ssykList;
export const unitGroupByCode = new Map(unitGroups.map((g) => [g.code, g]));

export interface OccupationHit {
  /** The occupation name (or the group's label for a group). */
  label: string;
  kind: 'occupation' | 'group';
  group: { code: string; label: string };
  major: { code: string; label: string };
}

interface Entry {
  hit: OccupationHit;
  /** Lowercased, folded label; and the starts of its words (also of compound parts). */
  text: string;
  words: string[];
}

let entries: Entry[] | null = null;
let byWord: Map<string, string[]> | null = null;

const WORD = /[\p{L}\p{N}]+/gu;
const normal = (s: string) => fold(s.normalize('NFC').toLowerCase());

function entry(label: string, kind: OccupationHit['kind'], code: string): Entry {
  const group = unitGroupByCode.get(code)!;
  const major = code.slice(0, 1);
  const text = normal(label);
  return {
    hit: {
      label,
      kind,
      group: { code, label: group.label },
      major: { code: major, label: majorGroups[major] ?? '' },
    },
    text,
    words: text.match(WORD) ?? [],
  };
}

function load(): Entry[] {
  if (entries) return entries;
  entries = [
    ...unitGroups.map((g) => entry(g.label, 'group', g.code)),
    ...occupationList.map(([name, code]) => entry(name!, 'occupation', code!)),
  ];
  return entries;
}

/**
 * Word → unit groups, from names that are one word ("Diskare") or start with one before a comma
 * ("Undersköterska, hemtjänst"), each alternative of "A/B" on its own; keyed by the word's stem key.
 */
export function computeOccupationWords(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (word: string, code: string) => {
    const key = stemKey(word);
    const codes = out.get(key) ?? [];
    if (!codes.includes(code)) codes.push(code);
    out.set(key, codes);
  };
  for (const [name, code] of occupationList) {
    for (const alternative of name!.split('/')) {
      const head = alternative.split(',')[0]!.trim().toLowerCase();
      if (/^[\p{L}-]+$/u.test(head)) add(head, code!);
    }
  }
  return out;
}

/**
 * The index as `computeOccupationWords` gives it, precomputed (scripts/build-occupation-words.ts; a
 * test checks it is current): stemming 3,000 names took a Worker's first matching request 40–60 ms.
 */
function wordIndex(): Map<string, string[]> {
  byWord ??= new Map(Object.entries(occupationWords));
  return byWord;
}

/** Every occupation word's stem key with the unit groups it names (for Meilisearch synonyms). */
export function occupationWordGroups(): [key: string, codes: readonly string[]][] {
  return [...wordIndex()].filter(([, codes]) => codes.length <= MAX_GROUPS_PER_WORD);
}

/** Unit groups a word names, or none. Words naming more than a few groups ("chef") say too little. */
export function occupationCodesOf(word: string): readonly string[] {
  const codes = wordIndex().get(stemKey(word.toLowerCase())) ?? [];
  return codes.length <= MAX_GROUPS_PER_WORD ? codes : [];
}
const MAX_GROUPS_PER_WORD = 4;

/** How well an entry answers the query: lower is better, null when it does not. */
function rank(e: Entry, q: string, qWords: readonly string[]): number | null {
  if (e.text === q) return 0;
  if (e.text.startsWith(q)) return 1;
  let inside = false;
  for (const w of qWords) {
    if (e.words.some((x) => x.startsWith(w))) continue;
    // Also inside a compound ("sköterska" in "undersköterska"), from four letters.
    if (w.length >= 4 && e.text.includes(w)) {
      inside = true;
      continue;
    }
    return null;
  }
  return inside ? 3 : 2;
}

/**
 * Occupation names and unit groups for a type-ahead, best first: exact, then the label's start, then
 * every typed word at a word's start, then inside a word; groups before names at equal rank, then
 * shorter labels. Digits match codes by prefix ("76", "7612").
 */
export function findOccupations(q: string, limit = 10): OccupationHit[] {
  const query = normal(q).trim();
  if (!query) return [];
  const all = load();
  if (/^\d{1,4}$/.test(query)) {
    return all
      .filter((e) => e.hit.group.code.startsWith(query))
      .sort((a, b) => (a.hit.kind === b.hit.kind ? 0 : a.hit.kind === 'group' ? -1 : 1))
      .slice(0, limit)
      .map((e) => e.hit);
  }
  const qWords = query.match(WORD) ?? [];
  const found: { e: Entry; r: number }[] = [];
  for (const e of all) {
    const r = rank(e, query, qWords);
    if (r !== null) found.push({ e, r });
  }
  found.sort(
    (a, b) =>
      a.r - b.r ||
      (a.e.hit.kind === b.e.hit.kind ? 0 : a.e.hit.kind === 'group' ? -1 : 1) ||
      a.e.text.length - b.e.text.length ||
      (a.e.text < b.e.text ? -1 : 1),
  );
  return found.slice(0, limit).map((f) => f.e.hit);
}
