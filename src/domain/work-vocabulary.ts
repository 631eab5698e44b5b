/**
 * What a person avoids and what they are good at, as controlled vocabularies (Swedish and English)
 * that participants pick from and slots are read against. Words a coach types for a category ("tunga
 * lyft", "stå hela dagen", "kassa") are recognised as it. Everything is compared as search keys
 * (src/lib/swedish/keys.ts), so word forms and spellings without å/ä/ö count.
 *
 * What a slot states, per avoid category: `levels` (its physical or social demand), `keys` (words of
 * its title, tasks, occupation or description), `schedule` (early mornings, evenings and weekends,
 * read from its supervised windows) or `noQuiet` (a noisy kind of work without a quiet workspace).
 */
import { stemKey, textKeys } from '../lib/swedish/keys';

export interface AvoidCategory {
  code: string;
  sv: string;
  en: string;
  /** Phrases a coach types for it; a phrase counts when all its words are in what they typed. */
  phrases: readonly string[];
  /** Slot words that state it. */
  keys: readonly string[];
  physicalHigh?: boolean;
  socialHigh?: boolean;
  schedule?: 'early' | 'late';
  noQuiet?: boolean;
}

export const avoidVocabulary = [
  {
    code: 'heavy_lifting',
    sv: 'Tunga lyft',
    en: 'Heavy lifting',
    phrases: ['tunga lyft', 'lyfta tungt', 'bära tungt', 'lyft'],
    keys: ['lyfta', 'bära', 'flytt', 'lasta', 'tunga'],
    physicalHigh: true,
  },
  {
    code: 'standing_all_day',
    sv: 'Stå hela dagen',
    en: 'Standing all day',
    phrases: ['stå hela dagen', 'stå länge', 'stå upp', 'stående'],
    keys: ['diska', 'plocka', 'kassa', 'servering', 'baka', 'packa', 'montera', 'stå'],
    physicalHigh: true,
  },
  {
    code: 'cash_handling',
    sv: 'Kassa och kontanter',
    en: 'Cash handling',
    phrases: ['kassa', 'kontanter', 'pengar', 'kassahantering'],
    keys: ['kassa', 'kontanter', 'kassahantering', 'kassabiträde', 'ssyk5230'],
  },
  {
    code: 'much_customer_contact',
    sv: 'Mycket kundkontakt',
    en: 'Much customer contact',
    phrases: ['kundkontakt', 'kunder', 'många människor', 'mycket folk', 'kundtjänst', 'kundmöten'],
    keys: ['kund', 'kunder', 'kundtjänst', 'servering', 'gäster', 'kassa', 'bemöta'],
    socialHigh: true,
  },
  {
    code: 'noise',
    sv: 'Buller och höga ljud',
    en: 'Noise',
    phrases: ['buller', 'höga ljud', 'oväsen', 'högljudd', 'ljud', 'stökigt'],
    keys: ['verkstad', 'maskin', 'bygg', 'industri', 'sågverk', 'buller', 'lunchrusning'],
    noQuiet: true,
  },
  {
    code: 'early_mornings',
    sv: 'Tidiga morgnar',
    en: 'Early mornings',
    phrases: ['tidiga morgnar', 'tidig morgon', 'morgnar', 'tidigt'],
    keys: [],
    schedule: 'early',
  },
  {
    code: 'evenings_weekends',
    sv: 'Kvällar och helger',
    en: 'Evenings and weekends',
    phrases: ['kvällar', 'kväll', 'helger', 'helg', 'kvällar och helger'],
    keys: [],
    schedule: 'late',
  },
  {
    code: 'high_tempo',
    sv: 'Högt tempo',
    en: 'High tempo',
    phrases: ['högt tempo', 'stress', 'stressigt', 'snabbt', 'tempo', 'jäkt'],
    keys: ['tempo', 'stress', 'rusning', 'lunchrusning', 'snabbt'],
    socialHigh: true,
  },
] as const satisfies readonly AvoidCategory[];

export type AvoidCode = (typeof avoidVocabulary)[number]['code'];
export const avoidCodes = avoidVocabulary.map((c) => c.code);

/** A strength participants pick, and the slot words of work it suits (as well as its own word). */
export interface Strength {
  code: string;
  sv: string;
  en: string;
  /** Other words a coach types for it. */
  phrases: readonly string[];
  suits: readonly string[];
}

