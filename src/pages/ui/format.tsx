/** Small ways of showing values that many pages share. */
import type { Weekday } from '../../domain/vocabulary';
import type { Catalogue } from '../i18n';

export interface Window {
  day: Weekday;
  start: string;
  end: string;
}

/** `mån 08:00–12:00, tor 08:00–12:00` */
export const scheduleText = (t: Catalogue, windows: readonly Window[]) =>
  windows.map((w) => `${t.days[w.day]} ${w.start}–${w.end}`).join(', ');

/** The date part of an ISO instant, as written in Sweden (2027-01-15). */
export const dateOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '–');

/** A label from a `{ sv, en }` pair in the page's language. */
export const inLang = (t: Catalogue, label: { sv: string; en: string }) =>
  t.lang === 'en' ? label.en : label.sv;
