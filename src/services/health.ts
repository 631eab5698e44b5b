import { sql } from 'drizzle-orm';
import { OUTBOX_TOPICS } from '../../db/schema';
import type { ServiceContext } from './context';

/** Counts stop here ("at least this many"): enough to see a backlog, a bounded read however large. */
export const COUNT_CAP = 10_000;

/** What waits in one outbox topic. */
export interface TopicHealth {
  /**
   * Effects whose time has come and that have not run yet (retries waiting out a backoff included);
   * COUNT_CAP means at least that many.
   */
  due: number;
  /** How long the oldest of them has waited since it fell due, in seconds; null when none is due. */
  oldestDueAgeSeconds: number | null;
  /** Effects given up on; they wait for a person (`POST /v1/notifications/retry` for mail). Capped likewise. */
  failed: number;
  /** The oldest due effect has waited longer than OUTBOX_MAX_DUE_AGE_SECONDS. */
  stalled: boolean;
}

/**
 * Liveness: whether the database answers, and whether the outbox keeps up, per topic. One query (a
 * D1 call) that reads only rows still waiting or failed, through a partial index, at most COUNT_CAP
 * per count however many there are. Its failing is what "database unreachable" means.
 */
export function healthService(ctx: ServiceContext) {
  const maxAge = ctx.config.OUTBOX_MAX_DUE_AGE_SECONDS;

  async function outboxByTopic(now: string) {
    // Per topic, seeks in the partial index of waiting rows (named: the planner could otherwise take
    // another index and read each row); counts stop at COUNT_CAP, so a backlog of any size
    // costs a bounded number of rows read (D1 bills them) on every poll.
    const waiting = sql`status IN ('pending', 'failed')`;
    const topicList = sql.join(
      OUTBOX_TOPICS.map((t) => sql`(${t})`),
      sql`, `,
    );
    const rows = await ctx.db.all<{ topic: string; due: number; oldest: string | null; failed: number }>(sql`
      SELECT t.column1 AS topic,
        (SELECT count(*) FROM (SELECT 1 FROM outbox INDEXED BY outbox_waiting_topic_idx
          WHERE ${waiting} AND topic = t.column1 AND status = 'pending' AND due_at <= ${now} LIMIT ${COUNT_CAP})) AS due,
        (SELECT min(due_at) FROM outbox INDEXED BY outbox_waiting_topic_idx
          WHERE ${waiting} AND topic = t.column1 AND status = 'pending' AND due_at <= ${now}) AS oldest,
        (SELECT count(*) FROM (SELECT 1 FROM outbox INDEXED BY outbox_waiting_topic_idx
          WHERE ${waiting} AND topic = t.column1 AND status = 'failed' LIMIT ${COUNT_CAP})) AS failed
      FROM (VALUES ${topicList}) AS t`);
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
