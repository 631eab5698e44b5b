/**
 * After the programme: an exit schedules follow-ups at 3, 6 and 12 months, a hire does too, the
 * handler is reminded when one falls due (through the outbox, once) unless it is answered.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, participants } from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, issueKey } from '../helpers/factories';
import { drainAll, fakeClock } from '../mail/support';
import { agreed, moved, placementWorld, proposed, type World } from '../placements/helpers';

const clock = fakeClock('2026-03-02T09:00:00Z');
let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp({ clock: clock.now });
  w = await placementWorld(t, { capacity: 3, maxParticipants: 3 });
});
afterAll(() => t.close());

const milestoneMails = (followUpId: string) =>
  t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.template, 'milestone_due')))
    .then((rows) => rows.filter((n) => JSON.stringify(n.data).includes(followUpId)));

describe('an exit', () => {
  it('ends the participant and schedules follow-ups 3, 6 and 12 months on', async () => {
    const p = await createParticipant(t, w.provider.key);
    const res = await t.call('POST', `/v1/participants/${p.id}/exit`, {
      key: w.provider.key,
      body: { outcome: 'subsidized_work' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ participantId: p.id, date: '2026-03-02', outcome: 'subsidized_work' });
    const [row] = await t.db.select().from(participants).where(eq(participants.id, p.id));
    expect(row?.status).toBe('ended');
    const list = await t.call('GET', `/v1/follow-ups?participantId=${p.id}`, { key: w.provider.key });
    expect(list.body.data.map((f) => [f.cause, f.months, f.dueDate, f.status])).toEqual([
      ['exit', 3, '2026-06-02', 'upcoming'],
      ['exit', 6, '2026-09-02', 'upcoming'],
      ['exit', 12, '2027-03-02', 'upcoming'],
    ]);
    expect(list.body.data[0]!.reference).toBe(p.reference);
  });

  it('is recorded once (409), never in the future or before registration (422), never with a live placement (409)', async () => {
    const p = await createParticipant(t, w.provider.key);
    const exit = (body: object) =>
      t.call('POST', `/v1/participants/${p.id}/exit`, { key: w.provider.key, body });
    expect((await exit({ date: '2026-03-03', outcome: 'studies' })).status).toBe(422);
    expect((await exit({ date: '2026-03-01', outcome: 'studies' })).status).toBe(422);
    expect((await exit({ outcome: 'nowhere' })).status).toBe(400);
    const placement = await proposed(t, w, { participantId: p.id });
    const live = await exit({ outcome: 'studies' });
    expect(live.status).toBe(409);
    expect(live.problem.type).toBe('/problems/live-placements');
    await moved(t, w.provider.key, placement.id, 'withdraw', {});
    expect((await exit({ outcome: 'studies' })).status).toBe(201);
    const again = await exit({ outcome: 'other' });
    expect(again.status).toBe(409);
    expect(again.problem.type).toBe('/problems/already-exited');
  });
});

describe('a follow-up', () => {
  it('reminds the handler once when due, and not when it was answered', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const [a, b] = [await createParticipant(t, w.provider.key), await createParticipant(t, w.provider.key)];
    for (const p of [a, b])
      await t.call('POST', `/v1/participants/${p.id}/exit`, {
        key: w.provider.key,
        body: { outcome: 'studies' },
      });
    const due = async (id: string) =>
      (await t.call('GET', `/v1/follow-ups?participantId=${id}&months=3`, { key: w.provider.key })).body
        .data[0];
    const [fa, fb] = [await due(a.id), await due(b.id)];
    expect(fa!.dueDate).toBe('2026-06-02');
    // B's is answered early; the record can be corrected.
    clock.set('2026-05-20T09:00:00Z');
    const answer = await t.call('POST', `/v1/follow-ups/${fb!.id}`, {
      key: w.provider.key,
      body: { situation: 'not_reached' },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'recorded',
      situation: 'not_reached',
      situationDate: '2026-05-20',
    });
    const corrected = await t.call('POST', `/v1/follow-ups/${fb!.id}`, {
      key: w.provider.key,
      body: { situation: 'studies', date: '2026-05-19' },
    });
    expect(corrected.body).toMatchObject({ situation: 'studies', situationDate: '2026-05-19' });

    await drainAll(t);
    expect(await milestoneMails(fa!.id)).toHaveLength(0); // not due yet
    clock.set('2026-06-02T06:30:00Z'); // 08:30 in Stockholm
    await drainAll(t);
    await drainAll(t);
    const mails = await milestoneMails(fa!.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipientEmail).toMatch(/@example\.se$/);
    expect(JSON.stringify(mails[0]!.data)).not.toContain(a.reference);
    expect(await milestoneMails(fb!.id)).toHaveLength(0);
    const dueNow = await t.call('GET', '/v1/follow-ups?status=due', { key: w.provider.key });
    expect(dueNow.body.data.map((f) => f.id)).toContain(fa!.id);
    expect(dueNow.body.data.map((f) => f.id)).not.toContain(fb!.id);
  });

  it('follows a hire too; a coordinator reads but does not answer', async () => {
    clock.set('2026-06-10T09:00:00Z');
    const p = await proposed(t, w);
    await moved(t, w.employer.key, p.id, 'accept', {});
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
    await moved(t, w.provider.key, p.id, 'start', { date: '2026-04-01' });
    await moved(t, w.provider.key, p.id, 'end', {
      date: '2026-06-01',
      outcome: 'unsubsidized_work',
      hiredByEmployer: true,
    });
    await drainAll(t);
    const list = await t.call('GET', `/v1/follow-ups?participantId=${p.participantId}&cause=hire`, {
      key: w.provider.key,
    });
    expect(list.body.data.map((f) => [f.months, f.dueDate, f.placementId])).toEqual([
      [3, '2026-09-01', p.id],
      [6, '2026-12-01', p.id],
      [12, '2027-06-01', p.id],
    ]);
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    const id = list.body.data[0]!.id;
    expect((await t.call('GET', `/v1/follow-ups/${id}`, { key: coordinator.key })).status).toBe(200);
    const refused = await t.call('POST', `/v1/follow-ups/${id}`, {
      key: coordinator.key,
      body: { situation: 'studies' },
    });
    expect(refused.status).toBe(403);
    expect((await t.call('GET', `/v1/follow-ups/${id}`, { key: w.provider.key })).body.situation).toBeNull();
  });
});
