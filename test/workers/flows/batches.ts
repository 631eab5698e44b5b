/**
 * `db.batch()` on each driver, the one tool every cross-row invariant relies on: raw SQL with
 * parameters batches like query builders (the FTS5 search tables are written that way; drizzle's D1
 * driver needed a shim, src/adapters/db/d1.ts), and a failing statement undoes the whole batch.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema';
import { enqueueStatement } from '../../../src/outbox/outbox';
import { isUniqueViolation } from '../../../src/services/db-errors';
import type { Driver } from '../drivers';

const rawInsert = (db: Driver['db'], topic: string, key: string, now: string) =>
  db.run(sql`INSERT INTO outbox (id, topic, dedupe_key, payload, next_attempt_at, created_at)
             VALUES (${`obx_${crypto.randomUUID()}`}, ${topic}, ${key}, '{}', ${now}, ${now})`);

export function batchFlows({ name, db }: Driver) {
  describe(`atomic batches on ${name}`, () => {
    it('runs raw SQL with parameters and query builders in one batch', async () => {
      const topic = `test.raw.${crypto.randomUUID()}`;
      const now = new Date().toISOString();
      await db.batch([
        rawInsert(db, topic, `${topic}:a`, now),
        enqueueStatement(db, { topic, key: `${topic}:b`, payload: {}, now }),
        rawInsert(db, topic, `${topic}:c`, now),
      ]);
      const rows = await db.select().from(outbox).where(eq(outbox.topic, topic));
      expect(rows.map((r) => r.dedupeKey).sort()).toEqual([`${topic}:a`, `${topic}:b`, `${topic}:c`]);
    });

    it('a failing statement undoes every statement of its batch', async () => {
      const topic = `test.atomic.${crypto.randomUUID()}`;
      const now = new Date().toISOString();
      const error = await db
        .batch([
          enqueueStatement(db, { topic, key: `${topic}:first`, payload: {}, now }),
          rawInsert(db, topic, `${topic}:dup`, now),
          rawInsert(db, topic, `${topic}:dup`, now), // the unique dedupe key refuses this one
        ])
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isUniqueViolation(error, 'outbox.dedupe_key'), String(error)).toBe(true);
      expect(await db.select().from(outbox).where(eq(outbox.topic, topic))).toEqual([]);
    });
  });
}
