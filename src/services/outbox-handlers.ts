import { MILESTONE_TOPIC, SEARCH_TOPIC } from '../../db/schema';
import type { OutboxHandler } from '../outbox/outbox';
import type { SearchIndex } from '../search/port';
import { milestoneHandler } from './follow-ups/reminder';
import { type NotificationDeps, notificationHandlers } from './notifications';
import { searchOutboxHandler } from './search/outbox-handler';

/**
 * The outbox topics (named in db/schema/outbox.ts) and their handlers, in one place; the app passes
 * them to the outbox drain. The outbox itself knows no use case: it runs whatever is registered here.
 * `search.slot` keeps the search index in step; `notify`, `mail` and `followup` are the notifications; `milestone` reminds of follow-ups after an exit or a hire.
 */
export interface OutboxHandlerDeps extends NotificationDeps {
  /** The slot search index the `search.slot` topic keeps in step. */
  search: SearchIndex;
}

export function createOutboxHandlers(deps: OutboxHandlerDeps): Record<string, OutboxHandler> {
  return {
    [SEARCH_TOPIC]: searchOutboxHandler(deps.db, deps.search),
    ...notificationHandlers(deps),
    [MILESTONE_TOPIC]: milestoneHandler(deps),
  };
}
