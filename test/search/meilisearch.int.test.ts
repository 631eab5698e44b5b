/**
 * The shared search behaviour suite against a real Meilisearch server, when MEILISEARCH_URL is set
 * (with MEILISEARCH_API_KEY if the server needs one). Each run uses an index of its own and deletes
 * it afterwards. No Meilisearch server can run on the project's machines, so CI skips this suite and
 * says so; the adapter's pure parts are unit-tested in meilisearch.test.ts.
 */
import { Meilisearch } from 'meilisearch';
import { afterAll, describe, it } from 'vitest';
import { searchBehaviourSuite } from './behaviour';

const url = process.env.MEILISEARCH_URL;

if (url) {
  const index = `slots_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const env: Record<string, string> = { MEILISEARCH_URL: url, MEILISEARCH_INDEX: index };
  if (process.env.MEILISEARCH_API_KEY) env.MEILISEARCH_API_KEY = process.env.MEILISEARCH_API_KEY;
  searchBehaviourSuite('meilisearch', env);
  afterAll(async () => {
    await new Meilisearch({ host: url, apiKey: process.env.MEILISEARCH_API_KEY }).deleteIndexIfExists(index);
  });
} else {
  console.warn(
    'Meilisearch behaviour suite SKIPPED: MEILISEARCH_URL is not set (no Meilisearch server here). ' +
      'Set MEILISEARCH_URL (and MEILISEARCH_API_KEY) to run it against a server.',
  );
  describe.skip('slot search behaviour (meilisearch): skipped, MEILISEARCH_URL is not set', () => {
    it('runs only against a Meilisearch server', () => {});
  });
}
