import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Summary figures for timing samples (milliseconds), nearest-rank percentiles. */
export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    count: sorted.length,
    mean: round3(mean),
    p50: round3(percentile(sorted, 0.5)),
    p95: round3(percentile(sorted, 0.95)),
    p99: round3(percentile(sorted, 0.99)),
    max: round3(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Run fn once and return its result with the elapsed wall time in milliseconds. */
export function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

/** True when the module at `url` is the script node was started with (not imported by another). */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const strip = (p: string) => p.replace(/\.[cm]?[jt]s$/, '');
  return strip(fileURLToPath(url)) === strip(resolve(entry));
}
