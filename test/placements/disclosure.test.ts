/** What the employer sees of a participant, for how long, and the audit trail of it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { issueKey, orgWithKey } from '../helpers/factories';
import { moved, placementWorld, propose, proposed, type World } from './helpers';

// A clock the test moves: consents expire in days, not in wall-clock time.
let nowMs = Date.parse('2026-03-02T09:00:00Z');
const days = (n: number) => n * 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(nowMs) });
});
afterAll(() => t.close());

const audit = async (key: string, participantId: string) =>
  (await t.call('GET', `/v1/audit?participantId=${participantId}&limit=100`, { key })).body.data;

describe('disclosure to the employer', () => {
  let w: World;
  let placement: Awaited<ReturnType<typeof propose>>['body'];
  beforeAll(async () => {
    w = await placementWorld(t);
    placement = (await propose(t, w, { disclose: ['strengths', 'adaptationNeeds', 'hoursPerWeek'] })).body;
  });

  it('shows the employer only the disclosed fields, read from the participant record', async () => {
    const res = await t.call('GET', `/v1/placements/${placement.id}`, { key: w.employer.key });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.disclosed).sort()).toEqual(['adaptationNeeds', 'hoursPerWeek', 'strengths']);
    expect(res.body.disclosed.strengths).toEqual(['noggrann', 'tycker om ordning']);
    expect(res.body.disclosed.hoursPerWeek).toEqual({ now: 6, target: 16 });
    // Needs as needs: a code, a priority and labels, nothing else.
    expect(res.body.disclosed.adaptationNeeds).toEqual([
      { code: 'quiet_workspace', priority: 'must', label: { sv: 'Tyst arbetsplats', en: 'Quiet workspace' } },
    ]);
    // Never the reference, the handler, the location or undisclosed fields.
    expect(res.text).not.toContain(w.participant.reference);
    expect(res.text).not.toContain(w.participant.handlerId);
    expect(res.body.participantReference).toBeNull();
    expect(res.body.disclosed.interests).toBeUndefined();
    expect(res.body.checkIns).toBeUndefined();
    expect(res.body.consent!.fields).toEqual(['strengths', 'adaptationNeeds', 'hoursPerWeek']);
    expect(res.body.consent!.valid).toBe(true);
  });

  it('filters the employer’s list the same way', async () => {
    const res = await t.call('GET', '/v1/placements', { key: w.employer.key });
    expect(res.status).toBe(200);
    const item = res.body.data.find((p) => p.id === placement.id);
    expect(Object.keys(item!.disclosed).sort()).toEqual(['adaptationNeeds', 'hoursPerWeek', 'strengths']);
    expect(res.text).not.toContain(w.participant.reference);
  });

  it('reads live: a change to the participant shows at once', async () => {
    const patch = await t.call('PATCH', `/v1/participants/${w.participant.id}`, {
      key: w.provider.key,
      body: { strengths: ['snabb på att lära sig'] },
    });
    expect(patch.status).toBe(200);
    const res = await t.call('GET', `/v1/placements/${placement.id}`, { key: w.employer.key });
    expect(res.body.disclosed.strengths).toEqual(['snabb på att lära sig']);
  });

  it('shows the provider its own reference and the same disclosed fields as a preview', async () => {
    const res = await t.call('GET', `/v1/placements/${placement.id}`, { key: w.provider.key });
    expect(res.body.participantReference).toBe(w.participant.reference);
    expect(Object.keys(res.body.disclosed).sort()).toEqual(['adaptationNeeds', 'hoursPerWeek', 'strengths']);
    expect(res.body.checkIns).toEqual([]);
  });

  it('refuses to disclose the reference, the handler or unknown fields', async () => {
    for (const field of ['reference', 'handlerId', 'location', 'avoid']) {
      const other = await placementWorld(t);
      const res = await propose(t, other, { disclose: ['strengths', field] });
      expect(res.status).toBe(400);
      expect(res.problem.errors![0]!.path).toBe('disclose.1');
      expect(res.problem.errors![0]!.message).toContain('never disclosed');
    }
  });

  it('refuses a consent expiry in the past or more than two years ahead', async () => {
    const other = await placementWorld(t);
    const past = await propose(t, other, { consentExpiresAt: new Date(nowMs - days(1)).toISOString() });
    expect(past.status).toBe(422);
    const far = await propose(t, other, { consentExpiresAt: new Date(nowMs + days(800)).toISOString() });
    expect(far.status).toBe(422);
  });

  it('gives a consent six months by default', async () => {
    const other = await placementWorld(t);
    const p = await proposed(t, other);
    expect(Date.parse(p.consent!.expiresAt) - nowMs).toBe(days(183));
  });
});

describe('consent expiry and change', () => {
  it('hides the fields once the consent has expired, and logs no read then', async () => {
    const w = await placementWorld(t);
    const p = (await propose(t, w, { consentExpiresAt: new Date(nowMs + days(10)).toISOString() })).body;
    const before = await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key });
    expect(Object.keys(before.body.disclosed).length).toBe(3);
    const readsBefore = (await audit(w.provider.key, w.participant.id)).filter((e) => e.action === 'read');

    nowMs += days(11);
    const after = await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key });
    expect(after.body.disclosed).toEqual({});
    expect(after.body.consent!.valid).toBe(false);
    const readsAfter = (await audit(w.provider.key, w.participant.id)).filter((e) => e.action === 'read');
    expect(readsAfter).toHaveLength(readsBefore.length);
  });

  it('changes or revokes what the employer sees with a new consent, audited', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    const changed = await t.call('PUT', `/v1/placements/${p.id}/consent`, {
      key: w.provider.key,
      body: { disclose: ['interests'] },
    });
    expect(changed.status).toBe(200);
    const seen = await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key });
    expect(seen.body.disclosed).toEqual({ interests: ['lager'] });

    const revoked = await t.call('PUT', `/v1/placements/${p.id}/consent`, {
      key: w.provider.key,
      body: { disclose: [] },
    });
    expect(revoked.body.consent!.revokedAt).not.toBeNull();
    expect((await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key })).body.disclosed).toEqual(
      {},
    );
    // The employer cannot change consent.
    const byEmployer = await t.call('PUT', `/v1/placements/${p.id}/consent`, {
      key: w.employer.key,
      body: { disclose: ['strengths'] },
    });
    expect(byEmployer.status).toBe(403);
    const entries = await audit(w.provider.key, w.participant.id);
    expect(entries.filter((e) => e.action === 'disclose').map((e) => e.fields)).toEqual([
      ['interests'],
      ['strengths', 'adaptationNeeds', 'hoursPerWeek'],
    ]);
    expect(entries.some((e) => e.action === 'consent_change' && e.fields.length === 0)).toBe(true);
  });
});

describe('audit', () => {
  it('logs the disclosure and every read by the employer (who, what, when), not the provider’s own reads', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    let entries = await audit(w.provider.key, w.participant.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'disclose',
      fields: ['strengths', 'adaptationNeeds', 'hoursPerWeek'],
      placementId: p.id,
      recipientOrganizationId: w.employer.org.id,
      actor: { userId: w.provider.userId, organizationId: w.provider.org.id },
      at: new Date(nowMs).toISOString(),
    });

    await t.call('GET', `/v1/placements/${p.id}`, { key: w.provider.key });
    await t.call('GET', '/v1/placements', { key: w.provider.key });
    expect(await audit(w.provider.key, w.participant.id)).toHaveLength(1);

    await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key });
    await moved(t, w.employer.key, p.id, 'accept'); // the answer shows fields: a read too
    await t.call('GET', `/v1/placements?slotId=${w.slot.id}`, { key: w.employer.key });
    entries = await audit(w.provider.key, w.participant.id);
    const reads = entries.filter((e) => e.action === 'read');
    expect(reads).toHaveLength(3);
    for (const r of reads)
      expect(r).toMatchObject({
        actor: { userId: w.employer.userId, organizationId: w.employer.org.id },
        fields: ['strengths', 'adaptationNeeds', 'hoursPerWeek'],
        placementId: p.id,
      });
  });

  it('is listed only by the participant’s provider organization', async () => {
    const w = await placementWorld(t);
    await proposed(t, w, { participantId: w.participant.id });
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    const coord = await t.call('GET', `/v1/audit?participantId=${w.participant.id}`, {
      key: coordinator.key,
    });
    expect(coord.status).toBe(200);
    expect(coord.body.data).toHaveLength(1);
    const otherProvider = await orgWithKey(t, 'provider', 'handler');
    expect(
      (await t.call('GET', `/v1/audit?participantId=${w.participant.id}`, { key: otherProvider.key })).status,
    ).toBe(404);
    const otherAll = await t.call('GET', '/v1/audit', { key: otherProvider.key });
    expect(otherAll.body.data).toEqual([]);
    expect((await t.call('GET', '/v1/audit', { key: w.employer.key })).status).toBe(403);
    expect((await t.call('GET', '/v1/audit', {})).status).toBe(403); // the platform admin
  });

  it('pages newest first with a cursor', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id });
    for (let i = 0; i < 4; i++) await t.call('GET', `/v1/placements/${p.id}`, { key: w.employer.key });
    const first = await t.call('GET', `/v1/audit?participantId=${w.participant.id}&limit=3`, {
      key: w.provider.key,
    });
    expect(first.body.data).toHaveLength(3);
    expect(first.body.data.every((e) => e.action === 'read')).toBe(true);
    const second = await t.call(
      'GET',
      `/v1/audit?participantId=${w.participant.id}&limit=3&cursor=${first.body.nextCursor}`,
      { key: w.provider.key },
    );
    expect(second.body.data.map((e) => e.action)).toEqual(['read', 'disclose']);
    expect(second.body.nextCursor).toBeNull();
  });
});
