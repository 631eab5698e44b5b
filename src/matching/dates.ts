/** Calendar dates as whole days since 1970-01-01 (UTC), so durations are plain subtraction. */
const MS_PER_DAY = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Slots' dates repeat (a start date a day of the year or two): worked out once each. */
const days = new Map<string, number>();
const MAX_CACHED_DAYS = 10_000;

export function dayNumber(date: string): number {
  const cached = days.get(date);
  if (cached !== undefined) return cached;
  const m = datePattern.exec(date);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  const day = Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
  if (days.size >= MAX_CACHED_DAYS) days.clear();
  days.set(date, day);
  return day;
}

/** Stands for "no end date": later than any real day number. */
export const NO_END_DAY = 2_147_483_647;
