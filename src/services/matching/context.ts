import type { Db } from '../../adapters/db/types';
import type { SlotSource } from './sources';

/** What each matching verb reads: the database, where slots come from, and today's local date. */
export interface MatchingContext {
  db: Db;
  source: SlotSource;
  today(): string;
}
