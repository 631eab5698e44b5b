/** Export and erasure of a participant's record on request. */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  participants,
  placementCheckIns,
  placementHours,
  placementMeetings,
  placements,
} from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { issueKey } from '../helpers/factories';
import { agreed, eventsFor, move, moved, placementWorld, proposed, slotState } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('export', () => {
  it('returns the whole record: profile, placements with hours, check-ins and meetings, consents, audit', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    await t.call('POST', `/v1/placements/${p.id}/meetings`, {
      key: w.employer.key,
      body: { date: '2026-01-12', kind: 'introduction', note: 'Rundvandring i lagret.' },
    });
    await moved(t, w.employer.key, p.id, 'accept');
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
    await moved(t, w.provider.key, p.id, 'start', { date: '2026-01-12' });
    await t.call('POST', `/v1/placements/${p.id}/hours`, {
      key: w.provider.key,
      body: { weekStart: '2026-01-12', hours: 5 },
    });
    await t.call('POST', `/v1/placements/${p.id}/check-ins`, {
      key: w.provider.key,
      body: { date: '2026-01-14', with: 'participant', note: 'Trivs bra.' },
    });

    const res = await t.call('GET', `/v1/participants/${w.participant.id}/export`, { key: w.provider.key });
    expect(res.status).toBe(200);
    expect(res.body.participant.reference).toBe(w.participant.reference);
    expect(res.body.placements).toHaveLength(1);
    const exported = res.body.placements[0];
    expect(exported!.state).toBe('started');
    expect(exported!.hours).toEqual([expect.objectContaining({ weekStart: '2026-01-12', hours: 5 })]);
    expect(exported!.checkIns![0]!.note).toBe('Trivs bra.');
    expect(exported!.meetings[0]!.note).toBe('Rundvandring i lagret.'); // the employer's note, too
    expect(exported!.history.map((h) => h.state)).toEqual(['proposed', 'accepted', 'started']);
    expect(res.body.consents).toHaveLength(1);
    expect(res.body.audit.map((a) => a.action)).toContain('disclose');
    expect(res.body.audit[0]!.action).toBe('export'); // the export is itself logged, newest first
    // Only the participant's own organization, and not coordinators.
    expect(
      (await t.call('GET', `/v1/participants/${w.participant.id}/export`, { key: w.employer.key })).status,
    ).toBe(404);
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    expect(
      (await t.call('GET', `/v1/participants/${w.participant.id}/export`, { key: coordinator.key })).status,
    ).toBe(403);
  });
});

