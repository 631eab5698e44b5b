import type { Db } from '../../adapters/db/types';
import type { SlotCatalog } from './catalog';
import type { MatchingQueries } from './queries';
import type { SlotSource } from './sources';

/** What each matching verb reads: the database, where slots come from, and today's local date. */
export interface MatchingContext {
  db: Db;
  /** The reads every request makes, prepared once (queries.ts). */
  queries: MatchingQueries;
  source: SlotSource;
  /**
   * The employer's name of a slot the source ranked, when the source keeps them (the resident
   * catalog); otherwise, or for a name it lacks, `queries` reads it.
   */
  knownName?: (organizationId: string) => string | undefined;
  /** The resident catalog `source` ranks from, when it is one (its position keys kept answers). */
  catalog?: SlotCatalog;
  today(): string;
}
