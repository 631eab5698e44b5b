/**
 * A pass's hold on the rows it claimed. The claim sets `locked_until`; with a heartbeat the pass moves
 * it on every `heartbeatMs` while it runs, so the lease can be short: a process that dies stops
 * renewing, and its rows are claimable again once the last renewal runs out (Node: within ten
 * seconds), whichever process takes them. No owner registry is needed, and it holds with several
 * processes on one database file, or several isolates on D1.
 *
 * The value of `locked_until` doubles as the claim's token: a renewal applies only where it still
 * holds the value this pass wrote, so a row another worker claimed after this lease ran out (a stalled
 * process) is not taken back, and is reported as lost.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import type { Db } from '../adapters/db/types';

export interface LeaseOptions {
  /** What the claim wrote into `locked_until`. */
  lockedUntil: string;
  leaseMs: number;
  heartbeatMs?: number;
  clock: () => Date;
}

export function holdLease(db: Db, rows: readonly { id: string }[], o: LeaseOptions) {
  let until = o.lockedUntil;
  const held = new Set(rows.map((r) => r.id));
  const lost = new Set<string>();
  let renewing: Promise<void> | undefined;

  const renew = async () => {
    const next = new Date(o.clock().getTime() + o.leaseMs).toISOString();
    const kept = await db
      .update(outbox)
      .set({ lockedUntil: next })
      .where(and(inArray(outbox.id, [...held]), eq(outbox.lockedUntil, until)))
      .returning({ id: outbox.id });
    const still = new Set(kept.map((r) => r.id));
    for (const id of held)
      if (!still.has(id)) {
        held.delete(id);
        lost.add(id);
      }
    until = next;
  };

  const timer =
    o.heartbeatMs && o.heartbeatMs > 0
      ? setInterval(() => {
          if (renewing || held.size === 0) return;
          // A failed renewal is not fatal: the lease runs down, and `left` stops new rows in time.
          renewing = renew()
            .catch(() => {})
            .finally(() => {
              renewing = undefined;
            });
        }, o.heartbeatMs)
      : undefined;
  timer?.unref?.();

  return {
    /** Milliseconds before the lease is half gone: start no further row after that. */
    left: () => Date.parse(until) - o.leaseMs / 2 - o.clock().getTime(),
    /** Rows another worker holds now; their outcome is theirs to record. */
    lost: lost as ReadonlySet<string>,
    /** Stops renewing (the pass records its outcomes next, which clears the lease). */
    async release() {
      if (timer !== undefined) clearInterval(timer);
      await renewing;
    },
  };
}
