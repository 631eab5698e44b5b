import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, issueKey, orgWithKey } from '../helpers/factories';

/** Node keeps a resident index; Workers query candidates per request: both answer the same. */
describe.each(['queried', 'resident'] as const)('matching over %s slots', (matchingSlots) => {
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let provider: Awaited<ReturnType<typeof orgWithKey>>;
  let supervisorId: string;

  const fixedNow = new Date('2026-12-01T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock: () => fixedNow, deps: { matchingSlots } });
    employer = await orgWithKey(t, 'employer', 'employer');
    provider = await orgWithKey(t, 'provider', 'handler');
    supervisorId = (await createSupervisor(t, employer.key, { maxParticipants: 3 })).id;
  });
  afterAll(() => t.close());

  describe('GET /v1/participants/{id}/matches', () => {
    it('ranks fitting slots with reasons in Swedish and English, and never proposes one that breaks a must', async () => {
      const fits = await createSlot(t, employer.key, [supervisorId], {
        title: 'Lagerarbetare i lugnt lager',
      });
      const lacksMust = await createSlot(t, employer.key, [supervisorId], {
        title: 'Lagerarbetare på natten',
        adaptations: [{ code: 'written_instructions', status: 'in_place' }],
      });
      const participant = await createParticipant(t, provider.key, { interests: ['lager'] });
      const res = await t.call('GET', `/v1/participants/${participant.id}/matches?limit=10`, {
        key: provider.key,
      });
      expect(res.status, res.text).toBe(200);
      const ids = res.body.data.map((m: { slotId: string }) => m.slotId);
      expect(ids).toContain(fits.id);
      expect(ids).not.toContain(lacksMust.id);
      const match = res.body.data.find((m: { slotId: string }) => m.slotId === fits.id);
      expect(match!.score).toBeGreaterThan(0);
      expect(match!.score).toBeLessThanOrEqual(1);
      expect(Object.keys(match!.components).sort()).toEqual(
        ['adaptations', 'distance', 'duration', 'environment', 'growth', 'supervisor', 'text'].sort(),
      );
      expect(match!.reasons.length).toBeGreaterThan(0);
      for (const r of [...match!.reasons, ...match!.gaps]) {
        expect(r.code).toEqual(expect.any(String));
        expect(r.text.sv.length).toBeGreaterThan(0);
        expect(r.text.en.length).toBeGreaterThan(0);
      }
      expect(match!.slot).toMatchObject({
        id: fits.id,
        organizationName: employer.org.name,
        municipalityName: 'Stockholm',
      });
      // Best first.
      const scores = res.body.data.map((m: { score: number }) => m.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('follows every change at once: a closed slot leaves, a reopened one comes back', async () => {
      const slot = await createSlot(t, employer.key, [supervisorId], { title: 'Packare' });
      const participant = await createParticipant(t, provider.key);
      const idsNow = async () =>
        (
          await t.call('GET', `/v1/participants/${participant.id}/matches?limit=100`, { key: provider.key })
        ).body.data.map((m: { slotId: string }) => m.slotId);
      expect(await idsNow()).toContain(slot.id);
      await t.call('POST', `/v1/slots/${slot.id}/close`, { key: employer.key });
      expect(await idsNow()).not.toContain(slot.id);
      await t.call('POST', `/v1/slots/${slot.id}/reopen`, { key: employer.key });
      expect(await idsNow()).toContain(slot.id);
      // A supervisor with no room left makes the slot unproposable too.
      const sup = await createSupervisor(t, employer.key, { maxParticipants: 1 });
      const single = await createSlot(t, employer.key, [sup.id], { title: 'Ensam plats' });
      expect(await idsNow()).toContain(single.id);
      await t.call('DELETE', `/v1/supervisors/${sup.id}`, { key: employer.key });
      expect(await idsNow()).not.toContain(single.id);
    });

    it('shows an employer’s new name at once, and only a real rename logs its slots', async () => {
      const other = await orgWithKey(t, 'employer', 'employer');
      const otherSup = (await createSupervisor(t, other.key, { maxParticipants: 2 })).id;
      const slot = await createSlot(t, other.key, [otherSup], { title: 'Kafébiträde' });
      const participant = await createParticipant(t, provider.key);
      const nameNow = async () => {
        const res = await t.call('GET', `/v1/participants/${participant.id}/matches?limit=100`, {
          key: provider.key,
        });
        expect(res.status, res.text).toBe(200);
        return res.body.data.find((m: { slotId: string }) => m.slotId === slot.id)?.slot?.organizationName;
      };
      expect(await nameNow()).toBe(other.org.name);
      const logged = async () =>
        Number(
          (
            await t.client.execute({
              sql: 'SELECT count(*) AS n FROM slot_changes WHERE slot_id = ?',
              args: [slot.id],
            })
          ).rows[0]!.n,
        );
      const before = await logged();
      // An update that keeps the name (contact only) logs nothing.
      const kept = await t.call('PATCH', `/v1/organizations/${other.org.id}`, {
        body: { contactEmail: 'ny@example.se' },
      });
      expect(kept.status, kept.text).toBe(200);
      expect(await logged()).toBe(before);
      const renamed = await t.call('PATCH', `/v1/organizations/${other.org.id}`, {
        body: { name: 'Omdöpta Caféet AB' },
      });
      expect(renamed.status, renamed.text).toBe(200);
      expect(await logged()).toBe(before + 1);
      expect(await nameNow()).toBe('Omdöpta Caféet AB');
    });

    it('drops every slot of a supervisor who fills up, not only the slot of the placement', async () => {
      // One supervisor with room for one, supervising two slots with free places.
      const sup = await createSupervisor(t, employer.key, { maxParticipants: 1 });
      const first = await createSlot(t, employer.key, [sup.id], { title: 'Lagerplats ett', capacity: 2 });
      const second = await createSlot(t, employer.key, [sup.id], { title: 'Lagerplats två', capacity: 2 });
      const watcher = await createParticipant(t, provider.key);
      const idsNow = async () =>
        (
          await t.call('GET', `/v1/participants/${watcher.id}/matches?limit=100`, { key: provider.key })
        ).body.data.map((m: { slotId: string }) => m.slotId);
      expect(await idsNow()).toEqual(expect.arrayContaining([first.id, second.id]));

      // Someone else is placed in the first slot: the supervisor has no room left for either.
      const placed = await createParticipant(t, provider.key);
      const proposal = await t.call('POST', '/v1/placements', {
        key: provider.key,
        body: { participantId: placed.id, slotId: first.id, disclose: ['strengths'] },
      });
      expect(proposal.status, proposal.text).toBe(201);
      const accepted = await t.call('POST', `/v1/placements/${proposal.body.id}/accept`, {
        key: employer.key,
        body: {},
      });
      expect(accepted.status, accepted.text).toBe(200);
      const after = await idsNow();
      expect(after).not.toContain(first.id);
      expect(after).not.toContain(second.id);

      // The placement ends: the room comes back for both.
      const ended = await t.call('POST', `/v1/placements/${proposal.body.id}/withdraw`, {
        key: provider.key,
        body: {},
      });
      expect(ended.status, ended.text).toBe(200);
      expect(await idsNow()).toEqual(expect.arrayContaining([first.id, second.id]));
    });

    it('is only for handlers of the participant’s organization', async () => {
      const participant = await createParticipant(t, provider.key);
      const path = `/v1/participants/${participant.id}/matches`;
      const other = await orgWithKey(t, 'provider', 'handler');
      const coordinator = await issueKey(t, provider.org.id, 'coordinator');
      expect((await t.call('GET', path, { key: other.key })).status).toBe(404);
      expect((await t.call('GET', path, { key: employer.key })).status).toBe(404);
      expect((await t.call('GET', path)).status).toBe(404); // the platform admin never reads participants
      expect((await t.call('GET', path, { key: coordinator.key })).status).toBe(403);
    });
  });

  describe('GET /v1/slots/{id}/candidates', () => {
    it('ranks only the caller’s own participants', async () => {
      const slot = await createSlot(t, employer.key, [supervisorId], { title: 'Lagerplats för kandidater' });
      const mine = await createParticipant(t, provider.key, { interests: ['lager'] });
      const other = await orgWithKey(t, 'provider', 'handler');
      const theirs = await createParticipant(t, other.key);
      const res = await t.call('GET', `/v1/slots/${slot.id}/candidates`, { key: provider.key });
      expect(res.status, res.text).toBe(200);
      const ids = res.body.data.map((m: { participantId: string }) => m.participantId);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
      expect(res.body.data[0]!.participant.reference).toEqual(expect.any(String));
      expect((await t.call('GET', `/v1/slots/${slot.id}/candidates`, { key: employer.key })).status).toBe(
        403,
      );
    });
  });

  describe('POST /v1/allocations', () => {
    it('solves the greedy trap optimally and is deterministic', async () => {
      // Two participants; X fits both slots, Y only the one X likes best. Greedy gives X that slot
      // and leaves Y without; the optimum moves X to the other slot.
      const org = await orgWithKey(t, 'employer', 'employer');
      const sup = await createSupervisor(t, org.key, { maxParticipants: 5 });
      const near = await createSlot(t, org.key, [sup.id], {
        title: 'Bageri nära',
        tasks: ['baka bröd'],
        capacity: 1,
        location: { municipalityCode: '1480', lat: 57.7, lon: 11.97 },
      });
      const far = await createSlot(t, org.key, [sup.id], {
        title: 'Lager längre bort',
        tasks: ['packa'],
        capacity: 1,
        location: { municipalityCode: '1480', lat: 57.75, lon: 12.05 },
      });
      const x = await createParticipant(t, provider.key, {
        interests: ['bageri'],
        location: { municipalityCode: '1480', lat: 57.7, lon: 11.97 },
        maxTravelKm: 30,
      });
      const y = await createParticipant(t, provider.key, {
        interests: ['bageri'],
        location: { municipalityCode: '1480', lat: 57.7, lon: 11.97 },
        maxTravelKm: 3,
      });
      const body = { participantIds: [x.id, y.id], slotIds: [near.id, far.id] };
      const res = await t.call('POST', '/v1/allocations', { key: provider.key, body });
      expect(res.status, res.text).toBe(200);
      const bySlot = Object.fromEntries(res.body.assignments.map((a) => [a.participantId, a.slotId]));
      expect(bySlot).toEqual({ [x.id]: far.id, [y.id]: near.id });
      expect(res.body.unassigned).toEqual([]);
      const again = await t.call('POST', '/v1/allocations', { key: provider.key, body });
      expect(again.body).toEqual(res.body);
      // Without a slot list, the slots come from the participants' own candidates: the same two.
      const found = await t.call('POST', '/v1/allocations', {
        key: provider.key,
        body: { participantIds: [x.id, y.id] },
      });
      expect(found.status, found.text).toBe(200);
      expect(found.body.slotsConsidered).toBe(2);
      expect(found.body.assignments).toEqual(res.body.assignments);
    });

    it('refuses participants of another organization (422) and employers (403)', async () => {
      const other = await orgWithKey(t, 'provider', 'handler');
      const theirs = await createParticipant(t, other.key);
      const res = await t.call('POST', '/v1/allocations', {
        key: provider.key,
        body: { participantIds: [theirs.id] },
      });
      expect(res.status).toBe(422);
      expect(res.problem.errors![0]!.path).toBe('participantIds.0');
      expect(
        (
          await t.call('POST', '/v1/allocations', {
            key: employer.key,
            body: { participantIds: [theirs.id] },
          })
        ).status,
      ).toBe(403);
    });
  });
});
