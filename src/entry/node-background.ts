/**
 * The Node server's background threads (src/adapters/threads/background.ts): each with its own
 * connection to the database file, one running the outbox loop, one the searches the request thread
 * hands over (its role, BackgroundRole). Reads the same
 * environment as the server; the request thread migrated the database before starting it. Only
 * wiring lives here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkpointOnTimer } from '../adapters/db/checkpoints';
import { isLocalFile, openLibsql } from '../adapters/db/libsql';
import type { BackgroundData, FromBackground, ToBackground } from '../adapters/threads/background';
import { lowerThreadPriority } from '../adapters/threads/priority';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../lib/logger';
import { startOutboxLoop } from '../outbox/loop';
import { createSearchIndex, type SlotSearchQuery } from '../search';
import { renderSearch } from '../search/port';
import { LOOP_TERMS_BATCH } from '../services/matching/terms-backfill';

const port = parentPort;
if (!port) throw new Error('node-background.ts runs as a worker thread of src/entry/node.ts');
const { kickPending, role } = workerData as BackgroundData;

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL);
// The outbox loop below the request thread: when the cores are full, requests come first
// (priority.ts). A search thread keeps the request thread's priority: a search is a request, and at
// 100,000 slots one that misses the kept answers is a statement of 50–200 ms.
try {
  if (role !== 'search') lowerThreadPriority(config.NODE_BACKGROUND_NICE);
} catch (err) {
  logger.warn('could not lower the background thread priority', { error: String(err) });
}
const database = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, {
  synchronous: config.DATABASE_SYNCHRONOUS,
});
// The outbox thread copies the WAL back into the file on a timer, not after its commits (checkpoints.ts).
const checkpoints =
  role === 'search'
    ? undefined
    : await checkpointOnTimer(database.client, {
        onError: (err) => logger.warn('checkpoint failed', { error: String(err) }),
      });
const search = createSearchIndex(config, database.db, isLocalFile(config.DATABASE_URL));
/** The outbox loop, unless this thread only searches. After each pass it fills in a batch of slots'
 * match terms written before the column (terms-backfill.ts). */
function startLoop() {
  // Matching is not asked here: the default (`queried`) keeps no slot index in this thread.
  const app = createApp({ config, db: database.db, logger, search });
  return startOutboxLoop(database.db, app.outboxHandlers, logger, {
    chore: () => app.backfillMatchTerms({ limit: LOOP_TERMS_BATCH }),
  });
}
const outboxLoop = role === 'search' ? undefined : startLoop();

/** A method's answer, and the buffers that move to the other thread with it instead of being copied. */
interface Answer {
  value: unknown;
  transfer?: ArrayBuffer[];
}

const methods: Record<string, (payload: unknown) => Promise<Answer>> = {
  // The query was built and checked by the request thread's search service.
  search: async (query) => ({ value: await search.search(query as SlotSearchQuery) }),
  searchRendered: async (query) => {
    const rendered = renderSearch(await search.search(query as SlotSearchQuery));
    // The text's own buffer (port.ts, RenderedSearchResult): moved, not cloned.
    return { value: rendered, transfer: [rendered.head.buffer] };
  },
};

const answer = (m: FromBackground, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', async (m: ToBackground) => {
  if (m.kind === 'kick') {
    // Taken: a write from now on sends another kick (background.ts, BackgroundData).
    Atomics.store(kickPending, 0, 0);
    outboxLoop?.kick();
  } else if (m.kind === 'stop') {
    await outboxLoop?.stop();
    checkpoints?.stop();
    await checkpoints?.settled();
    database.close();
    answer({ kind: 'stopped' });
  } else {
    const method = methods[m.method];
    try {
      if (!method) throw new Error(`no background method ${m.method}`);
      const { value, transfer } = await method(m.payload);
      answer({ kind: 'result', id: m.id, value }, transfer);
    } catch (err) {
      answer({ kind: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
    }
  }
});
answer({ kind: 'ready' });
