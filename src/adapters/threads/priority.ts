/**
 * The calling thread's scheduling priority (nice) on Linux, where each thread has its own: a
 * background thread lowers its own so that the request thread comes first when the cores are full
 * (issue #17). Under the load mix on two cores the request thread was the one part that was full,
 * and it waited for a core about a sixth of its busy time while the background threads ran; the
 * outbox thread runs at nice 10 (README, "Load"). Elsewhere (no /proc/thread-self: macOS, Windows)
 * nothing changes, since there the call would lower the whole process.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** This thread's id as the kernel knows it, or undefined off Linux. */
export function threadId(): number | undefined {
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Lowers this thread's priority to `nice` (0 leaves it); whether it could. */
export function lowerThreadPriority(nice: number): boolean {
  const tid = threadId();
  if (nice === 0 || tid === undefined) return false;
  setPriority(tid, nice);
  return true;
}
