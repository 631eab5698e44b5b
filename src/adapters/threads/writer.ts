/**
 * The writer thread of a Node server process (issue #17): the request thread's writes (a batch from
 * its BEGIN to its COMMIT, or one statement that changes rows) run there, on a connection of its own
 * to the same file, while the request thread serves other requests. Under the load mix writes were
 * half of the request thread's time (SQLite's statements, the COMMIT's WAL pages) on a machine whose
 * second core had room; the request thread now spends a message each way instead.
 *
 * Nothing changes for the caller: the local client (libsql-local.ts) sends the statements and turns
 * the answer back into what it would have answered (rows, errors and their SQLite codes). A write is
 * answered once committed, so the request thread's next read sees it. Writes run in the order they
 * came, waiting for the write lock as they would have (the outbox thread writes too); the writes
 * that came while one ran commit together, each in a savepoint of its own (group commit,
 * src/entry/node-writer.ts). Interactive transactions and migrations stay on the request thread.
 *
 * When the thread is not running (starting, or restarted after it died) the client runs writes
 * itself. A write in flight when the thread dies fails (it may or may not have committed, as when a
 * process dies); the thread is started again a second later. Its code: src/entry/node-writer.ts.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../lib/logger';
import {
  fromWireError,
  type WireError,
  type WireResult,
  type WriteCall,
  type WriteChannel,
  WriterUnavailable,
} from '../db/write-wire';
import { workerSource } from './worker-source';

export type ToWriter = { kind: 'write'; id: number; call: WriteCall } | { kind: 'stop' };

export type FromWriter =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; results: WireResult[] }
  | { kind: 'failed'; id: number; error: WireError }
  | { kind: 'stopped' };

export interface WriterThread extends WriteChannel {
  /** Resolves once the thread is ready (or failed to start: writes then run on the caller's thread). */
  started: Promise<void>;
  /** Ends the thread once the writes sent have been answered. */
  stop(): Promise<void>;
}

const RESTART_AFTER_MS = 1000;

export function startWriterThread(
  entry: URL,
  logger: Logger,
  env: Record<string, string | undefined> = process.env,
): WriterThread {
  const pending = new Map<number, { resolve: (r: WireResult[]) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let alive = false;
  let stopping = false;
  let stopped: (() => void) | undefined;
  let onStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    onStarted = resolve;
  });
  let worker = spawn();

  function spawn(): Worker {
    const w = new Worker(workerSource(entry), { eval: true, env });
    w.on('message', (m: FromWriter) => {
      if (m.kind === 'ready') {
        alive = !stopping;
        onStarted();
      } else if (m.kind === 'stopped') {
        void w.terminate();
      } else {
        const call = pending.get(m.id);
        pending.delete(m.id);
        if (m.kind === 'done') call?.resolve(m.results);
        else call?.reject(fromWireError(m.error));
      }
    });
    w.on('error', (err) => logger.error('writer thread failed', { error: String(err) }));
    w.on('exit', (code) => {
      alive = false;
      onStarted();
      for (const call of pending.values())
        call.reject(new Error(`the writer thread exited (${code}) before answering a write`));
      pending.clear();
      if (stopping) return stopped?.();
      logger.error('writer thread exited; starting another', { code });
      setTimeout(() => {
        if (!stopping) worker = spawn();
      }, RESTART_AFTER_MS).unref();
    });
    return w;
  }

  return {
    started,
    run(call) {
      if (!alive) return Promise.reject(new WriterUnavailable('the writer thread is not running'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'write', id, call } satisfies ToWriter);
      });
    },
    async stop() {
      stopping = true;
      if (!alive) {
        await worker.terminate();
        return;
      }
      alive = false;
      const exited = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      // Messages are taken in order: the writes sent before this are answered first.
      worker.postMessage({ kind: 'stop' } satisfies ToWriter);
      await exited;
    },
  };
}
