/**
 * When the outbox thread is kicked after a write (background.ts): soon after a quiet spell, at most
 * every `spacingMs` under sustained writes.
 *
 * Why: every commit of the outbox thread makes the request thread's connection drop its whole page
 * cache (SQLite resets a connection's cache when it finds that another connection has committed), and
 * the pages then come back from the operating system, one pread each. Under the load mix with a kick
 * 50 ms after each first write, the request thread read about 12 KiB a request from the OS that a
 * read-only mix did not (0.1 KiB); with this spacing 3.6 KiB, and its CPU per request fell about
 * 15 % (bench/route-cpu.ts --threads, medians of 13 alternated runs on a busy machine). A pass is a
 * few commits whatever it carries, so fewer, larger passes under sustained writes cost the request
 * thread fewer cache resets for the same outbox work.
 *
 * What it costs: under sustained writes, a change reaches the search index (and a notification its
 * mail) up to `spacingMs` later than before, plus the pass's own time. After a quiet spell (no kick
 * sent for `spacingMs - firstAfterMs`), the first write is still taken up `firstAfterMs` after it.
 * Nothing is dropped or reordered: the outbox rows wait in the table, and each pass drains all that
 * is due.
 */

/** How long after a write, the first after a quiet spell, its outbox pass starts. */
export const KICK_AFTER_MS = 50;
/**
 * The least time between two kicks (the starts of two passes) under sustained writes: the search
 * index lags a write by at most about this much more than it did.
 *
 * Two seconds, not half a second (eighth session): every pass that writes the search index moves the
 * search revision, and each kept search answer is then made again on the one search thread; at
 * 100,000 slots a word search ranks all its matches (25–30 ms of CPU), so under the load mix's
 * sustained edits the searches made again and the searches waiting for them fell about 2.5 times
 * (counted in the server) and the mixed throughput rose (README, Load). What a coach may notice: a
 * text edit reaches search up to two seconds later while others keep writing.
 */
export const PASS_SPACING_MS = 2000;

export interface KickSpacingOptions {
  /** Milliseconds on a monotonic clock (performance.now). */
  now: () => number;
  /** Calls `fn` after `ms` (setTimeout; its timer must not keep the process alive). */
  setTimer: (fn: () => void, ms: number) => void;
  firstAfterMs?: number;
  spacingMs?: number;
}

export interface KickSpacing {
  /**
   * Sends a kick with `send` once its time comes: `firstAfterMs` from now, or later if the last one
   * went out less than `spacingMs` before that. The caller sends no second kick while one is on its
   * way (background.ts, `kickPending`).
   */
  schedule(send: () => void): void;
}

export function kickSpacing(opts: KickSpacingOptions): KickSpacing {
  const first = opts.firstAfterMs ?? KICK_AFTER_MS;
  const spacing = opts.spacingMs ?? PASS_SPACING_MS;
  /** When the last kick went out (undefined: none yet). */
  let lastSent: number | undefined;
  return {
    schedule(send) {
      const now = opts.now();
      const delay = lastSent === undefined ? first : Math.max(first, lastSent + spacing - now);
      opts.setTimer(() => {
        lastSent = opts.now();
        send();
      }, delay);
    },
  };
}
