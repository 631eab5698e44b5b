/**
 * Weekly schedules. The API speaks `{ day, start: "HH:MM", end: "HH:MM" }` windows in local time
 * (Europe/Stockholm); internally a schedule is a sorted list of disjoint `[start, end)` intervals in
 * minutes of the week, Monday 00:00 = 0. Windows are normalised on write (sorted, touching or
 * overlapping windows merged), so matching never re-parses strings.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export interface Window {
  day: Weekday;
  start: string;
  end: string;
}
/** `[start, end)` in minutes of the week. */
export type Interval = readonly [number, number];

export const MINUTES_PER_DAY = 24 * 60;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export const isTime = (s: string) => timePattern.test(s);

export function parseTime(s: string): number {
  if (!timePattern.test(s)) throw new Error(`not a time: ${s}`);
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Windows → sorted disjoint intervals. Assumes each window was validated (start < end). */
export function toIntervals(windows: readonly Window[]): Interval[] {
  const raw = windows
    .map((w): [number, number] => {
      const base = weekdays.indexOf(w.day) * MINUTES_PER_DAY;
      return [base + parseTime(w.start), base + parseTime(w.end)];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of raw) {
    const last = merged[merged.length - 1];
    // Merge within a day only: Monday until 24:00 and Tuesday from 00:00 stay two windows.
    const sameDay = last && Math.floor(s / MINUTES_PER_DAY) === Math.floor(last[0] / MINUTES_PER_DAY);
    if (last && sameDay && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

const dayIndex: Record<string, number> = Object.fromEntries(weekdays.map((d, i) => [d, i]));
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const fastTime = (s: string) => (digit(s, 0) * 10 + digit(s, 1)) * 60 + digit(s, 3) * 10 + digit(s, 4);

/**
 * Windows read back from the database, already validated and normalised on write, → intervals:
 * no checks, no sorting. Loading 100,000 slots into the matching index spends most of its time here
 * otherwise.
 */
export function storedToIntervals(windows: readonly Window[]): Interval[] {
  const out: Interval[] = new Array(windows.length);
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i]!;
    const base = dayIndex[w.day]! * MINUTES_PER_DAY;
    out[i] = [base + fastTime(w.start), base + fastTime(w.end)];
  }
  return out;
}

/** Intervals → windows, one per interval (intervals never cross midnight since windows do not). */
export function fromIntervals(intervals: readonly Interval[]): Window[] {
  return intervals.map(([s, e]) => {
    const d = Math.floor(s / MINUTES_PER_DAY);
    return {
      day: weekdays[d]!,
      start: formatTime(s - d * MINUTES_PER_DAY),
      end: formatTime(e - d * MINUTES_PER_DAY),
    };
  });
}

export const normaliseWindows = (windows: readonly Window[]) => fromIntervals(toIntervals(windows));

/** Minutes covered by both schedules (both sorted and disjoint): a linear merge. */
export function overlapMinutes(a: readonly Interval[], b: readonly Interval[]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (hi > lo) total += hi - lo;
    if (x[1] < y[1]) i++;
    else j++;
  }
  return total;
}

export const totalMinutes = (a: readonly Interval[]) => a.reduce((s, [x, y]) => s + (y - x), 0);

/** Bit d set when there is a window on weekday d (mon = 0). */
export function daysMask(windows: readonly Window[]): number {
  let mask = 0;
  for (const w of windows) mask |= 1 << weekdays.indexOf(w.day);
  return mask;
}
