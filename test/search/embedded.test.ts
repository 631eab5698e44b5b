/** The shared search behaviour suite against the embedded FTS5 adapter (always runs). */
import { searchBehaviourSuite } from './behaviour';

searchBehaviourSuite('embedded');
