/**
 * A slot names the qualities the work suits from the strengths vocabulary participants pick from
 * too (issue #14): stored and shown as given, refused when not in the vocabulary, and met by a
 * participant's strength as a reason in Swedish, on both ways matching reads slots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

describe.each(['queried', 'resident'] as const)('slot qualities over %s slots', (matchingSlots) => {
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let provider: Awaited<ReturnType<typeof orgWithKey>>;
  let supervisorId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date('2026-12-01T09:00:00Z'), deps: { matchingSlots } });
    employer = await orgWithKey(t, 'employer', 'employer');
    provider = await orgWithKey(t, 'provider', 'handler');
    supervisorId = (await createSupervisor(t, employer.key, { maxParticipants: 3 })).id;
  });
  afterAll(() => t.close());

  // Words that meet none of the strengths below: only the slot's field can.
  const kennel = {
    title: 'Hundpensionat',
    description: 'Hundar i alla storlekar.',
    tasks: ['rasta hundar'],
    occupation: { ssyk: '5169', label: 'Hundvakt' },
    adaptations: [],
  };

  it('stores the qualities in the vocabulary’s order, and refuses a code outside it', async () => {
    const slot = await createSlot(t, employer.key, [supervisorId], {
      ...kennel,
      suits: ['structured', 'careful'],
    });
    expect(slot.suits).toEqual(['careful', 'structured']);
    expect((await t.call('GET', `/v1/slots/${slot.id}`, { key: employer.key })).body.suits).toEqual([
      'careful',
      'structured',
    ]);
    const bad = await t.call('PATCH', `/v1/slots/${slot.id}`, {
      key: employer.key,
      body: { suits: ['brave'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('"path":"suits');
    expect((await t.call('GET', `/v1/slots/${slot.id}`, { key: employer.key })).body.suits).toEqual([
      'careful',
      'structured',
    ]);
    const none = await createSlot(t, employer.key, [supervisorId], kennel);
    expect(none.suits).toEqual([]);
  });

  it('a participant whose strength the slot names gets it as a reason, in Swedish', async () => {
    const suited = await createSlot(t, employer.key, [supervisorId], { ...kennel, suits: ['structured'] });
    const plain = await createSlot(t, employer.key, [supervisorId], kennel);
    const p = await createParticipant(t, provider.key, {
      strengths: ['strukturerad'],
      interests: [],
      adaptationNeeds: [],
    });
    const res = await t.call('GET', `/v1/participants/${p.id}/matches?limit=100`, { key: provider.key });
    expect(res.status, res.text).toBe(200);
    type M = { slotId: string; score: number; reasons: { code: string; text: { sv: string } }[] };
    const of = (id: string) => res.body.data.find((m: M) => m.slotId === id) as M;
    expect(of(suited.id).reasons.find((r) => r.code === 'strengths_match')?.text.sv).toBe(
      'Tar vara på styrkor: strukturerad',
    );
    expect(of(plain.id).reasons.some((r) => r.code === 'strengths_match')).toBe(false);
    expect(of(suited.id).score).toBeGreaterThan(of(plain.id).score);
    // Edited away, the reason goes with it.
    await t.call('PATCH', `/v1/slots/${suited.id}`, { key: employer.key, body: { suits: [] } });
    const after = await t.call('GET', `/v1/participants/${p.id}/matches?limit=100`, { key: provider.key });
    const edited = after.body.data.find((m: M) => m.slotId === suited.id) as M;
    expect(edited.reasons.some((r) => r.code === 'strengths_match')).toBe(false);
  });
});
