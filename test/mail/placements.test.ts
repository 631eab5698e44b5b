/**
 * Placement mails: a proposal reaches the slot's supervisor and the employer's contact, the answer
 * reaches the handler, a withdrawal reaches whoever heard of the proposal, and follow-along check-ins
 * that fall due reach the handler unless a check-in was recorded since the previous one.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationTemplate, notifications, outbox, users } from '../../db/schema';
import { storedTemplateData } from '../../src/mail/templates';
import type { TestApp } from '../helpers/app';
import { createParticipant } from '../helpers/factories';
import { type FakeResend, startFakeResend } from '../helpers/fake-resend';
import { agreed, moved, placementWorld, proposed, type World } from '../placements/helpers';
import { drainAll, fakeClock, mailApp } from './support';

let t: TestApp;
let fake: FakeResend;
const clock = fakeClock('2027-02-01T09:00:00.000Z'); // Monday, 10:00 in Stockholm

beforeAll(async () => {
  fake = await startFakeResend();
  t = await mailApp(fake, clock);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

async function mails(template: NotificationTemplate, placementId?: string) {
  const rows = await t.db.select().from(notifications).where(eq(notifications.template, template));
  return rows.filter((n) => !placementId || ('placementId' in n.data && n.data.placementId === placementId));
}
const recipients = (rows: { recipientEmail: string }[]) => rows.map((r) => r.recipientEmail).sort();
async function emailOf(userId: string) {
  const [u] = await t.db.select().from(users).where(eq(users.id, userId));
  return u!.email;
}
async function contactOf(w: World) {
  return (await t.call('GET', `/v1/organizations/${w.employer.org.id}`)).body.contactEmail as string;
}

describe('proposal and answer', () => {
  it('a proposal reaches every supervisor of the slot and the employer’s contact, once each', async () => {
    const w = await placementWorld(t, { supervisors: 2 });
    const p = await proposed(t, w, { participantId: w.participant.id });
    await drainAll(t);
    const sent = await mails('placement_proposed', p.id);
    expect(recipients(sent)).toEqual([...w.supervisors.map((s) => s.email), await contactOf(w)].sort());
    expect(sent.every((n) => n.sentAt)).toBe(true);
    for (const n of sent)
      expect(fake.deliveriesTo(n.recipientEmail).filter((d) => d.subject.includes('förslag'))).toHaveLength(
        1,
      );
    const one = fake.deliveriesTo(w.supervisors[0]!.email).find((d) => d.subject.startsWith('Nytt förslag'));
    expect(one!.text).toContain(`platsen ”${w.slot.title}”`);
    expect(one!.text).toContain(`https://se-registret.example/placements/${p.id}`);
    expect(one!.text).not.toContain(w.participant.reference);
  });

  it('a proposal naming a supervisor reaches that supervisor (and the contact) only', async () => {
    const w = await placementWorld(t, { supervisors: 2 });
    const named = w.supervisors[1]!;
    const p = await proposed(t, w, { participantId: w.participant.id, supervisorId: named.id });
    await drainAll(t);
    expect(recipients(await mails('placement_proposed', p.id))).toEqual(
      [named.email, await contactOf(w)].sort(),
    );
  });

  it('acceptance and decline reach the participant’s handler', async () => {
    const w = await placementWorld(t);
    const a = await proposed(t, w, { participantId: w.participant.id });
    const other = await createParticipant(t, w.provider.key);
    const d = await proposed(t, w, { participantId: other.id });
    await moved(t, w.employer.key, a.id, 'accept', {});
    await moved(t, w.employer.key, d.id, 'decline', { reason: 'no_capacity', note: 'Fullt just nu.' });
    await drainAll(t);
    const handler = await emailOf(w.provider.userId);
    expect(recipients(await mails('placement_accepted', a.id))).toEqual([handler]);
    const [declined] = await mails('placement_declined', d.id);
    expect(declined!.recipientEmail).toBe(handler);
    expect(declined!.textBody).toContain('(skäl: ingen plats just nu)');
    expect(declined!.textBody).not.toContain('Fullt just nu'); // the note stays in the service
  });

  it('a withdrawal reaches who heard of the proposal; an employer’s withdrawal reaches the handler', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    await drainAll(t);
    await moved(t, w.provider.key, p.id, 'withdraw', {});
    await drainAll(t);
    expect(recipients(await mails('placement_withdrawn', p.id))).toEqual(
      recipients(await mails('placement_proposed', p.id)),
    );

    const q = await proposed(t, w, { participantId: (await createParticipant(t, w.provider.key)).id });
    await moved(t, w.employer.key, q.id, 'accept', {});
    await moved(t, w.employer.key, q.id, 'withdraw', {});
    await drainAll(t);
    const [back] = await mails('placement_withdrawn', q.id);
    expect(back!.recipientEmail).toBe(await emailOf(w.provider.userId));
    expect(back!.textBody).toContain('har tagit tillbaka sitt ja');
  });

  it('an accepted placement the coach withdraws is told to the employer side, even if no proposal mail went out', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    await moved(t, w.employer.key, p.id, 'accept', {}); // answered before the proposal mail was queued
    await moved(t, w.provider.key, p.id, 'withdraw', {});
    await drainAll(t);
    expect(await mails('placement_proposed', p.id)).toEqual([]);
    const told = await mails('placement_withdrawn', p.id);
    expect(recipients(told)).toEqual([w.supervisor.email, await contactOf(w)].sort());
    expect(told[0]!.textBody).toContain('har tagits tillbaka av SE-handledaren');
  });

  it('a proposal withdrawn before the mail went out asks nobody and tells nobody', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    await moved(t, w.provider.key, p.id, 'withdraw', {});
    await drainAll(t);
    expect(await mails('placement_proposed', p.id)).toEqual([]);
    expect(await mails('placement_withdrawn', p.id)).toEqual([]);
  });
});

describe('a corrected address', () => {
  it('a refused supervisor address fails; after the address is fixed, a retry sends to the new one', async () => {
    fake.refuse('gammal.example');
    const w = await placementWorld(t);
    const sup = w.supervisor;
    expect(
      (
        await t.call('PATCH', `/v1/supervisors/${sup.id}`, {
          key: w.employer.key,
          body: { email: 'lisa@gammal.example' },
        })
      ).status,
    ).toBe(200);
    const p = await proposed(t, w, { participantId: w.participant.id });
    await drainAll(t);
    const [failed] = (await mails('placement_proposed', p.id)).filter(
      (n) => n.recipientKind === 'supervisor',
    );
    const listed = await t.call('GET', '/v1/notifications?status=failed', { key: undefined });
    expect(listed.body.data.map((n) => n.id)).toContain(failed!.id);

    await t.call('PATCH', `/v1/supervisors/${sup.id}`, {
      key: w.employer.key,
      body: { email: 'lisa@ny.example' },
    });
    const retried = await t.call('POST', `/v1/notifications/${failed!.id}/retry`);
    expect(retried.body.recipient.email).toBe('lisa@ny.example');
    await drainAll(t);
    expect(fake.deliveriesTo('lisa@ny.example')).toHaveLength(1);
    expect(fake.deliveriesTo('lisa@gammal.example')).toHaveLength(0);
  });
});

describe('follow-along reminders', () => {
  let w: World;
  let placementId: string;
  let handlerEmail: string;
  const reminders = () => mails('followup_due', placementId);
  const chain = () =>
    t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, 'followup'), like(outbox.dedupeKey, `followup:${placementId}:%`)));

  it('schedules the first check-in three days after the start, at 08:00', async () => {
    clock.set('2027-02-01T09:00:00.000Z');
    w = await placementWorld(t);
    handlerEmail = await emailOf(w.provider.userId);
    const p = await proposed(t, w, { participantId: w.participant.id });
    placementId = p.id;
    await moved(t, w.employer.key, p.id, 'accept', {});
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
    await moved(t, w.provider.key, p.id, 'start', { date: '2027-02-01' });
    await drainAll(t);
    const rows = await chain();
    expect(rows.map((r) => [r.dedupeKey, r.status, r.nextAttemptAt])).toEqual([
      [`followup:${placementId}:1`, 'pending', '2027-02-04T07:00:00.000Z'],
    ]);
  });

  it('mails the handler when a check-in falls due and none was recorded', async () => {
    clock.set('2027-02-04T07:00:00.000Z');
    await drainAll(t);
    const [first] = await reminders();
    expect(first!.recipientEmail).toBe(handlerEmail);
    expect(first!.sentAt).toBe(clock.iso());
    expect(first!.textBody).toContain('inom tre dagar');
    expect(first!.textBody).not.toContain(w.participant.reference);
    // The next step (weekly) is queued.
    expect((await chain()).find((r) => r.status === 'pending')!.nextAttemptAt).toBe(
      '2027-02-08T07:00:00.000Z',
    );
  });

  it('stays quiet when a check-in was recorded since the previous due date', async () => {
    clock.set('2027-02-06T10:00:00.000Z');
    const checkIn = await t.call('POST', `/v1/placements/${placementId}/check-ins`, {
      key: w.provider.key,
      body: { date: '2027-02-06', with: 'participant', note: 'Bra första vecka.' },
    });
    expect(checkIn.status).toBe(201);
    clock.set('2027-02-08T07:00:00.000Z');
    await drainAll(t);
    expect(await reminders()).toHaveLength(1);
    // Week two: no check-in since 8 February, so it is due again.
    clock.set('2027-02-15T07:00:00.000Z');
    await drainAll(t);
    const all = await reminders();
    expect(all).toHaveLength(2);
    expect(storedTemplateData('followup_due', all[1]!.data).kind).toBe('weekly');
  });

  it('stops once the placement ends', async () => {
    clock.set('2027-02-16T09:00:00.000Z');
    await moved(t, w.provider.key, placementId, 'end', {
      outcome: 'unsubsidized_work',
      hiredByEmployer: true,
    });
    clock.set('2027-03-31T07:00:00.000Z');
    await drainAll(t);
    expect(await reminders()).toHaveLength(2);
    expect((await chain()).every((r) => r.status === 'done')).toBe(true);
  });

  it('a placement recorded late starts its reminders today, not with a burst of old ones', async () => {
    clock.set('2027-03-31T09:00:00.000Z');
    const late = await placementWorld(t);
    const p = await proposed(t, late, { participantId: late.participant.id });
    await moved(t, late.employer.key, p.id, 'accept', {});
    await agreed(t, { provider: late.provider.key, employer: late.employer.key }, p.id);
    await moved(t, late.provider.key, p.id, 'start', { date: '2027-01-15' });
    await drainAll(t);
    const rows = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, 'followup'), like(outbox.dedupeKey, `followup:${p.id}:%`)));
    // Start + 3 months = 15 April is the first step not in the past (step 7: monthly).
    expect(rows.map((r) => [r.dedupeKey, r.nextAttemptAt])).toEqual([
      [`followup:${p.id}:7`, '2027-04-15T06:00:00.000Z'],
    ]);
  });
});

describe('privacy', () => {
  it('no mail sent in these flows names a participant or an adaptation need', async () => {
    const everyParticipant = await t.db.query.participants.findMany();
    expect(fake.deliveries.length).toBeGreaterThan(10);
    for (const d of fake.deliveries)
      for (const p of everyParticipant) {
        for (const body of [d.subject, d.text, d.html]) {
          expect(body).not.toContain(p.reference);
          expect(body).not.toContain(p.id);
          for (const need of p.adaptationNeeds) expect(body).not.toContain(need.code);
        }
      }
  });
});
