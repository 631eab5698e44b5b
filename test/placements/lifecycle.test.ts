import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import {
  agreed,
  eventsFor,
  move,
  moved,
  type PlacementAction,
  placementIn,
  placementWorld,
  propose,
  proposed,
  slotChangeCount,
  slotState,
  type World,
} from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the placement state machine', () => {
  let w: World;
  beforeAll(async () => {
    w = await placementWorld(t, { capacity: 60, supervisors: 3, maxParticipants: 20 });
  });

  it('answers a proposal with exactly what a read of it then shows (the answer is not read back)', async () => {
    const p = await proposed(t, w, { supervisorId: w.supervisors[0]!.id });
    const read = await t.call('GET', `/v1/placements/${p.id}`, { key: w.provider.key });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(p);
    expect(p.history).toHaveLength(1);
    expect(p.hours).toEqual([]);
  });

  it('goes proposed → accepted → started → ended, with a date for each step, and uses a place meanwhile', async () => {
    const before = await slotState(t, w);
    const p = await proposed(t, w);
    expect(p.state).toBe('proposed');
    expect(p.dates.proposedAt).toBeTruthy();
    expect(await slotState(t, w)).toEqual(before); // a proposal uses nothing

    const changesBefore = await slotChangeCount(t, w.slot.id);
    const accepted = await moved(t, w.employer.key, p.id, 'accept');
    expect(accepted.state).toBe('accepted');
    expect(accepted.dates.acceptedAt).toBeTruthy();
    expect(w.supervisors.map((s) => s.id)).toContain(accepted.supervisorId);
    expect(await slotState(t, w)).toEqual({
      freePlaces: before.freePlaces - 1,
      activePlacements: before.activePlacements + 1,
    });
    // The slot change log (matching index) and the search sync see it in the same batch.
    expect(await slotChangeCount(t, w.slot.id)).toBe(changesBefore + 1);

    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
    const started = await moved(t, w.provider.key, p.id, 'start', { date: '2026-01-12' });
    expect(started.state).toBe('started');
    expect(started.dates.startDate).toBe('2026-01-12');
    expect(await slotState(t, w)).toEqual({
      freePlaces: before.freePlaces - 1,
      activePlacements: before.activePlacements + 1,
    });

    const ended = await moved(t, w.provider.key, p.id, 'end', {
      date: '2026-06-30',
      outcome: 'unsubsidized_work',
      hiredByEmployer: true,
    });
    expect(ended.state).toBe('ended');
    expect(ended.dates.endDate).toBe('2026-06-30');
    expect(ended.outcome).toEqual({
      category: 'unsubsidized_work',
      label: { sv: 'Arbete utan stöd', en: 'Unsubsidised work' },
      hiredByEmployer: true,
    });
    expect(await slotState(t, w)).toEqual(before); // the end frees the place at once
    expect(ended.history.map((h) => h.state)).toEqual(['proposed', 'accepted', 'started', 'ended']);
    expect(await eventsFor(t, p.id)).toEqual([
      'placement.proposed',
      'placement.accepted',
      'agreement.approval_wanted', // the agreement drafted before the start asks for approvals
      'placement.started',
      'placement.ended',
    ]);
  });

  it('declines a proposal with a reason and uses nothing', async () => {
    const before = await slotState(t, w);
    const p = await proposed(t, w);
    const declined = await moved(t, w.employer.key, p.id, 'decline', {
      reason: 'not_a_match',
      note: 'Uppgifterna kräver truckkort.',
    });
    expect(declined.state).toBe('declined');
    expect(declined.decline).toEqual({
      reason: 'not_a_match',
      label: { sv: 'Uppgifterna passar inte', en: 'The tasks do not fit' },
    });
    expect(declined.note).toBe('Uppgifterna kräver truckkort.');
    expect(declined.dates.declinedAt).toBeTruthy();
    expect(await slotState(t, w)).toEqual(before);
    expect(await eventsFor(t, p.id)).toEqual(['placement.proposed', 'placement.declined']);
  });

  it('withdraws a proposal (nothing to free) and an acceptance (frees the place)', async () => {
    const before = await slotState(t, w);
    const p1 = await proposed(t, w);
    expect((await moved(t, w.provider.key, p1.id, 'withdraw')).state).toBe('withdrawn');
    expect(await slotState(t, w)).toEqual(before);

    const p2 = await proposed(t, w);
    await moved(t, w.employer.key, p2.id, 'accept');
    expect((await slotState(t, w)).freePlaces).toBe(before.freePlaces - 1);
    const withdrawn = await moved(t, w.provider.key, p2.id, 'withdraw', {
      note: 'Deltagaren valde studier.',
    });
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.withdrawnByOrganizationId).toBe(w.provider.org.id);
    expect(await slotState(t, w)).toEqual(before);
    expect(await eventsFor(t, p2.id)).toEqual([
      'placement.proposed',
      'placement.accepted',
      'placement.withdrawn',
    ]);
  });

  it('lets the employer withdraw its acceptance before the start, and frees the place', async () => {
    const before = await slotState(t, w);
    const p = await placementIn(t, w, 'accepted');
    const withdrawn = await moved(t, w.employer.key, p.id, 'withdraw', {});
    expect(withdrawn.withdrawnByOrganizationId).toBe(w.employer.org.id);
    expect(await slotState(t, w)).toEqual(before);
  });

  // Every (state, action) pair the machine does not allow answers 409 and changes nothing.
  // The legal moves, stated here independently of the implementation; every other pair is illegal.
  const legal = new Set([
    'proposed→accept',
    'proposed→decline',
    'proposed→withdraw',
    'accepted→withdraw',
    'accepted→start',
    'started→end',
  ]);
  const bodies: Partial<Record<PlacementAction, Record<string, unknown>>> = {
    accept: {},
    decline: { reason: 'timing' },
    withdraw: {},
    start: {},
    end: { outcome: 'other', hiredByEmployer: false },
  };
  const states = ['proposed', 'accepted', 'started', 'declined', 'withdrawn', 'ended'] as const;
  const actions = ['accept', 'decline', 'withdraw', 'start', 'end'] as const;
  const illegal = states.flatMap((state) =>
    actions
      .filter((action) => !legal.has(`${state}→${action}`))
      .map((action) => [state, action, bodies[action]] as const),
  );
  it('covers all 24 illegal pairs', () => expect(illegal).toHaveLength(24));
  it.each(illegal)('refuses %s → %s with 409', async (state, action, body) => {
    const p = await placementIn(t, w, state);
    const before = await slotState(t, w);
    const employerActions = ['accept', 'decline'];
    const key = employerActions.includes(action) ? w.employer.key : w.provider.key;
    const res = await move(t, key, p.id, action, body ?? {});
    expect(res.status).toBe(409);
    expect(res.problem.type).toBe('/problems/illegal-transition');
    const after = await t.call('GET', `/v1/placements/${p.id}`, { key: w.provider.key });
    expect(after.body.state).toBe(p.state);
    expect(after.body.version).toBe(p.version);
    expect(await slotState(t, w)).toEqual(before);
  });

  it('refuses the wrong side: the provider cannot accept or decline, the employer cannot end', async () => {
    const p = await proposed(t, w);
    expect((await move(t, w.provider.key, p.id, 'accept')).status).toBe(403);
    expect((await move(t, w.provider.key, p.id, 'decline', { reason: 'timing' })).status).toBe(403);
    expect((await move(t, w.employer.key, p.id, 'withdraw')).status).toBe(403); // a proposal is declined instead
    await moved(t, w.employer.key, p.id, 'accept');
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
    await moved(t, w.employer.key, p.id, 'start'); // either side may record the start
    const end = await move(t, w.employer.key, p.id, 'end', { outcome: 'other', hiredByEmployer: false });
    expect(end.status).toBe(403);
  });

  it('validates transition bodies: an outcome outside the categories, an end before the start, a future date', async () => {
    const p = await placementIn(t, w, 'started');
    const bad = await move(t, w.provider.key, p.id, 'end', { outcome: 'retired', hiredByEmployer: false });
    expect(bad.status).toBe(400);
    expect(bad.problem.errors![0]!.path).toBe('outcome');
    const missing = await move(t, w.provider.key, p.id, 'end', { outcome: 'studies' });
    expect(missing.status).toBe(400);
    const early = await move(t, w.provider.key, p.id, 'end', {
      date: '2000-01-01',
      outcome: 'studies',
      hiredByEmployer: false,
    });
    expect(early.status).toBe(422);
    const future = await move(t, w.provider.key, p.id, 'end', {
      date: '2999-01-01',
      outcome: 'studies',
      hiredByEmployer: false,
    });
    expect(future.status).toBe(422);
    const declineWithoutReason = await move(t, w.employer.key, (await proposed(t, w)).id, 'decline', {});
    expect(declineWithoutReason.status).toBe(400);
  });

  it('refuses a second live proposal of the same participant for the same slot, but allows one after a decline', async () => {
    const world = await placementWorld(t);
    const first = await proposed(t, world, { participantId: world.participant.id });
    const again = await propose(t, world);
    expect(again.status).toBe(409);
    await moved(t, world.employer.key, first.id, 'decline', { reason: 'timing' });
    expect((await propose(t, world)).status).toBe(201);
  });

  it('proposes only to open slots, for active participants, with a supervisor of the slot', async () => {
    const world = await placementWorld(t);
    const other = await placementWorld(t);
    const wrongSupervisor = await propose(t, world, { supervisorId: other.supervisor.id });
    expect(wrongSupervisor.status).toBe(422);
    expect(wrongSupervisor.problem.errors![0]!.path).toBe('supervisorId');
    const unknownSlot = await propose(t, world, { slotId: 'slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R' });
    expect(unknownSlot.status).toBe(422);
    await t.call('PATCH', `/v1/slots/${world.slot.id}`, {
      key: world.employer.key,
      body: { status: 'paused' },
    });
    const paused = await propose(t, world);
    expect(paused.status).toBe(409);
    expect(paused.problem.type).toBe('/problems/slot-not-open');
  });

  it('accepts with the named supervisor, or the one with the most room', async () => {
    const world = await placementWorld(t, { capacity: 4, supervisors: 2, maxParticipants: 2 });
    const [a, b] = [...world.supervisors].sort((x, y) => (x.id < y.id ? -1 : 1));
    // Named at accept.
    const p1 = await proposed(t, world);
    expect((await moved(t, world.employer.key, p1.id, 'accept', { supervisorId: b!.id })).supervisorId).toBe(
      b!.id,
    );
    // None named: the supervisor with the most room (a has 2 free, b has 1).
    const p2 = await proposed(t, world);
    expect((await moved(t, world.employer.key, p2.id, 'accept')).supervisorId).toBe(a!.id);
    // Named at proposal.
    const p3 = await proposed(t, world, { supervisorId: b!.id });
    expect(p3.supervisorId).toBe(b!.id);
    expect((await moved(t, world.employer.key, p3.id, 'accept')).supervisorId).toBe(b!.id);
    // b is now full: naming b again is a 409, not an overbooking.
    const p4 = await proposed(t, world);
    const full = await move(t, world.employer.key, p4.id, 'accept', { supervisorId: b!.id });
    expect(full.status).toBe(409);
    expect(full.problem.type).toBe('/problems/supervisor-full');
    expect((await moved(t, world.employer.key, p4.id, 'accept')).supervisorId).toBe(a!.id);
  });
});
