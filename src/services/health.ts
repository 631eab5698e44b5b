import { sql } from 'drizzle-orm';
import { OUTBOX_TOPICS } from '../../db/schema';
import type { ServiceContext } from './context';

/** What waits in one outbox topic. */
export interface TopicHealth {
  /** Effects whose time has come and that have not run yet (retries waiting out a backoff included). */
  due: number;
  /** How long the oldest of them has waited since it fell due, in seconds; null when none is due. */
  oldestDueAgeSeconds: number | null;
  /** Effects given up on; they wait for a person (`POST /v1/notifications/retry` for mail). */
  failed: number;
  /** The oldest due effect has waited longer than OUTBOX_MAX_DUE_AGE_SECONDS. */
  stalled: boolean;
}

/**
 * Liveness: whether the database answers, and whether the outbox keeps up, per topic. One query (a
 * D1 call), which reads only the rows still waiting or failed through a partial index, however many
 * have run. Its failing is what "database unreachable" means.
 */
export function healthService(ctx: ServiceContext) {
  const maxAge = ctx.config.OUTBOX_MAX_DUE_AGE_SECONDS;

  async function outboxByTopic(now: string) {
    // Named index: the planner would otherwise take (status, next_attempt_at) and read each row.
    const rows = await ctx.db.all<{ topic: string; due: number; oldest: string | null; failed: number }>(sql`
      SELECT topic,
        coalesce(sum(status = 'pending' AND due_at <= ${now}), 0) AS due,
        min(CASE WHEN status = 'pending' AND due_at <= ${now} THEN due_at END) AS oldest,
        coalesce(sum(status = 'failed'), 0) AS failed
      FROM outbox INDEXED BY outbox_waiting_topic_idx
      WHERE status IN ('pending', 'failed')
      GROUP BY topic`);
    const topics: Record<string, TopicHealth> = {};
    for (const topic of OUTBOX_TOPICS)
      topics[topic] = { due: 0, oldestDueAgeSeconds: null, failed: 0, stalled: false };
    for (const r of rows) {
      const age = r.oldest ? Math.max(0, Math.floor((Date.parse(now) - Date.parse(r.oldest)) / 1000)) : null;
      topics[r.topic] = {
        due: Number(r.due),
        oldestDueAgeSeconds: age,
        failed: Number(r.failed),
        stalled: age !== null && age > maxAge,
      };
    }
    return topics;
  }

  return {
    async check() {
      const time = ctx.now();
      const topics = await outboxByTopic(time).catch(() => null);
      const stalled = topics !== null && Object.values(topics).some((t) => t.stalled);
      return {
        status: topics === null || stalled ? ('degraded' as const) : ('ok' as const),
        database: topics === null ? ('unreachable' as const) : ('ok' as const),
        outbox: topics === null ? null : { maxDueAgeSeconds: maxAge, topics },
        time,
      };
    },
  };
}
