/** Supervisors and slots once placements refer to them. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placements } from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor } from '../helpers/factories';
import { moved, placementIn, placementWorld, proposed } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('supervisor and slot removal with placement history', () => {
  it('refuses to remove a supervisor with an active placement, and removes one with only past placements', async () => {
    const w = await placementWorld(t);
    const p = await placementIn(t, w, 'started');
    const busy = await t.call('DELETE', `/v1/supervisors/${w.supervisor.id}`, { key: w.employer.key });
    expect(busy.status).toBe(409);
    await moved(t, w.provider.key, p.id, 'end', { outcome: 'other', hiredByEmployer: false });
    // A supervisor is a person: once nothing is active, the record can go; history keeps its counts.
    const removed = await t.call('DELETE', `/v1/supervisors/${w.supervisor.id}`, { key: w.employer.key });
    expect(removed.status).toBe(204);
    const [row] = await t.db.select().from(placements).where(eq(placements.id, p.id));
    expect(row).toMatchObject({ state: 'ended', supervisorId: null, outcome: 'other' });
  });

  it('a proposal naming a removed supervisor is accepted with another supervisor of the slot', async () => {
    const w = await placementWorld(t);
    const spare = await createSupervisor(t, w.employer.key);
    await t.call('PATCH', `/v1/slots/${w.slot.id}`, {
      key: w.employer.key,
      body: { supervisorIds: [w.supervisor.id, spare.id] },
    });
    const p = await proposed(t, w, { supervisorId: w.supervisor.id });
    expect(
      (await t.call('DELETE', `/v1/supervisors/${w.supervisor.id}`, { key: w.employer.key })).status,
    ).toBe(204);
    const accepted = await moved(t, w.employer.key, p.id, 'accept');
    expect(accepted.supervisorId).toBe(spare.id);
  });

  it('refuses to delete a slot with placement history (close it instead), deletes one without', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w);
    await moved(t, w.employer.key, p.id, 'decline', { reason: 'no_capacity' });
    const res = await t.call('DELETE', `/v1/slots/${w.slot.id}`, { key: w.employer.key });
    expect(res.status).toBe(409);
    expect(res.problem.type).toBe('/problems/has-history');
    const fresh = await createSlot(t, w.employer.key, [w.supervisor.id]);
    expect((await t.call('DELETE', `/v1/slots/${fresh.id}`, { key: w.employer.key })).status).toBe(204);
  });

  it('a closed slot takes no acceptance; a paused one still does', async () => {
    const w = await placementWorld(t);
    const p1 = await proposed(t, w);
    const p2 = await proposed(t, w);
    await t.call('PATCH', `/v1/slots/${w.slot.id}`, { key: w.employer.key, body: { status: 'paused' } });
    expect((await moved(t, w.employer.key, p1.id, 'accept')).state).toBe('accepted');
    await t.call('PATCH', `/v1/slots/${w.slot.id}`, { key: w.employer.key, body: { status: 'closed' } });
    const closed = await t.call('POST', `/v1/placements/${p2.id}/accept`, { key: w.employer.key });
    expect(closed.status).toBe(409);
    expect(closed.problem.type).toBe('/problems/slot-closed');
  });
});
