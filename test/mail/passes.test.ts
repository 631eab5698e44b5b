/**
 * How the notify and mail topics write a pass's work: the mails of a pass's placement events in one
 * batch (a withdrawal flushes only when its own proposal's mails are queued, which it reads), and
 * the mails' `sent` marks in the drain's record batch. Same mails, same guarantees, fewer commits.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { notifications, outbox } from '../../db/schema';
import type { TestApp } from '../helpers/app';
import { type FakeResend, startFakeResend } from '../helpers/fake-resend';
import { moved, placementWorld, proposed } from '../placements/helpers';
import { drainAll, fakeClock, mailApp } from './support';

let t: TestApp;
let fake: FakeResend;
const clock = fakeClock('2027-03-01T09:00:00.000Z');

beforeAll(async () => {
  fake = await startFakeResend();
  t = await mailApp(fake, clock);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the database's batches (each one transaction) while `work` runs. */
async function batchesDuring(work: () => Promise<unknown>) {
  const spy = vi.spyOn(t.db, 'batch');
  await work();
  const n = spy.mock.calls.length;
  spy.mockRestore();
  return n;
}

async function mailsOf(
  template: 'placement_proposed' | 'placement_declined' | 'placement_withdrawn',
  id: string,
) {
  const rows = await t.db.select().from(notifications).where(eq(notifications.template, template));
  return rows.filter((n) => 'placementId' in n.data && n.data.placementId === id);
}

describe('a notify pass', () => {
  it('writes the mails of declines and withdrawals of other placements in one batch', async () => {
    const w = await placementWorld(t);
    await drainAll(t);
    // Declines and withdrawals alternating (the clock moves, so the pass runs them in this order).
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const p = await proposed(t, w);
      clock.advance(1000);
      if (i % 2) await moved(t, w.provider.key, p.id, 'withdraw', {});
      else await moved(t, w.employer.key, p.id, 'decline', { reason: 'no_capacity' });
      clock.advance(1000);
      ids.push(p.id);
    }
    // One batch for every mail of the pass, one for the pass's record: a flush before each
    // withdrawal made one more per withdrawal.
    expect(await batchesDuring(() => t.app.drainOutbox({ topics: ['notify'] }))).toBe(2);
    await drainAll(t);
    for (const [i, id] of ids.entries()) {
      if (i % 2) expect(await mailsOf('placement_withdrawn', id)).toEqual([]);
      else {
        const declined = await mailsOf('placement_declined', id);
        expect(declined).toHaveLength(1);
        expect(declined[0]!.sentAt).not.toBeNull();
      }
      // Answered before the pass: no one was asked.
      expect(await mailsOf('placement_proposed', id)).toEqual([]);
    }
  });

  it('writes a proposal’s queued mails before its withdrawal reads whom they reached', async () => {
    const w = await placementWorld(t, { supervisors: 2 });
    const p = await proposed(t, w);
    const [proposal] = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, 'notify'), like(outbox.dedupeKey, `notify:placement.proposed:${p.id}:%`)));
    // The withdrawal's event in the same pass as the proposal's, while the placement is still
    // proposed (so the proposal's mails are queued in the pass): it must reach the same people.
    const withdrawal = {
      ...proposal!,
      id: `${proposal!.id}-w`,
      dedupeKey: `notify:placement.withdrawn:${p.id}:test`,
      payload: { event: 'placement.withdrawn', placementId: p.id },
    };
    const notify = t.app.outboxHandlers.notify!;
    const outcome = await notify.many!([proposal!, withdrawal], { leaseHolds: () => true });
    expect(outcome?.failures.size).toBe(0);
    const told = (await mailsOf('placement_proposed', p.id)).map((n) => n.recipientEmail).sort();
    expect(told).toHaveLength(3);
    const withdrawn = (await mailsOf('placement_withdrawn', p.id)).map((n) => n.recipientEmail).sort();
    expect(withdrawn).toEqual(told);
  });
});

describe('a mail pass', () => {
  it('records its sent marks in the batch that records the pass', async () => {
    const w = await placementWorld(t, { supervisors: 2 });
    await drainAll(t); // the keys' mails
    const p = await proposed(t, w);
    await t.app.drainOutbox({ topics: ['notify'] });
    // The freezes, and the record with the sent marks: no batch of its own for them.
    expect(await batchesDuring(() => t.app.drainOutbox({ topics: ['mail'] }))).toBe(2);
    const sent = await mailsOf('placement_proposed', p.id);
    expect(sent).toHaveLength(3);
    for (const n of sent) {
      expect(n.sentAt).not.toBeNull();
      expect(n.providerId).toBe(fake.deliveries.find((d) => d.idempotencyKey === n.id)!.id);
    }
    const rows = await t.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `mail:notify:placement.proposed:${p.id}:%`));
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'done']);
  });

  it('a record lost after the sends: the rows run again, same keys, each mail delivered once', async () => {
    const w = await placementWorld(t, { supervisors: 2 });
    await drainAll(t); // the keys' mails
    const p = await proposed(t, w);
    await t.app.drainOutbox({ topics: ['notify'] });
    const before = fake.requests.length;
    // The pass's last batch (its record) fails, as if the process died before it.
    const real = t.db.batch.bind(t.db);
    vi.spyOn(t.db, 'batch')
      .mockImplementationOnce(real) // the freezes
      .mockRejectedValueOnce(new Error('the process died'));
    await expect(t.app.drainOutbox({ topics: ['mail'] })).rejects.toThrow('the process died');
    vi.restoreAllMocks();
    const first = fake.requests.slice(before);
    expect(first).toHaveLength(3);
    expect((await mailsOf('placement_proposed', p.id)).every((n) => n.sentAt === null)).toBe(true);

    clock.advance(61_000); // the lease runs out
    await drainAll(t);
    const again = fake.requests.slice(before + 3);
    expect(again.map((r) => r.idempotencyKey).sort()).toEqual(first.map((r) => r.idempotencyKey).sort());
    const sent = await mailsOf('placement_proposed', p.id);
    for (const n of sent) {
      expect(n.sentAt).not.toBeNull();
      expect(fake.deliveries.filter((d) => d.idempotencyKey === n.id)).toHaveLength(1);
    }
  });
});
