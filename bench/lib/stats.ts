import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

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

/** CPU time of this process in milliseconds (user + system): unlike wall time, it does not grow
 *  while the process waits for a core, so it shows the code's own cost on a busy machine. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Run fn once; wall and CPU milliseconds. */
export function timedBoth<T>(fn: () => T): { result: T; ms: number; cpu: number } {
  const cpu0 = cpuMs();
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start, cpu: cpuMs() - cpu0 };
}

/**
 * Collect garbage now, if the runtime lets us, so a collection of the data built for the benchmark
 * does not land inside a measured call. Works without --expose-gc by enabling it at runtime.
 */
export function settleHeap(): void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
  } catch {
    // No gc available: measurements just include whatever collections happen.
  }
}

/** The 1-minute load average, to print next to timings taken on a shared machine. */
export const loadAverage = () => round3(os.loadavg()[0] ?? Number.NaN);
