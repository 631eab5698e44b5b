/** Small pure statistics for reports. */

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Counts of values by key, in the order of `keys`. */
export function countBy<K extends string>(keys: readonly K[], values: Iterable<K>): Map<K, number> {
  const out = new Map<K, number>(keys.map((k) => [k, 0]));
  for (const v of values) {
    const n = out.get(v);
    if (n !== undefined) out.set(v, n + 1);
  }
  return out;
}
