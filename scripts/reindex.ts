/**
 * `npm run reindex`: rebuilds the slot search index from the database, in whichever engine the
 * config selects (MEILISEARCH_URL set → Meilisearch, else the embedded FTS5 tables). Slots changed
 * while it runs are indexed again at the end. Meilisearch swaps a fresh index in (no gap); the
 * embedded index is emptied and refilled, which takes seconds at 100,000 slots.
 */
import { reindexAll } from '../src/search/sync';
import { fail, openForCli } from './cli';

const { config, database, app } = await openForCli();
try {
  const started = performance.now();
  const result = await reindexAll(database.db, app.search);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Reindexed ${result.indexed} slots into the ${app.search.engine} index in ${seconds} s` +
      (result.changedMeanwhile ? ` (${result.changedMeanwhile} changed meanwhile, indexed again)` : '') +
      ` — ${config.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}`,
  );
} catch (err) {
  fail(`Reindex failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  database.close();
}