describe('erasure', () => {
  it('refuses while a placement holds a place, then erases: personal fields gone, counts kept', async () => {
    const w = await placementWorld(t, { capacity: 5 });
    const held = await proposed(t, w, { participantId: w.participant.id });
    await moved(t, w.employer.key, held.id, 'accept');
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, held.id);
    await moved(t, w.provider.key, held.id, 'start', { date: '2026-01-12' });
    await t.call('POST', `/v1/placements/${held.id}/check-ins`, {
      key: w.provider.key,
      body: { date: '2026-01-14', with: 'participant', note: 'Trivs bra med kollegorna.' },
    });
    await t.call('POST', `/v1/placements/${held.id}/meetings`, {
      key: w.provider.key,
      body: { date: '2026-01-10', kind: 'study_visit', note: 'Visade lagret.' },
    });
    await t.call('POST', `/v1/placements/${held.id}/hours`, {
      key: w.provider.key,
      body: { weekStart: '2026-01-12', hours: 5 },
    });
    // A second employer's slot with an open proposal: erasure withdraws it.
    const other = await placementWorld(t);
    const open = await proposed(t, { ...other, provider: w.provider }, { participantId: w.participant.id });

    const refused = await t.call('DELETE', `/v1/participants/${w.participant.id}`, { key: w.provider.key });
    expect(refused.status).toBe(409);
    expect(refused.problem.type).toBe('/problems/active-placements');
    expect(
      (await t.call('GET', `/v1/participants/${w.participant.id}`, { key: w.provider.key })).status,
    ).toBe(200);

    await moved(t, w.provider.key, held.id, 'end', {
      date: '2026-05-29',
      outcome: 'studies',
      hiredByEmployer: false,
    });
    const erased = await t.call('DELETE', `/v1/participants/${w.participant.id}`, { key: w.provider.key });
    expect(erased.status).toBe(204);

    // No longer readable, listable or exportable.
    expect(
      (await t.call('GET', `/v1/participants/${w.participant.id}`, { key: w.provider.key })).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/v1/participants/${w.participant.id}/export`, { key: w.provider.key })).status,
    ).toBe(404);
    const list = await t.call('GET', '/v1/participants?limit=100', { key: w.provider.key });
    expect(list.body.data.map((p) => p.id)).not.toContain(w.participant.id);
    expect(
      (await t.call('DELETE', `/v1/participants/${w.participant.id}`, { key: w.provider.key })).status,
    ).toBe(404);

    // The row keeps no personal field.
    const [row] = await t.db.select().from(participants).where(eq(participants.id, w.participant.id));
    expect(row!.status).toBe('erased');
    expect(row!.reference).not.toBe(w.participant.reference);
    expect(row!.reference).toMatch(/^ERASED-/);
    expect([
      row!.strengths,
      row!.interests,
      row!.avoid,
      row!.availability,
      row!.adaptationNeeds,
      row!.rampUp,
    ]).toEqual([[], [], [], [], [], []]);
    expect(row!.municipalityCode).toBe('0180');

    // Counts for follow-up stay: the placement, its outcome, dates and hours; notes are gone.
    const [ended] = await t.db.select().from(placements).where(eq(placements.id, held.id));
    expect(ended).toMatchObject({
      state: 'ended',
      outcome: 'studies',
      startDate: '2026-01-12',
      endDate: '2026-05-29',
    });
    const notes = [
      ...(await t.db.select().from(placementCheckIns).where(eq(placementCheckIns.placementId, held.id))),
      ...(await t.db.select().from(placementMeetings).where(eq(placementMeetings.placementId, held.id))),
    ];
    expect(notes).toHaveLength(2);
    expect(notes.every((n) => n.note === null)).toBe(true);
    const [placementsKept] = await t.db
      .select({ n: count() })
      .from(placements)
      .where(eq(placements.participantId, w.participant.id));
    expect(placementsKept!.n).toBe(2);
    const hoursKept = await t.db.select().from(placementHours).where(eq(placementHours.placementId, held.id));
    expect(hoursKept.map((h) => h.hours)).toEqual([5]);

    // The open proposal was withdrawn and its employer told (an event); it frees nothing.
    const withdrawn = await t.call('GET', `/v1/placements/${open.id}`, { key: other.employer.key });
    expect(withdrawn.body.state).toBe('withdrawn');
    expect(withdrawn.body.disclosed).toEqual({});
    expect(await eventsFor(t, open.id)).toContain('placement.withdrawn');
    expect(await slotState(t, w)).toEqual({ freePlaces: 5, activePlacements: 0 });

    // The audit keeps the erasure (names of fields, no values) for the provider.
    const audit = await t.call('GET', `/v1/audit?participantId=${w.participant.id}`, { key: w.provider.key });
    expect(audit.status).toBe(200);
    expect(audit.body.data[0]).toMatchObject({ action: 'erase', actor: { userId: w.provider.userId } });

    // Nothing can be proposed for it any more.
    const again = await t.call('POST', '/v1/placements', {
      key: w.provider.key,
      body: { participantId: w.participant.id, slotId: w.slot.id, disclose: [] },
    });
    expect(again.status).toBe(404);
  });

  it('refuses erasure by coordinators and other organizations', async () => {
    const w = await placementWorld(t);
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    expect(
      (await t.call('DELETE', `/v1/participants/${w.participant.id}`, { key: coordinator.key })).status,
    ).toBe(403);
    expect(
      (await t.call('DELETE', `/v1/participants/${w.participant.id}`, { key: w.employer.key })).status,
    ).toBe(404);
  });

  it('an accepted placement can be withdrawn and the participant then erased', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    await moved(t, w.employer.key, p.id, 'accept');
    expect(
      (await t.call('DELETE', `/v1/participants/${w.participant.id}`, { key: w.provider.key })).status,
    ).toBe(409);
    await moved(t, w.provider.key, p.id, 'withdraw', {});
    expect(
      (await t.call('DELETE', `/v1/participants/${w.participant.id}`, { key: w.provider.key })).status,
    ).toBe(204);
    // The erased participant's placement cannot be moved again.
    expect((await move(t, w.employer.key, p.id, 'accept')).status).toBe(409);
  });
});
