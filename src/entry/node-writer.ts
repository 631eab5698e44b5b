/**
 * The Node server's writer thread (src/adapters/threads/writer.ts): runs the request thread's writes
 * on its own connection to the database file, in the order they came, those that came together in
 * one transaction (drain, below). Reads the same
 * environment as the server; the request thread migrated the database before starting it. Only
 * wiring lives here.
 */
import { parentPort } from 'node:worker_threads';
import { openLibsql } from '../adapters/db/libsql';
import type { GroupOutcome } from '../adapters/db/libsql-local';
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
      let outcomes: GroupOutcome[];
      try {
        // Alone, a write runs as it would have on the request thread (no savepoint).
        outcomes =
          group.length === 1
            ? [await local.write(group[0]!.call)]
            : await local.writeGroup(group.map((w) => w.call));
      } catch (e) {
        // The group's BEGIN or COMMIT failed: none of its writes was committed.
        outcomes = group.map(() => ({ error: e }));
      }
      outcomes.forEach((o, i) => {
        const id = group[i]!.id;
        answer(
          'results' in o
            ? { kind: 'done', id, results: o.results.map(toWireResult) }
            : { kind: 'failed', id, error: toWireError(o.error) },
        );
      });
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
