/**
 * Swedish local time (Europe/Stockholm, CET/CEST) for mails sent "at 08:00" and for calendar days.
 * Uses Intl, which Node and Workers both carry; no time zone database of our own.
 */
export const TIME_ZONE = 'Europe/Stockholm';

/**
 * Built on first use: a formatter with a time zone costs several milliseconds, too much for every
 * Worker isolate's start.
 */
let parts: Intl.DateTimeFormat | undefined;
const formatter = () =>
  (parts ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }));

const MINUTE_MS = 60_000;
/** The last minute asked about and its wall clock: most calls ask about now (Intl is not cheap). */
let lastMinute = Number.NaN;
let lastClock = { date: '', minutes: 0 };

function wallClock(instant: Date) {
  // Stockholm's offset is whole hours, so the wall clock's date and minute change only on the minute.
  const minute = Math.floor(instant.getTime() / MINUTE_MS);
  if (minute === lastMinute) return lastClock;
  const p = Object.fromEntries(
    formatter()
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  const clock = { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
  if (Number.isFinite(minute)) {
    lastMinute = minute;
    lastClock = clock;
  }
  return clock;
}

/** The local calendar date of an instant (a Date or an ISO string), YYYY-MM-DD. */
export const localDate = (instant: Date | string) =>
  wallClock(typeof instant === 'string' ? new Date(instant) : instant).date;

const MS_PER_MINUTE = 60_000;

/** The instant the local clock shows `time` (HH:MM) on `date` (YYYY-MM-DD). */
export function atLocalTime(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * MS_PER_MINUTE;
  // The offset is +1 h or +2 h; take the one that makes the local clock read what was asked.
  for (const offsetMinutes of [60, 120]) {
    const candidate = new Date(asUtc - offsetMinutes * MS_PER_MINUTE);
    const w = wallClock(candidate);
    if (w.date === date && w.minutes === h * 60 + m) return candidate;
  }
  return new Date(asUtc - 60 * MS_PER_MINUTE); // a time skipped by the spring change: close enough
}

/** Calendar arithmetic on YYYY-MM-DD dates. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether a calendar date is a Monday. */
export const isMonday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() === 1;

/** Same day of a later month, or that month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The first instant strictly after `after` at which the local clock shows `time`. */
export function nextLocalTime(after: Date, time: string): Date {
  const today = atLocalTime(localDate(after), time);
  return today.getTime() > after.getTime() ? today : atLocalTime(addDays(localDate(after), 1), time);
}
