import type { Db } from '../adapters/db/types';
import type { AppConfig } from '../config';
import type { Logger } from '../lib/logger';
import type { Mailer } from '../mail';
import { notificationHandlers } from '../notifications';
import type { SearchIndex } from '../search/port';
import { searchOutboxHandler } from '../search/sync';
import type { Services } from '../services';
import { SEARCH_TOPIC } from '../services/search-sync';
import type { OutboxHandler } from './outbox';

/**
 * The outbox topics and their handlers, in one place. Each feature adds its topic here:
 * `search.slot` (search index), `notify` (domain events to notifications), `mail` (one email).
 */
export interface OutboxHandlerDeps {
  db: Db;
  config: AppConfig;
  logger: Logger;
  services: Services;
  /** Sends the `mail` topic's emails (Resend, or the development mailer). */
  mailer: Mailer;
  /** The slot search index the `search.slot` topic keeps in step. */
  search: SearchIndex;
  now(): string;
}

export function createOutboxHandlers(deps: OutboxHandlerDeps): Record<string, OutboxHandler> {
  return {
    [SEARCH_TOPIC]: searchOutboxHandler(deps.db, deps.search),
    // notify, mail, followup (src/notifications)
    ...notificationHandlers(deps),
  };
}
