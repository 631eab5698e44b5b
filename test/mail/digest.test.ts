/**
 * The handlers' digest: a new or reopened slot that fits one of a handler's participants well is
 * added to that handler's digest for the day, sent once at 08:00 Swedish time; slots coalesce, a slot
 * is never listed twice, nothing is lost when a digest is frozen, and no participant is named.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, outbox, participants, slotSupervisors, slots, supervisors } from '../../db/schema';
import type { SlotDigestData } from '../../src/mail/templates';
import { explain } from '../../src/matching';
import { participantForMatching, slotForMatching } from '../../src/services/matching/rows';
import { DIGEST_MIN_SCORE, digestKey } from '../../src/services/notifications/events/slot-digest';
import type { TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../helpers/factories';
import { type FakeResend, startFakeResend } from '../helpers/fake-resend';
import { drainAll, fakeClock, mailApp } from './support';

let t: TestApp;
let fake: FakeResend;
const clock = fakeClock('2027-01-04T09:00:00.000Z'); // Monday, 10:00 in Stockholm
let employer: Awaited<ReturnType<typeof orgWithKey>>;
let supervisorId: string;
let providerA: Awaited<ReturnType<typeof orgWithKey>>;
let providerB: Awaited<ReturnType<typeof orgWithKey>>;
let providerC: Awaited<ReturnType<typeof orgWithKey>>;
type Participant = Awaited<ReturnType<typeof createParticipant>>;
type Slot = Awaited<ReturnType<typeof createSlot>>;
let strong: Participant;
let weak: Participant;
let far: Participant;
let commuter: Participant;

const slotTitles = {
  first: 'Lagerarbetare, plock och pack',
  second: 'Lagerbiträde, packa order',
};

type Digest = Omit<typeof notifications.$inferSelect, 'data'> & { data: SlotDigestData };

async function digestOf(handlerId: string, date: string) {
  const [n] = await t.db
    .select()
    .from(notifications)
    .where(eq(notifications.dedupeKey, digestKey(handlerId, date)));
  return n as unknown as Digest | undefined;
}
const digestsOf = async (handlerId: string) =>
  (await t.db
    .select()
    .from(notifications)
    .where(
      and(eq(notifications.recipientId, handlerId), eq(notifications.template, 'slot_digest')),
    )) as unknown as Digest[];

async function score(participantId: string, slotId: string) {
  const [p] = await t.db.select().from(participants).where(eq(participants.id, participantId));
  const [s] = await t.db.select().from(slots).where(eq(slots.id, slotId));
  const sups = await t.db
    .select({ s: supervisors })
    .from(slotSupervisors)
    .innerJoin(supervisors, eq(supervisors.id, slotSupervisors.supervisorId))
    .where(eq(slotSupervisors.slotId, slotId));
  return explain(
    participantForMatching(p!),
    slotForMatching(
      s!,
      sups.map((x) => x.s),
    ),
    { today: '2027-01-04' },
  );
}

beforeAll(async () => {
  fake = await startFakeResend();
  t = await mailApp(fake, clock);
  employer = await orgWithKey(t, 'employer', 'employer');
  supervisorId = (await createSupervisor(t, employer.key, { maxParticipants: 5 })).id;
  providerA = await orgWithKey(t, 'provider', 'handler');
  providerB = await orgWithKey(t, 'provider', 'handler');
  strong = await createParticipant(t, providerA.key, {
    reference: 'SE-STARK-01',
    strengths: ['plocka order', 'packa'],
    interests: ['lager'],
    hoursPerWeek: { now: 4, target: 8 },
  });
  weak = await createParticipant(t, providerB.key, {
    reference: 'SE-SVAG-02',
    strengths: [],
    interests: ['bageri', 'konditori'],
    hoursPerWeek: { now: 4, target: 30 },
    adaptationNeeds: [],
    preferences: { socialIntensity: 'high', physicalDemand: 'low' },
  });
  far = await createParticipant(t, providerB.key, {
    reference: 'SE-LANGT-03',
    interests: ['lager'],
    location: { municipalityCode: '2584' },
    maxTravelKm: 20,
  });
  // Uppsala, about 65 km away, with a long travel limit: far, yet within reach.
  providerC = await orgWithKey(t, 'provider', 'handler');
  commuter = await createParticipant(t, providerC.key, {
    reference: 'SE-PENDLA-04',
    strengths: ['plocka order', 'packa'],
    interests: ['lager'],
    hoursPerWeek: { now: 4, target: 8 },
    location: { municipalityCode: '0380' },
    maxTravelKm: 100,
  });
  await drainAll(t); // the key mails
  fake.requests.length = 0;
  fake.deliveries.length = 0;
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

describe('slot.opened → the daily digest', () => {
  let first: Slot;
  let second: Slot;

  it('adds a new open slot to the digest of the handler whose participant it fits well, due at 08:00', async () => {
    first = await createSlot(t, employer.key, [supervisorId], { title: slotTitles.first });
    // The premise, from the engine itself: strong fits well, weak is eligible but below, far is not eligible.
    const s = await score(strong.id, first.id);
    const w = await score(weak.id, first.id);
    const f = await score(far.id, first.id);
    expect(s.eligible && s.match.score >= DIGEST_MIN_SCORE).toBe(true);
    expect(w.eligible && w.match.score < DIGEST_MIN_SCORE).toBe(true);
    expect(f.eligible).toBe(false);
    const c = await score(commuter.id, first.id);
    expect(c.eligible && c.match.score >= DIGEST_MIN_SCORE && c.match.distanceKm > 50).toBe(true);

    await drainAll(t);
    const digest = await digestOf(providerA.userId, '2027-01-05');
    expect(digest).toBeDefined();
    expect(digest!.sendAt).toBe('2027-01-05T07:00:00.000Z'); // 08:00 CET
    expect(digest!.data.slots).toEqual([
      { slotId: first.id, title: slotTitles.first, municipality: 'Stockholm' },
    ]);
    expect(await digestsOf(providerB.userId)).toEqual([]);
    expect((await digestOf(providerC.userId, '2027-01-05'))!.data.slots.map((x) => x.slotId)).toEqual([
      first.id,
    ]);
    const [row] = await t.db.select().from(outbox).where(eq(outbox.dedupeKey, digest!.outboxKey));
    expect(row).toMatchObject({
      topic: 'mail',
      status: 'pending',
      nextAttemptAt: '2027-01-05T07:00:00.000Z',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('coalesces further slots into the same digest, once each, and ignores slots that open paused', async () => {
    clock.set('2027-01-04T13:00:00.000Z');
    second = await createSlot(t, employer.key, [supervisorId], { title: slotTitles.second });
    await createSlot(t, employer.key, [supervisorId], { title: 'Pausad plats', status: 'paused' });
    await drainAll(t);
    // Paused and reopened the same day: a new event, but the slot is listed once.
    expect(
      (await t.call('PATCH', `/v1/slots/${first.id}`, { key: employer.key, body: { status: 'paused' } }))
        .status,
    ).toBe(200);
    clock.advance(60_000);
    expect(
      (await t.call('PATCH', `/v1/slots/${first.id}`, { key: employer.key, body: { status: 'open' } }))
        .status,
    ).toBe(200);
    await drainAll(t);

    const digests = await digestsOf(providerA.userId);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.data.slots.map((s) => s.slotId)).toEqual([first.id, second.id]);
    expect(digests[0]!.data.events).toHaveLength(3);
  });

  it('sends nothing before 08:00, then one mail per handler listing the slots and no participant', async () => {
    clock.set('2027-01-05T06:59:59.000Z');
    await drainAll(t);
    expect(fake.requests).toHaveLength(0);

    clock.set('2027-01-05T07:00:00.000Z');
    await drainAll(t);
    expect(fake.requests).toHaveLength(2); // handlers A and C
    const digest = await digestOf(providerA.userId, '2027-01-05');
    const [mail, ...more] = fake.deliveriesTo(digest!.recipientEmail);
    expect(more).toEqual([]);
    expect(mail!.idempotencyKey).toBe(digest!.id);
    expect(mail!.subject).toBe('2 nya platser som kan passa / 2 new slots that may fit');
    expect(mail!.text).toContain(
      `- ${slotTitles.first}, Stockholm\n  https://se-registret.example/slots/${first.id}`,
    );
    expect(mail!.text).toContain(slotTitles.second);
    expect(mail!.text).not.toContain('Pausad plats');
    for (const d of fake.deliveries)
      for (const p of [strong, weak, far, commuter]) {
        expect(d.text).not.toContain(p.reference);
        expect(d.html).not.toContain(p.reference);
        expect(d.text).not.toContain(p.id);
        expect(d.text).not.toContain('quiet_workspace');
      }

    clock.advance(3_600_000);
    await drainAll(t);
    expect(fake.requests).toHaveLength(2); // once a day at most
  });

  it('a slot that opens after the digest went out waits for the next day’s', async () => {
    clock.set('2027-01-05T07:30:00.000Z');
    const third = await createSlot(t, employer.key, [supervisorId], { title: 'Lagerarbetare, inleverans' });
    await drainAll(t);
    const next = await digestOf(providerA.userId, '2027-01-06');
    expect(next!.data.slots.map((s) => s.slotId)).toEqual([third.id]);
    expect(next!.sendAt).toBe('2027-01-06T07:00:00.000Z');
  });

  it('a slot arriving while a digest is frozen goes to the following one, never lost', async () => {
    const pending = await digestOf(providerA.userId, '2027-01-06');
    // As if a mail worker had just frozen it for sending.
    await t.db.update(notifications).set({ frozenAt: clock.iso() }).where(eq(notifications.id, pending!.id));
    const fourth = await createSlot(t, employer.key, [supervisorId], { title: 'Lagerarbetare, returer' });
    await drainAll(t, ['notify']);
    expect((await digestOf(providerA.userId, '2027-01-06'))!.data.slots).toHaveLength(1);
    const following = await digestOf(providerA.userId, '2027-01-07');
    expect(following!.data.slots.map((s) => s.slotId)).toEqual([fourth.id]);
  });

  it('running an event again adds nothing, even after its digest was sent', async () => {
    const before = (await digestsOf(providerA.userId)).map((d) => [d.id, d.revision, d.data]);
    const events = await t.db.select().from(outbox).where(eq(outbox.topic, 'notify'));
    const slotEvents = events.filter((e) => e.dedupeKey.startsWith('notify:slot.opened:'));
    expect(slotEvents.length).toBeGreaterThanOrEqual(5);
    for (const e of slotEvents) await t.app.outboxHandlers.notify!(e);
    const after = (await digestsOf(providerA.userId)).map((d) => [d.id, d.revision, d.data]);
    expect(after).toEqual(before);
  });
});
