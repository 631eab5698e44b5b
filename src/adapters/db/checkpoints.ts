/**
 * WAL checkpoints on a timer, for the Node server's outbox thread (src/entry/node-background.ts),
 * instead of SQLite's automatic ones after a commit that leaves 1,000 pages or more in the WAL.
 *
 * Why: a checkpoint copies only the frames that no reader still needs, and the log starts again from
 * its beginning only after one copied everything. Under load some reader nearly always needs a
 * frame, so the WAL stayed over 1,000 pages (it grew to about 12,000 under the load mix) and EVERY
 * commit of the outbox thread checkpointed: a few frames copied each time, each with two fsyncs
 * (about 240 fsyncs a second, half a million reads and writes of pages in 5 s of proposals and
 * their answers, measured with `perf stat`). A passive checkpoint every quarter second copies each
 * page once for all the commits of that time, with two fsyncs, and never waits for or blocks the
 * other connections (passive: readers and writers go on). Durability is unchanged: what a commit
 * wrote is in the WAL (synchronous NORMAL), the checkpoint only moves it into the file.
 *
 * A passive checkpoint that copies everything lets the next write start the log again from its
 * beginning, but only if no commit came in while it copied; under load the WAL can still grow past
 * the request thread's threshold. So once it holds RESTART_PAST_FRAMES frames, the next tick
 * checkpoints with RESTART: it holds the write lock while it copies and syncs (writes wait, between
 * turns of the event loop: libsql-local's `patiently`) and, with the busy timeout at 0, waits for no
 * reader (a reader in the way: passive for this time, RESTART again next).
 *
 * The request thread keeps its own threshold (src/entry/node.ts) as a backstop for when this thread
 * is down.
 */
import type { Client } from '@libsql/client';

/** How often the WAL is copied back: a quarter of a second of writes, a few thousand pages at most. */
export const CHECKPOINT_EVERY_MS = 250;
/**
 * WAL frames (pages) past which the next checkpoint is a RESTART: a last resort before the request
 * thread's 10,000, since a RESTART holds the write lock 7–32 ms while it copies and syncs (measured
 * under the pairs load, loaded machine); below it the passive ones mostly let the log start again.
 */
export const RESTART_PAST_FRAMES = 8000;

export type CheckpointMode = 'PASSIVE' | 'RESTART';

export interface CheckpointTimer {
  /** The checkpoint under way, if any (tests wait for it). */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * Turns off the automatic checkpoints of `client`'s connection and checkpoints it every `everyMs`
 * (passive), one at a time. `onError` hears a checkpoint that failed (the next one tries again).
 */
export async function checkpointOnTimer(
  client: Pick<Client, 'execute'>,
  opts: {
    everyMs?: number;
    restartPastFrames?: number;
    onError?: (err: unknown) => void;
    /** Hears each checkpoint: its mode and the WAL's frames as it found them (tests). */
    onCheckpoint?: (mode: CheckpointMode, frames: number) => void;
  } = {},
): Promise<CheckpointTimer> {
  await client.execute('PRAGMA wal_autocheckpoint = 0');
  const restartPast = opts.restartPastFrames ?? RESTART_PAST_FRAMES;
  let running: Promise<void> | undefined;
  /** The WAL's frames at the last checkpoint (-1: it could not run, another checkpoint had the lock). */
  let frames = 0;
  const timer = setInterval(() => {
    if (running) return;
    const mode: CheckpointMode = frames >= restartPast ? 'RESTART' : 'PASSIVE';
    running = client
      .execute(`PRAGMA wal_checkpoint(${mode})`)
      .then(
        (r) => {
          const found = Number(r.rows[0]?.[1] ?? 0);
          opts.onCheckpoint?.(mode, found);
          // A RESTART that was not kept waiting: the next write starts the log again.
          frames = mode === 'RESTART' && Number(r.rows[0]?.[0]) === 0 ? 0 : found;
        },
        (err: unknown) => opts.onError?.(err),
      )
      .finally(() => {
        running = undefined;
      });
  }, opts.everyMs ?? CHECKPOINT_EVERY_MS);
  timer.unref?.();
  return {
    settled: async () => {
      await running;
    },
    stop: () => clearInterval(timer),
  };
}
