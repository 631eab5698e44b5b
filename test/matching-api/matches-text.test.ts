/**
 * The matches route's JSON (services/matching/matches.ts matchesText: whole answers and single
 * matches kept while what they were made from is unchanged) is the text of `matchesFor`'s answer,
 * byte for byte, on both ways matching reads slots: asked again, after a slot, a participant and an
 * employer's name change, a slot closes, and the date moves on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfKey, createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

describe.each(['queried', 'resident'] as const)('matches as JSON text over %s slots', (matchingSlots) => {
  let t: TestApp;
  let now = new Date('2026-12-01T09:00:00Z');
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let provider: Awaited<ReturnType<typeof orgWithKey>>;
  let slots: string[];
  let people: string[];

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, deps: { matchingSlots } });
    employer = await orgWithKey(t, 'employer', 'employer');
    provider = await orgWithKey(t, 'provider', 'handler');
    const supervisor = (await createSupervisor(t, employer.key, { maxParticipants: 5 })).id;
    slots = [];
    for (let i = 0; i < 6; i++)
      slots.push((await createSlot(t, employer.key, [supervisor], { title: `Plats ${i}` })).id);
    people = [];
    for (let i = 0; i < 3; i++) people.push((await createParticipant(t, provider.key)).id);
  });
  afterAll(() => t.close());

  const actor = () => actorOfKey(t, provider.key);

  /** Every participant's route answer equals matchesFor's answer stringified; returns the bodies. */
  async function expectSame(limit: number) {
    const bodies: string[] = [];
    for (const id of people) {
      const res = await t.app.request(`/v1/participants/${id}/matches?limit=${limit}`, {
        headers: { authorization: `Bearer ${provider.key}` },
      });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toBe(
        JSON.stringify(await t.app.services.matching.matchesFor(await actor(), id, { limit })),
      );
      bodies.push(body);
    }
    return bodies;
  }

  it('is matchesFor’s answer stringified, asked again and after each change', async () => {
    const first = await expectSame(10);
    expect(JSON.parse(first[0]!).data.length).toBeGreaterThan(0);
    expect(await expectSame(10)).toEqual(first);
    await expectSame(2);
    const renamed = await t.call('PATCH', `/v1/slots/${slots[0]}`, {
      key: employer.key,
      body: { title: 'Ny titel', capacity: 4 },
    });
    expect(renamed.status).toBe(200);
    const afterSlot = await expectSame(10);
    expect(afterSlot[0]).toContain('Ny titel');
    const moved = await t.call('PATCH', `/v1/participants/${people[0]}`, {
      key: provider.key,
      body: { maxTravelKm: 250, interests: ['bageri'] },
    });
    expect(moved.status).toBe(200);
    await expectSame(10);
    const org = await t.call('PATCH', `/v1/organizations/${employer.org.id}`, {
      body: { name: 'Nytt Namn AB' },
    });
    expect(org.status).toBe(200);
    expect((await expectSame(10))[1]).toContain('Nytt Namn AB');
    expect((await t.call('POST', `/v1/slots/${slots[1]}/close`, { key: employer.key })).status).toBe(200);
    await expectSame(10);
    now = new Date('2027-03-01T09:00:00Z');
    expect((await expectSame(10))[2]).toContain('"today":"2027-03-01"');
  });
});
