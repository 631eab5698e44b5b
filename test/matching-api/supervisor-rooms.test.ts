/**
 * The database keeps each slot's supervisors and their room on the slot row (triggers in
 * db/migrations/0006_supervisor_rooms.sql), which the candidate query relies on: every way a
 * supervisor's room or a slot's supervisors change must show there at once.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slots, supervisors } from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

let t: TestApp;
let employer: Awaited<ReturnType<typeof orgWithKey>>;

beforeAll(async () => {
  t = await createTestApp();
  employer = await orgWithKey(t, 'employer', 'employer');
});
afterAll(() => t.close());

async function rooms(slotId: string) {
  const [row] = await t.db
    .select({ list: slots.supervisorRooms, withRoom: slots.supervisorsWithRoom })
    .from(slots)
    .where(eq(slots.id, slotId));
  return { list: JSON.parse(row!.list) as [string, number, number, number][], withRoom: row!.withRoom };
}

describe('supervisors’ room on the slot row', () => {
  it('follows links, room and training', async () => {
    const a = await createSupervisor(t, employer.key, { maxParticipants: 1, trained: false });
    const b = await createSupervisor(t, employer.key, { maxParticipants: 2, trained: true });
    const slot = await createSlot(t, employer.key, [a.id]);
    expect(await rooms(slot.id)).toEqual({ list: [[a.id, 1, 0, 0]], withRoom: 1 });

    // Another supervisor linked through the API.
    const patched = await t.call('PATCH', `/v1/slots/${slot.id}`, {
      key: employer.key,
      body: { supervisorIds: [a.id, b.id] },
    });
    expect(patched.status, patched.text).toBe(200);
    expect((await rooms(slot.id)).withRoom).toBe(2);

    // A supervisor who fills up (as an accepted placement does) or changes their training.
    await t.db.update(supervisors).set({ activePlacements: 1 }).where(eq(supervisors.id, a.id));
    await t.db.update(supervisors).set({ trained: false }).where(eq(supervisors.id, b.id));
    expect(await rooms(slot.id)).toEqual({
      list: [
        [a.id, 1, 1, 0],
        [b.id, 2, 0, 0],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
      withRoom: 1,
    });

    // An edit of other fields leaves the derived columns alone.
    await t.call('PATCH', `/v1/slots/${slot.id}`, { key: employer.key, body: { title: 'Ny titel' } });
    expect((await rooms(slot.id)).withRoom).toBe(1);

    // A supervisor removed from the registry leaves the slot.
    expect((await t.call('DELETE', `/v1/supervisors/${b.id}`, { key: employer.key })).status).toBe(204);
    expect(await rooms(slot.id)).toEqual({ list: [[a.id, 1, 1, 0]], withRoom: 0 });
  });
});
