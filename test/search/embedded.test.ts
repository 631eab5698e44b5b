/** The shared search behaviour suite against the embedded FTS5 adapter (always runs). */
import { createSearchIndex } from '../../src/search';
import { withAnswerCache } from '../../src/search/answer-cache';
import { searchRevisionReader } from '../../src/search/embedded/revision';
import { searchBehaviourSuite } from './behaviour';

// Fewest rows read: D1 and Turso.
searchBehaviourSuite('embedded');
// Least CPU: what the Node server uses over a local file (src/search/embedded/statement.ts).
searchBehaviourSuite('embedded', { SEARCH_PLAN: 'cpu' });
// As the Node server runs it: least CPU, its answers kept while the search revision stands
// (src/search/answer-cache.ts), so every search of the suite after a write checks they are not stale.
searchBehaviourSuite('embedded', { SEARCH_PLAN: 'cpu' }, (db, config) => {
  const revision = searchRevisionReader(db);
  if (!revision) throw new Error('the test database is not a local file');
  return withAnswerCache(createSearchIndex(config, db, true), revision);
});
