import type { OutboxHandler } from './outbox';

/**
 * The outbox topics and their handlers, in one place. Each feature adds its topic here:
 * `search.slot` (search index), `notify` (domain events to notifications), `mail` (one email).
 */
export interface OutboxHandlerDeps {}

export function createOutboxHandlers(_deps: OutboxHandlerDeps): Record<string, OutboxHandler> {
  return {};
}
