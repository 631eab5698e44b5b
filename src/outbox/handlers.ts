import type { Db } from '../adapters/db/types';
import type { AppConfig } from '../config';
import type { Logger } from '../lib/logger';
import type { Services } from '../services';
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
  now(): string;
}

export function createOutboxHandlers(_deps: OutboxHandlerDeps): Record<string, OutboxHandler> {
  return {};
}
