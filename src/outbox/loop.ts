import type { Db } from '../adapters/db/types';
import type { Logger } from '../lib/logger';
import { type DrainOptions, drainOutbox, type OutboxHandler } from './outbox';

/**
 * The Node loop's lease: short, renewed while a pass runs, so rows a killed process held are taken
 * up again within this long of its death (by a restarted process, or another one on the same file).
 */
export const LOOP_LEASE_MS = 10_000;
export const LOOP_HEARTBEAT_MS = 3_000;

/**
 * The Node background worker: drains the outbox every `intervalMs`, and at once when kicked (after
 * a write). Runs one pass at a time. On Workers a Cron Trigger calls drainOutbox instead.
 * `chore`: bounded upkeep run after each pass once the outbox is idle (the slots' match terms
 * backfill), as the Workers cron runs it after its drain.
 */
export function startOutboxLoop(
  db: Db,
  handlers: Record<string, OutboxHandler>,
  logger: Logger,
  opts: DrainOptions & { intervalMs?: number; chore?: () => Promise<unknown> } = {},
) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async () => {
    do {
      again = false;
      try {
        const r = await drainOutbox(db, handlers, {
          leaseMs: LOOP_LEASE_MS,
          heartbeatMs: LOOP_HEARTBEAT_MS,
          logger,
          ...opts,
        });
        if (r.claimed) logger.info('outbox', { ...r });
        if (r.claimed === (opts.batchSize ?? 50)) again = true; // more may be due
      } catch (err) {
        logger.error('outbox pass failed', { error: err instanceof Error ? err.message : String(err) });
      }
    } while (again && !stopped);
    if (stopped || !opts.chore) return;
    try {
      await opts.chore();
    } catch (err) {
      logger.error('outbox loop chore failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(kick, opts.intervalMs ?? 2000);
  timer.unref?.();
  kick();

  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
