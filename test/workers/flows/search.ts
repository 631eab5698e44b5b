/**
 * Slot search inside workerd, on each driver: a new slot reaches the index through the outbox (the
 * cron's drain), is found by a word of its title or a part of a compound, and leaves the results
 * once closed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSlot, createSupervisor, orgWithKey } from '../../helpers/factories';
import type { Driver } from '../drivers';
import { runCron } from '../helpers';

/** A word no other test's slot has, so results never depend on what else the database holds. */
const uniqueWord = () =>
  `zq${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('')}`;

export function searchFlows({ name, t, call, env }: Driver) {
  describe(`slot search on ${name}`, () => {
    let employer: Awaited<ReturnType<typeof orgWithKey>>;
    let provider: Awaited<ReturnType<typeof orgWithKey>>;
    let supervisorId: string;

    beforeAll(async () => {
      employer = await orgWithKey(t, 'employer', 'employer');
      provider = await orgWithKey(t, 'provider', 'handler');
      supervisorId = (await createSupervisor(t, employer.key)).id;
    });

    const search = async (q: string) => {
      const res = await call('GET', `/v1/slots/search?q=${encodeURIComponent(q)}`, { key: provider.key });
      expect(res.status, res.text).toBe(200);
      return res.body as { data: { id: string; title: string }[]; meta: { engine: string } };
    };

    it('finds a new slot by a word of its title or a compound part once the outbox has run, and loses it once closed', async () => {
      const word = uniqueWord();
      const slot = await createSlot(t, employer.key, [supervisorId], { title: `Bageribiträde ${word}` });

      await runCron(env);
      const found = await search(word);
      expect(found.meta.engine).toBe('embedded');
      expect(found.data.map((h) => h.id)).toEqual([slot.id]);

      // A part of a Swedish compound finds the whole word ("verkstad" finds "bilverkstad"): the
      // derived search keys split compounds against the lexicon, on D1 as on libSQL.
      const compound = await createSlot(t, employer.key, [supervisorId], {
        title: `Mekaniker på bilverkstad ${word}`,
      });
      await runCron(env);
      expect((await search(word)).data.map((h) => h.id).sort()).toEqual([slot.id, compound.id].sort());
      expect((await search(`verkstad ${word}`)).data.map((h) => h.id)).toEqual([compound.id]);

      expect((await call('POST', `/v1/slots/${slot.id}/close`, { key: employer.key })).status).toBe(200);
      expect((await call('POST', `/v1/slots/${compound.id}/close`, { key: employer.key })).status).toBe(200);
      await runCron(env);
      expect((await search(word)).data).toEqual([]);
    });
  });
}
