/**
 * A participant's matches inside workerd: the matching index lives in the isolate (built once with
 * the app) and follows the slot change log on every request, on each driver.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../../helpers/factories';
import type { Driver } from '../drivers';

export function matchingFlows({ name, t, call }: Driver) {
  describe(`matches on ${name}`, () => {
    let employer: Awaited<ReturnType<typeof orgWithKey>>;
    let provider: Awaited<ReturnType<typeof orgWithKey>>;
    let supervisorId: string;

    beforeAll(async () => {
      employer = await orgWithKey(t, 'employer', 'employer');
      provider = await orgWithKey(t, 'provider', 'handler');
      supervisorId = (await createSupervisor(t, employer.key, { maxParticipants: 3 })).id;
    });

    const matchIds = async (participantId: string) => {
      const res = await call('GET', `/v1/participants/${participantId}/matches?limit=100`, {
        key: provider.key,
      });
      expect(res.status, res.text).toBe(200);
      return res.body.data.map((m: { slotId: string }) => m.slotId) as string[];
    };

    it('ranks a fitting slot with reasons in Swedish and English, and leaves out one that breaks a must', async () => {
      const fits = await createSlot(t, employer.key, [supervisorId], {
        title: 'Lagerarbetare i lugnt lager',
      });
      const lacksMust = await createSlot(t, employer.key, [supervisorId], {
        title: 'Lagerarbetare på natten',
        adaptations: [{ code: 'written_instructions', status: 'in_place' }],
      });
      const participant = await createParticipant(t, provider.key, { interests: ['lager'] });
      const res = await call('GET', `/v1/participants/${participant.id}/matches?limit=100`, {
        key: provider.key,
      });
      expect(res.status, res.text).toBe(200);
      const match = res.body.data.find((m: { slotId: string }) => m.slotId === fits.id);
      expect(match, 'the fitting slot is among the matches').toBeDefined();
      expect(match!.score).toBeGreaterThan(0);
      expect(match!.reasons.length).toBeGreaterThan(0);
      for (const r of match!.reasons) expect(r.text.sv && r.text.en).toBeTruthy();
      expect(res.body.data.map((m: { slotId: string }) => m.slotId)).not.toContain(lacksMust.id);
    });

    it('follows slot changes at once: a closed slot leaves, a reopened one returns', async () => {
      const slot = await createSlot(t, employer.key, [supervisorId], { title: 'Packare' });
      const participant = await createParticipant(t, provider.key);
      expect(await matchIds(participant.id)).toContain(slot.id);
      await call('POST', `/v1/slots/${slot.id}/close`, { key: employer.key });
      expect(await matchIds(participant.id)).not.toContain(slot.id);
      await call('POST', `/v1/slots/${slot.id}/reopen`, { key: employer.key });
      expect(await matchIds(participant.id)).toContain(slot.id);
    });
  });
}
