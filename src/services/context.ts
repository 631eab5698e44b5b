import type { Db } from '../adapters/db/types';
import type { AppConfig } from '../config';

/** What every service gets: the database, the clock and the configuration. */
export interface ServiceContext {
  db: Db;
  config: AppConfig;
  /** The current instant as an ISO string; tests pass a fixed clock. */
  now(): string;
}
