/**
 * A background thread beside a Node server process (node:worker_threads), for NODE_BACKGROUND=true.
 * The embedded libSQL driver runs each statement on the thread that calls it, to the end, so work that
 * is long in one go held the event loop and every request behind it: an outbox pass (search index
 * updates, notifications, mail) and, on a big registry, one search (hundreds of milliseconds at
 * 100,000 slots). The thread does that work on its own connection to the same file (WAL: readers
 * never wait; a write waits for the write lock, which the other side holds only for one batch), so
 * the process's event loop stays free for requests and a second core is used without a second
 * process's caches. The thread's code is src/entry/node-background.ts.
 *
 * The thread is restarted when it dies. Until it is ready (it loads the app: seconds) and while it is
 * restarted, calls fail at once with BackgroundUnavailable and the caller decides what to do (search
 * runs in the calling thread instead); kicks are dropped (the loop runs a pass when it starts).
 */
import { Worker } from 'node:worker_threads';

import type { Logger } from '../../lib/logger';
import { kickSpacing } from './kick-spacing';
import { workerSource } from './worker-source';

/**
 * What the thread gets as `workerData`. `kickPending` (one Int32, shared) is 1 while a kick is on its
 * way: further writes then send none, since the pass that kick starts (or queues) comes after them.
 * The thread sets it back to 0 as it takes the kick. One message per write cost the request thread
 * about 5 % of its time under the load mix (a CPU profile; postMessage is not cheap).
 */
export interface BackgroundData {
  kickPending: Int32Array;
  role: BackgroundRole;
}

/**
 * What a thread does: `outbox` runs the outbox loop, `search` answers searches, `all` both. A server
 * runs one of each, so that a search does not wait behind an outbox pass (a pass runs as one piece,
 * the driver being synchronous; under the load mix searches took twice as long as other routes).
 */
export type BackgroundRole = 'all' | 'outbox' | 'search';

/** What the thread is asked: the outbox loop's kick, a call with an answer, or to stop. */
export type ToBackground =
  | { kind: 'kick' }
  | { kind: 'call'; id: number; method: string; payload: unknown }
  | { kind: 'stop' };

/** What the thread answers. */
export type FromBackground =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'stopped' };

export interface BackgroundThread {
  /** Resolves once the first thread is ready, or has failed to start (then calls fail over). */
  started: Promise<void>;
  /** Runs an outbox pass soon (after a write): KICK_AFTER_MS, or up to PASS_SPACING_MS under sustained writes. */
  kick(): void;
  /**
   * Runs `method` in the thread; rejects with its error's message when it fails there, and with
   * BackgroundUnavailable when the thread is not running or dies meanwhile.
   */
  call(method: string, payload: unknown): Promise<unknown>;
  /** Calls sent and not yet answered (to give the next one to the least busy of several threads). */
  inFlight(): number;
  /** Stops the outbox loop (a pass in progress finishes) and ends the thread. */
  stop(): Promise<void>;
}

const RESTART_AFTER_MS = 1000;

/** The thread was not there to answer (it died, and another is being started). */
export class BackgroundUnavailable extends Error {
  override name = 'BackgroundUnavailable';
}

/**
 * Starts `entry` as the background thread, with `env` as its environment (its settings). A TypeScript
 * entry (the source run through tsx) gets tsx registered in the thread first: a worker does not
 * inherit the loader the process was started with.
 */
export function startBackgroundThread(
  entry: URL,
  logger: Logger,
  env: Record<string, string | undefined> = process.env,
  role: BackgroundRole = 'all',
): BackgroundThread {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let stopping = false;
  /** Started and listening (its database open, its outbox loop running). */
  let alive = false;
  let stopped: (() => void) | undefined;
  let onStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    onStarted = resolve;
  });
  const kickPending = new Int32Array(new SharedArrayBuffer(4));
  // The writes of the next moments ride on one kick: one outbox pass, a few larger transactions,
  // instead of a pass per write. Under sustained writes the kicks are spaced further apart, since
  // each pass's commits empty the request thread's page cache (kick-spacing.ts).
  const spacing = kickSpacing({
    now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
  });
  let worker = spawn();

  function spawn(): Worker {
    // A new thread runs a pass as it starts, so no kick is owed to it.
    Atomics.store(kickPending, 0, 0);
    const workerData: BackgroundData = { kickPending, role };
    const w = new Worker(workerSource(entry), { eval: true, env, workerData });
    w.on('message', (m: FromBackground) => {
      if (m.kind === 'ready') {
        alive = !stopping;
        onStarted();
        return;
      }
      if (m.kind === 'stopped') {
        void w.terminate();
        return;
      }
      const call = pending.get(m.id);
      pending.delete(m.id);
      if (m.kind === 'result') call?.resolve(m.value);
      else call?.reject(new Error(m.message));
    });
    w.on('error', (err) => logger.error('background thread failed', { error: String(err) }));
    w.on('exit', (code) => {
      alive = false;
      onStarted();
      for (const call of pending.values())
        call.reject(new BackgroundUnavailable(`the background thread exited (${code})`));
      pending.clear();
      if (stopping) return stopped?.();
      logger.error('background thread exited; starting another', { code });
      setTimeout(() => {
        if (!stopping) worker = spawn();
      }, RESTART_AFTER_MS).unref();
    });
    return w;
  }

  const post = (m: ToBackground) => {
    if (alive) worker.postMessage(m);
  };

  return {
    started,
    kick() {
      if (!alive || Atomics.exchange(kickPending, 0, 1) !== 0) return;
      spacing.schedule(() => post({ kind: 'kick' }));
    },
    call(method, payload) {
      const id = nextId++;
      if (!alive) return Promise.reject(new BackgroundUnavailable('the background thread is not running'));
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ kind: 'call', id, method, payload });
      });
    },
    inFlight: () => pending.size,
    async stop() {
      stopping = true;
      if (!alive) {
        await worker.terminate();
        return;
      }
      const exited = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      post({ kind: 'stop' });
      await exited;
    },
  };
}