export const strengthVocabulary = [
  {
    code: 'careful',
    sv: 'Noggrann',
    en: 'Careful and accurate',
    phrases: ['noggrann', 'noggrannhet', 'detaljer', 'petig'],
    suits: [
      'sortera',
      'plocka',
      'inventering',
      'etikettera',
      'kontroll',
      'montera',
      'städa',
      'packa',
      'registrera',
      'arkiv',
      'noggrann',
    ],
  },
  {
    code: 'patient',
    sv: 'Tålmodig',
    en: 'Patient',
    phrases: ['tålmodig', 'tålamod', 'lugn'],
    suits: ['sortera', 'montera', 'omsorg', 'odla', 'plantera', 'reparera', 'sy', 'laga', 'tålmodig', 'lugn'],
  },
  {
    code: 'social',
    sv: 'Social',
    en: 'Sociable',
    phrases: ['social', 'utåtriktad', 'pratglad', 'trevlig', 'gillar människor'],
    suits: ['kund', 'kunder', 'kassa', 'servering', 'gäster', 'butik', 'omsorg', 'bemöta', 'café', 'social'],
  },
  {
    code: 'practical',
    sv: 'Praktisk',
    en: 'Practical, good with hands',
    phrases: ['praktisk', 'händig', 'fixare', 'gillar att skruva'],
    suits: [
      'bygga',
      'reparera',
      'montera',
      'snickra',
      'måla',
      'verkstad',
      'cykel',
      'trädgård',
      'odla',
      'skruva',
      'praktisk',
    ],
  },
  {
    code: 'strong',
    sv: 'Fysiskt stark',
    en: 'Physically strong',
    phrases: ['stark', 'fysiskt stark', 'orkar mycket', 'uthållig'],
    suits: ['lyfta', 'bära', 'flytt', 'lastning', 'lager', 'trädgård', 'skog'],
  },
  {
    code: 'structured',
    sv: 'Strukturerad',
    en: 'Structured',
    phrases: ['strukturerad', 'ordningsam', 'ordning', 'systematisk', 'gillar rutiner'],
    suits: ['sortera', 'inventering', 'arkiv', 'registrera', 'lager', 'ordning', 'rutiner', 'plocka'],
  },
  {
    code: 'creative',
    sv: 'Kreativ',
    en: 'Creative',
    phrases: ['kreativ', 'konstnärlig', 'skapande'],
    suits: ['måla', 'design', 'dekorera', 'sy', 'baka', 'blommor', 'skapa', 'kreativ'],
  },
  {
    code: 'computer_skills',
    sv: 'Datorvan',
    en: 'Good with computers',
    phrases: ['datorvan', 'datorvana', 'data', 'it', 'dator'],
    suits: ['dator', 'support', 'registrera', 'kontor', 'webb', 'programmera', 'ssyk2512', 'ssyk3512'],
  },
  {
    code: 'caring',
    sv: 'Omtänksam',
    en: 'Caring',
    phrases: ['omtänksam', 'empatisk', 'hjälpsam', 'tycker om att hjälpa'],
    suits: ['omsorg', 'vård', 'äldreboende', 'hjälpa', 'sällskap', 'djur', 'omtänksam'],
  },
  {
    code: 'reliable',
    sv: 'Pålitlig',
    en: 'Reliable',
    phrases: ['pålitlig', 'punktlig', 'ansvarsfull'],
    suits: ['ansvar', 'nycklar', 'kassa', 'öppna', 'pålitlig'],
  },
] as const satisfies readonly Strength[];

export type StrengthCode = (typeof strengthVocabulary)[number]['code'];
export const strengthCodes = strengthVocabulary.map((s) => s.code);

const keySet = (words: readonly string[]) =>
  new Set(words.map((w) => (w.startsWith('ssyk') ? w : stemKey(w))));
const phraseKeys = (phrase: string) => textKeys(phrase).filter((k) => k.length > 1);

/**
 * Compiled on first use, not at import: stemming every phrase costs a few milliseconds that a fresh
 * Worker would otherwise spend before its first request, whatever that request is.
 */
function compile() {
  const avoid = avoidVocabulary.map((c) => ({
    category: c,
    phrases: c.phrases.map((p) => [...new Set(p.split(' ').map((w) => stemKey(w)))]),
    keys: keySet(c.keys),
  }));
  const strengths = strengthVocabulary.map((s) => ({
    strength: s,
    phrases: s.phrases.map((p) => [...new Set(p.split(' ').map((w) => stemKey(w)))]),
    suits: [...keySet(s.suits)],
  }));
  return { avoid, strengths, avoidByCode: new Map(avoid.map((c) => [c.category.code as string, c])) };
}
let compiled: ReturnType<typeof compile> | undefined;
const compiledVocabulary = () => (compiled ??= compile());

const contains = (typed: ReadonlySet<string>, phrase: readonly string[]) => phrase.every((k) => typed.has(k));

/**
 * The avoid categories one entry of a participant's `avoid` names: a category code ("heavy_lifting"),
 * its label, or free words a coach types for it ("tunga lyft", "stå hela dagen", "kassa").
 */
export function avoidCategoriesOf(entry: string): AvoidCode[] {
  const trimmed = entry.trim();
  const byCode = avoidVocabulary.find((c) => c.code === trimmed);
  if (byCode) return [byCode.code];
  const typed = new Set(
    trimmed
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean)
      .map((w) => stemKey(w)),
  );
  return compiledVocabulary()
    .avoid.filter((c) => c.phrases.some((p) => contains(typed, p)))
    .map((c) => c.category.code);
}

/** An avoid category by its code, with its keys compiled. */
export const avoidCategoryByCode = (code: string) => compiledVocabulary().avoidByCode.get(code);

/** Each strength's code and the keys of the work it suits (as strengthOf gives them), in vocabulary order. */
let suitKeys: readonly { code: string; suits: readonly string[] }[] | undefined;
export const strengthSuitKeys = () =>
  (suitKeys ??= compiledVocabulary().strengths.map((s) => ({ code: s.strength.code, suits: s.suits })));

/** The strength an entry names (a code, a label or a word a coach types), or null. */
export function strengthOf(entry: string) {
  const trimmed = entry.trim();
  const byCode = compiledVocabulary().strengths.find((s) => s.strength.code === trimmed);
  if (byCode) return byCode;
  const typed = new Set(
    trimmed
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean)
      .map((w) => stemKey(w)),
  );
  return compiledVocabulary().strengths.find((s) => s.phrases.some((p) => contains(typed, p))) ?? null;
}

export { phraseKeys };
