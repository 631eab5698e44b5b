/**
 * The Node server's writer thread (src/adapters/threads/writer.ts): runs the request thread's writes
 * on its own connection to the database file, in the order they came, those that came together in
 * one transaction (drain, below). Reads the same
 * environment as the server; the request thread migrated the database before starting it. Only
 * wiring lives here.
 */
import { parentPort } from 'node:worker_threads';
import type { ResultSet } from '@libsql/client';
import { openLibsql } from '../adapters/db/libsql';
import { toWireError, toWireResult, type WriteCall } from '../adapters/db/write-wire';
import type { FromWriter, ToWriter } from '../adapters/threads/writer';
import { loadConfig } from '../config';

const port = parentPort;
if (!port) throw new Error('node-writer.ts runs as a worker thread of src/entry/node.ts');

const config = loadConfig(process.env);
const database = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, {
  synchronous: config.DATABASE_SYNCHRONOUS,
});
const { client, writes } = database;
if (!writes) throw new Error('the writer thread needs a local database file');
const local = writes;
// Checkpoints are the outbox thread's, on a timer (src/adapters/db/checkpoints.ts); this connection
// copies the WAL back only if it grows far past SQLite's default, as the request thread did.
await client.execute('PRAGMA wal_autocheckpoint = 10000');

const answer = (m: FromWriter) => port.postMessage(m);

function run(call: WriteCall): Promise<ResultSet[]> {
  if (call.kind === 'batch') return client.batch(call.stmts, call.mode);
  return client.execute(call.stmt).then((r) => [r]);
}

/** Writes a group commits together at most (each still answered on its own). */
const MAX_GROUP = 32;

/** Writes received and not yet run, in the order they came. */
const queue: { id: number; call: WriteCall }[] = [];
let running = false;
let stopAfter = false;

/**
 * Runs what is queued, one group at a time: the writes that came while the last group ran commit
 * together (group commit). Under load several arrive while one runs, and one COMMIT (its WAL pages,
 * and every other connection's page cache dropped once) serves them all; alone, a write runs as it
 * would have on the request thread.
 */
async function drain() {
  if (running) return;
  running = true;
  try {
    while (queue.length) {
      const group = queue.splice(0, MAX_GROUP);
      if (group.length === 1) {
        const { id, call } = group[0]!;
        try {
          answer({ kind: 'done', id, results: (await run(call)).map(toWireResult) });
        } catch (e) {
          answer({ kind: 'failed', id, error: toWireError(e) });
        }
        continue;
      }
      try {
        const outcomes = await local.writeGroup(group.map((w) => w.call));
        outcomes.forEach((o, i) => {
          const id = group[i]!.id;
          answer(
            'results' in o
              ? { kind: 'done', id, results: o.results.map(toWireResult) }
              : { kind: 'failed', id, error: toWireError(o.error) },
          );
        });
      } catch (e) {
        // The group's BEGIN or COMMIT failed: none of its writes was committed.
        for (const { id } of group) answer({ kind: 'failed', id, error: toWireError(e) });
      }
    }
  } finally {
    running = false;
  }
  if (stopAfter) {
    stopAfter = false;
    database.close();
    answer({ kind: 'stopped' });
  }
}

port.on('message', (m: ToWriter) => {
  if (m.kind === 'stop') stopAfter = true;
  else queue.push({ id: m.id, call: m.call });
  // Messages that arrived together are all queued before the drain starts.
  setImmediate(drain);
});
answer({ kind: 'ready' });
