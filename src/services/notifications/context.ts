import type { Db } from '../../adapters/db/types';
import type { AppConfig } from '../../config';
import type { Logger } from '../../lib/logger';

/** What the notification handlers get: the database, the clock, the configuration and a logger. */
export interface NotifyContext {
  db: Db;
  config: AppConfig;
  logger: Logger;
  now(): string;
}
