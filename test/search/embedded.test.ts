/** The shared search behaviour suite against the embedded FTS5 adapter (always runs). */
import { searchBehaviourSuite } from './behaviour';

// Fewest rows read: D1 and Turso.
searchBehaviourSuite('embedded');
// Least CPU: what the Node server uses over a local file (src/search/embedded/statement.ts).
searchBehaviourSuite('embedded', { SEARCH_PLAN: 'cpu' });
