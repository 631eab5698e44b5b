/**
 * The Node server's writer thread (src/adapters/threads/writer.ts): runs the request thread's writes
 * on its own connection to the database file, one at a time, in the order they came. Reads the same
 * environment as the server; the request thread migrated the database before starting it. Only
 * wiring lives here.
 */
import { parentPort } from 'node:worker_threads';
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
const { client } = database;
// Checkpoints are the outbox thread's, on a timer (src/adapters/db/checkpoints.ts); this connection
// copies the WAL back only if it grows far past SQLite's default, as the request thread did.
await client.execute('PRAGMA wal_autocheckpoint = 10000');

const answer = (m: FromWriter) => port.postMessage(m);

function run(call: WriteCall) {
  if (call.kind === 'batch') return client.batch(call.stmts, call.mode);
  return client.execute(call.stmt).then((r) => [r]);
}

/** Writes one after another: a write waiting for the lock holds the ones behind it, as on one connection. */
let line: Promise<void> = Promise.resolve();

port.on('message', (m: ToWriter) => {
  if (m.kind === 'stop') {
    line = line.then(() => {
      database.close();
      answer({ kind: 'stopped' });
    });
    return;
  }
  line = line.then(async () => {
    try {
      answer({ kind: 'done', id: m.id, results: (await run(m.call)).map(toWireResult) });
    } catch (e) {
      answer({ kind: 'failed', id: m.id, error: toWireError(e) });
    }
  });
});
answer({ kind: 'ready' });
