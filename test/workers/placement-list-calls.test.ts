/**
 * A page of placements costs a fixed number of D1 calls, however many (participant, employer) pairs
 * it shows: each call is a round trip, and the Free plan allows 50 per invocation. Before the
 * consents of a page were read in one statement, a page of 100 pairs made a call per pair. The
 * count is what the Worker itself reports in `x-d1-usage` (outside production), for the provider's
 * list (100 distinct pairs over two employers) and the employer's (100 participants, each read
 * audited).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FREE_PLAN_CALLS } from '../../src/entry/worker-drain';
import { D1_USAGE_HEADER } from '../../src/entry/worker-usage';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../helpers/factories';
import { asTestApp, call } from './helpers';

const t = asTestApp(call);
const PER_EMPLOYER = [100, 20];

let provider: Awaited<ReturnType<typeof orgWithKey>>;
const employers: { key: string; slotId: string }[] = [];

const callsOf = (headers: Headers) =>
  Number(/calls=(\d+)/.exec(headers.get(D1_USAGE_HEADER) ?? '')?.[1] ?? Number.NaN);

beforeAll(async () => {
  provider = await orgWithKey(t, 'provider', 'handler');
  for (const count of PER_EMPLOYER) {
    const employer = await orgWithKey(t, 'employer', 'employer');
    const supervisor = await createSupervisor(t, employer.key, { maxParticipants: 20 });
    const slot = await createSlot(t, employer.key, [supervisor.id], { capacity: 20 });
    employers.push({ key: employer.key, slotId: slot.id });
    for (let i = 0; i < count; i++) {
      const participant = await createParticipant(t, provider.key);
      const res = await t.call('POST', '/v1/placements', {
        key: provider.key,
        body: {
          participantId: participant.id,
          slotId: slot.id,
          // Disclosed fields: the employer's list shows them and audits each read.
          disclose: ['strengths', 'hoursPerWeek'],
        },
      });
      if (res.status !== 201) throw new Error(`proposal answered ${res.status}: ${res.text}`);
    }
  }
}, 120_000);

describe('D1 calls for a page of placements', () => {
  it('the provider’s page of 100 placements with 100 distinct pairs stays within the Free plan’s 50', async () => {
    const res = await t.call('GET', '/v1/placements?limit=100', { key: provider.key });
    expect(res.status, res.text).toBe(200);
    const page = res.body as { data: { participantId: string; employerOrganizationId?: string }[] };
    expect(page.data).toHaveLength(100);
    const calls = callsOf(res.headers);
    expect(calls).toBeLessThanOrEqual(FREE_PLAN_CALLS);
    // A fixed cost, not one per pair: the same as a page of one.
    const one = await t.call('GET', '/v1/placements?limit=1', { key: provider.key });
    expect(one.status, one.text).toBe(200);
    expect(calls).toBe(callsOf(one.headers));
  });

  it('the employer’s page of 100 placements, each read audited, stays within the Free plan’s 50', async () => {
    const key = employers[0]!.key;
    const res = await t.call('GET', '/v1/placements?limit=100', { key });
    expect(res.status, res.text).toBe(200);
    expect((res.body as { data: unknown[] }).data).toHaveLength(100);
    const calls = callsOf(res.headers);
    expect(calls).toBeLessThanOrEqual(FREE_PLAN_CALLS);
    const one = await t.call('GET', '/v1/placements?limit=1', { key });
    expect(one.status, one.text).toBe(200);
    expect(calls).toBe(callsOf(one.headers));
  });
});
