/**
 * Guards for free text about participants. Participants are pseudonymous and no diagnosis is ever
 * stored, so text fields that describe a person refuse what looks like identity data or a diagnosis.
 * This cannot catch everything a person might type; it catches the common slips and tells the user
 * why, and the docs ask for functional needs ("quiet workspace"), never conditions.
 */
import { containsPersonalIdentityNumber } from '../lib/swedish-ids';

const emailPattern = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const phonePattern = /(?:\+46|0)[\s-]?7\d(?:[\s-]?\d){7}/;
// ICD-10 codes in the mental and behavioural chapter and neighbours (F00–F99, G40 epilepsy, …).
const icdPattern = /\b[FG]\d{2}(?:\.\d{1,2})?\b/;
const diagnosisTerms = [
  'diagnos',
  'diagnosis',
  'adhd',
  'add-diagnos',
  'autism',
  'asperger',
  'schizofreni',
  'schizophrenia',
  'bipolär',
  'bipolar',
  'psykos',
  'psychosis',
  'depression',
  'ptsd',
  'ocd',
  'borderline',
  'personlighetsstörning',
  'personality disorder',
  'utvecklingsstörning',
  'intellektuell funktionsnedsättning',
  'tourette',
  'epilepsi',
  'epilepsy',
  'missbruk',
  'substance abuse',
  // Anxiety, phobias and other common conditions; `ångest` also inside a compound (below).
  'social fobi',
  'socialfobi',
  'fobi',
  'phobia',
  'social phobia',
  'anxiety',
  'paniksyndrom',
  'panic disorder',
  'tvångssyndrom',
  'ätstörning',
  'eating disorder',
  'anorexi',
  'bulimi',
  'utmattningssyndrom',
  'autist',
  'deprimerad',
  'depressed',
  'antidepressant',
  'medication',
  'medicated',
];
/**
 * Words about taking medicine, as whole words with their endings only: "tar medicin", "medicinering",
 * "läkemedel" are refused, while "medicinsk sekreterare", "medicinteknik" or "läkemedelsföretag"
 * (work and interests) pass.
 */
const medicineWords = ['medicin(?:en|er|erna|ering|eringen|erar|erad)?', 'läkemed(?:el|let|len)'];
/** Condition words found inside compounds too ("prestationsångest", "panikångest"). */
const anywhereTerms = ['ångest'];
const diagnosisPattern = new RegExp(
  `(?<![\\p{L}])(?:${diagnosisTerms.join('|')})|(?<![\\p{L}])(?:${medicineWords.join('|')})(?![\\p{L}])|${anywhereTerms.join('|')}`,
  'iu',
);

/** Why the text may not be stored about a participant, or null when it is fine. */
export function personalDataProblem(text: string): string | null {
  if (containsPersonalIdentityNumber(text)) return 'must not contain a personal identity number';
  if (emailPattern.test(text)) return 'must not contain an email address';
  if (phonePattern.test(text)) return 'must not contain a phone number';
  const diagnosis = text.match(diagnosisPattern) ?? text.match(icdPattern);
  if (diagnosis)
    return `must not name a diagnosis or condition ("${diagnosis[0]}"); describe a functional need instead, e.g. an adaptation code`;
  return null;
}
