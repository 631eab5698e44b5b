/**
 * The `notify` outbox topic: turns a domain event (src/outbox/notify.ts) into mails. Every branch is
 * idempotent (mail keys derive from the event row's key and the recipient), so a re-run after a
 * crash queues nothing twice. Events that concern no one are done without a mail.
 */
import { runBatch } from '../../adapters/db/batch';
import type { BatchItem } from '../../adapters/db/types';
import { DomainEvent } from '../../outbox/notify';
import type { ManyControl, ManyOutcomes, OutboxHandler, OutboxRow } from '../../outbox/outbox';
import type { NotifyContext } from './context';
import { agreementMails } from './events/agreement';
import { apiKeyIssuedMails } from './events/api-key';
import { loadPlacements, placementMails } from './events/placements';
import { slotOpenedDigest } from './events/slot-digest';

/** Placement events whose mails a pass may queue together (their reads do not see those writes). */
const QUEUED_TOGETHER = new Set(['placement.proposed', 'placement.accepted', 'placement.declined']);

export function notifyHandler(ctx: NotifyContext): OutboxHandler {
  const parse = (row: OutboxRow) => {
    const parsed = DomainEvent.safeParse(row.payload);
    if (!parsed.success) ctx.logger.warn('notify: unknown event', { event: row.payload.event });
    return parsed.success ? parsed.data : undefined;
  };

  const one = async (
    row: OutboxRow,
    into?: BatchItem[],
    placements?: Awaited<ReturnType<typeof loadPlacements>>,
  ) => {
    const e = parse(row);
    if (!e) return;
    switch (e.event) {
      case 'api_key.issued':
        return apiKeyIssuedMails(ctx, row.dedupeKey, e.keyId);
      case 'slot.opened':
        return slotOpenedDigest(ctx, row.dedupeKey, e.slotId);
      case 'agreement.approval_wanted':
        return agreementMails(ctx, row.dedupeKey, e);
      default:
        return placementMails(ctx, row.dedupeKey, e, into, placements);
    }
  };

  /**
   * A pass's events in order, each as `one` would run it, with the mails of placement proposals,
   * acceptances, declines and withdrawals queued in one batch instead of a transaction each (under
   * the load mix, most of the outbox thread's commits). The batch is written before any other event
   * runs (a digest reads its own rows) and before a withdrawal whose proposal's mails it holds (the
   * withdrawal reads whom they reached); if it fails, each event's
   * mails are tried in a batch of their own, so one bad event fails alone, as one at a time.
   */
  async function many(rows: OutboxRow[], control: ManyControl): Promise<ManyOutcomes> {
    const failures = new Map<string, unknown>();
    // The placements of the pass's placement events in one read, not one per event (what the
    // events write, notifications and mails, changes none of them).
    const placements = await loadPlacements(
      ctx,
      rows.flatMap((r) =>
        typeof r.payload.event === 'string' &&
        r.payload.event.startsWith('placement.') &&
        typeof r.payload.placementId === 'string'
          ? [r.payload.placementId]
          : [],
      ),
    );
    let queued: { id: string; statements: BatchItem[] }[] = [];
    /** The placements whose proposal mails are queued and not yet written. */
    let proposalsQueued = new Set<string>();
    const flush = async () => {
      const batch = queued;
      queued = [];
      proposalsQueued = new Set();
      if (batch.length === 0) return;
      try {
        await runBatch(
          ctx.db,
          batch.flatMap((q) => q.statements),
        );
      } catch {
        for (const q of batch)
          try {
            await runBatch(ctx.db, q.statements);
          } catch (err) {
            failures.set(q.id, err);
          }
      }
    };
    let ran = 0;
    for (const row of rows) {
      if (!control.leaseHolds()) break;
      ran++;
      const event = typeof row.payload.event === 'string' ? row.payload.event : '';
      const placementId = typeof row.payload.placementId === 'string' ? row.payload.placementId : '';
      const withdrawal = event === 'placement.withdrawn';
      const together = QUEUED_TOGETHER.has(event) || withdrawal;
      // A withdrawal reads whom its proposal's mail reached: if that mail is queued, it goes in
      // first. Other queued mails (declines, acceptances, other placements' proposals) it does not
      // read, so they stay queued: a flush before every withdrawal was a transaction of its own
      // (under the load mix, most of the notify pass's commits). Other events run alone, after it.
      if (withdrawal ? proposalsQueued.has(placementId) : !QUEUED_TOGETHER.has(event)) await flush();
      try {
        const statements: BatchItem[] = [];
        await one(row, together ? statements : undefined, placements);
        if (statements.length > 0) {
          queued.push({ id: row.id, statements });
          if (event === 'placement.proposed') proposalsQueued.add(placementId);
        }
      } catch (err) {
        failures.set(row.id, err);
      }
    }
    await flush();
    return { failures, ran };
  }

  return Object.assign((row: OutboxRow) => one(row), { many });
}
