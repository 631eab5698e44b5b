/** Small pure helpers both adapters use to read and answer a search the same way. */
import { type AdaptationCode, adaptationCodes, type Weekday, weekdays } from '../domain/vocabulary';

/** Bit d set for each weekday (mon = 0), as in the slots table's days_mask. */
export function daysMaskOf(days: readonly Weekday[]): number {
  return days.reduce((mask, day) => mask | (1 << weekdays.indexOf(day)), 0);
}

/** The adaptation codes of a mask, in vocabulary order. */
export function adaptationsOfMask(mask: number): AdaptationCode[] {
  return adaptationCodes.filter((_c, i) => (mask & (1 << i)) !== 0);
}

const DAY_MS = 86_400_000;

/** Dates already written, by day: a page of hits asks for the same few days again and again. */
const dates = new Map<number, string>();

/** Days since 1970-01-01 → YYYY-MM-DD. */
export function dateOfDay(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    // Bounded: about 27 years of days, then it starts again.
    if (dates.size >= 10_000) dates.clear();
    dates.set(day, date);
  }
  return date;
}

/** Offset pagination behind an opaque cursor, like the other lists' cursors. */
export function encodeOffsetCursor(offset: number): string {
  return btoa(`o:${offset}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeOffsetCursor(cursor: string): number | null {
  try {
    const text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const m = /^o:(\d{1,6})$/.exec(text);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
