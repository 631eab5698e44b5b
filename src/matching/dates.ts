/** Calendar dates as whole days since 1970-01-01 (UTC), so durations are plain subtraction. */
const MS_PER_DAY = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(date: string): number {
  const m = datePattern.exec(date);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

/** Stands for "no end date": later than any real day number. */
export const NO_END_DAY = 2_147_483_647;
