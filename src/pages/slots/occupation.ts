/**
 * The occupation picker's three questions, over the one occupation lookup (src/services/occupations,
 * which also answers GET /v1/vocabularies/occupations): suggestions for what was typed, the occupation
 * a title names exactly, and whether a picked code belongs to the title beside it.
 */
import { fold } from '../../lib/swedish/fold';
import { lookupOccupations } from '../../services/occupations';

export interface OccupationSuggestion {
  /** SSYK 2012 unit group. */
  code: string;
  /** The occupation's name (or the group's), as stored on the slot. */
  label: string;
  /** The unit group's name, to tell similar titles apart. */
  group: string;
}

const same = (a: string, b: string) =>
  fold(a.normalize('NFC').toLowerCase().trim()) === fold(b.normalize('NFC').toLowerCase().trim());

export function suggestOccupations(text: string, limit = 10): OccupationSuggestion[] {
  const q = text.trim().slice(0, 100);
  if (q.length < 2) return [];
  return lookupOccupations({ q, limit }).map((h) => ({
    code: h.group.code,
    label: h.label,
    group: h.group.label,
  }));
}

/** The occupation a typed title names exactly (case and å/ä/ö aside), or null. */
export function resolveOccupation(text: string): OccupationSuggestion | null {
  return suggestOccupations(text, 50).find((o) => same(o.label, text)) ?? null;
}

/** Whether a picked code and the title beside it belong together (the script fills the code). */
export function occupationMatches(code: string, label: string): boolean {
  return suggestOccupations(label, 50).some((o) => o.code === code && same(o.label, label));
}
