/**
 * The placement agreement (issue #16): drafted by the handler once the employer has accepted, every
 * change a new version that withdraws all approvals, approved by the participant (or the handler on
 * their behalf, with a reason), the employer and the handler; a placement starts only on an approved
 * current version. Every refusal is a problem document and changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementApprovals, agreementVersions, auditLog, notifications } from '../../db/schema';
import { storedTemplateData } from '../../src/mail/templates';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, issueKey, orgWithKey } from '../helpers/factories';
import { drainAll } from '../mail/support';
import { agreed, agreementBody, move, moved, placementWorld, proposed, type World } from './helpers';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await placementWorld(t, { capacity: 20, maxParticipants: 20 });
});
afterAll(() => t.close());

const path = (id: string) => `/v1/placements/${id}/agreement` as const;
const put = (key: string, id: string, body: unknown) => t.call('PUT', path(id), { key, body });
const approve = (key: string, id: string, body: unknown) =>
  t.call('POST', `${path(id)}/approve`, { key, body });
const onBehalf = { onBehalfOfParticipant: true, reason: 'Deltagaren godkände muntligt vid trepartsmötet.' };

async function accepted() {
  const p = await proposed(t, w);
  await moved(t, w.employer.key, p.id, 'accept', {});
  return p.id as string;
}
async function versionsOf(id: string) {
  return t.db.select().from(agreementVersions).where(eq(agreementVersions.placementId, id));
}

describe('drafting', () => {
  it('is refused before the employer has accepted, and by anyone but the provider side', async () => {
    const p = await proposed(t, w);
    const early = await put(w.provider.key, p.id, agreementBody());
    expect(early.status).toBe(409);
    expect(early.problem.type).toBe('/problems/agreement-not-open');
    await moved(t, w.employer.key, p.id, 'accept', {});
    const byEmployer = await put(w.employer.key, p.id, agreementBody());
    expect(byEmployer.status).toBe(403);
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    expect((await put(coordinator.key, p.id, agreementBody())).status).toBe(403);
    const stranger = await orgWithKey(t, 'provider', 'handler');
    const hidden = await put(stranger.key, p.id, agreementBody());
    expect(hidden.status).toBe(404);
    expect(hidden.problem.type).toBe('/problems/not-found');
    expect(await versionsOf(p.id)).toEqual([]);
  });

  it('refuses bad input field by field, and health data in free text', async () => {
    const id = await accepted();
    const res = await put(
      w.provider.key,
      id,
      agreementBody({
        tasks: ['Har diagnos ADHD'],
        goals: [],
        dates: { start: '2026-02-01', review: '2026-01-01' },
        supportTeam: [{ party: 'police', name: 'X', consent: true }],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.problem.errors!.map((e) => e.path).sort()).toEqual(
      ['dates.review', 'goals', 'supportTeam.0.party', 'tasks.0'].sort(),
    );
    expect(await versionsOf(id)).toEqual([]);
  });

  it('a supervisor who does not serve the slot is refused with 422', async () => {
    const id = await accepted();
    const other = await orgWithKey(t, 'employer', 'employer');
    const sup = await t.call('POST', '/v1/supervisors', {
      key: other.key,
      body: { name: 'Lars Berg', email: 'lars@example.se', trained: true, maxParticipants: 2 },
    });
    const res = await put(w.provider.key, id, agreementBody({ supervisorId: sup.body.id }));
    expect(res.status).toBe(422);
    expect(res.problem.errors).toEqual([
      { path: 'supervisorId', message: 'is not one of the slot’s supervisors' },
    ]);
  });
});

describe('versions and approvals', () => {
  it('three parties approve; a change withdraws every approval and keeps the old version readable', async () => {
    const id = await accepted();
    const v1 = await put(w.provider.key, id, agreementBody());
    expect(v1.status).toBe(200);
    expect(v1.body.current!.version).toBe(1);
    expect(v1.body.current!.content.supervisorId).toBe(w.supervisor.id); // the placement's, by default
    expect(v1.body.missingApprovals).toEqual(['participant', 'employer', 'handler']);

    expect((await approve(w.provider.key, id, { version: 1 })).body.missingApprovals).toEqual([
      'participant',
      'employer',
    ]);
    const behalf = await approve(w.provider.key, id, { version: 1, ...onBehalf });
    expect(behalf.body.missingApprovals).toEqual(['employer']);
    expect(behalf.body.current!.approvals.find((a) => a.party === 'participant')).toMatchObject({
      onBehalfOfParticipant: true,
      reason: onBehalf.reason,
    });
    const all = await approve(w.employer.key, id, { version: 1 });
    expect(all.body.missingApprovals).toEqual([]);
    // The employer sees that the handler approved for the participant, not the reason or who.
    expect(all.body.current!.approvals.find((a) => a.party === 'participant')).toMatchObject({
      onBehalfOfParticipant: true,
      reason: null,
      approvedBy: null,
    });

    // The same content again is no change.
    const same = await put(w.provider.key, id, agreementBody({ baseVersion: 1 }));
    expect(same.body.current!.version).toBe(1);
    expect(same.body.missingApprovals).toEqual([]);

    const v2 = await put(w.provider.key, id, agreementBody({ baseVersion: 1, tasks: ['Plocka varor'] }));
    expect(v2.body.current!.version).toBe(2);
    expect(v2.body.current!.changedFields).toEqual(['tasks']);
    expect(v2.body.current!.approvals).toEqual([]);
    expect(v2.body.missingApprovals).toEqual(['participant', 'employer', 'handler']);
    expect(v2.body.history.map((v) => [v.version, v.approvals.length])).toEqual([[1, 3]]);
    expect(v2.body.history[0]!.content.tasks).toEqual(['Plocka varor', 'Packa beställningar']);
    expect(v2.body.current!.changedBy).toBe(v1.body.current!.changedBy);

    const start = await move(t, w.provider.key, id, 'start', {});
    expect(start.status).toBe(409);
    expect(start.problem.type).toBe('/problems/agreement-not-approved');
    expect(start.problem.detail).toContain('the participant, the employer, the handler');
  });

  it('approving an old version is refused with 409 and records nothing', async () => {
    const id = await accepted();
    await put(w.provider.key, id, agreementBody());
    await put(w.provider.key, id, agreementBody({ goals: ['towards_hire'] }));
    const old = await approve(w.employer.key, id, { version: 1 });
    expect(old.status).toBe(409);
    expect(old.problem.type).toBe('/problems/agreement-version-old');
    const future = await approve(w.employer.key, id, { version: 3 });
    expect(future.status).toBe(409);
    const rows = await t.db.select().from(agreementApprovals).where(eq(agreementApprovals.placementId, id));
    expect(rows).toEqual([]);
  });

  it('a change made from an older version is refused (409 agreement-changed)', async () => {
    const id = await accepted();
    await put(w.provider.key, id, agreementBody({ baseVersion: 0 }));
    const stale = await put(w.provider.key, id, agreementBody({ baseVersion: 0, tasks: ['Diska'] }));
    expect(stale.status).toBe(409);
    expect(stale.problem.type).toBe('/problems/agreement-changed');
    expect(await versionsOf(id)).toHaveLength(1);
  });

  it('the wrong party is refused: the employer on the participant’s behalf (403), a coordinator (403), others (404)', async () => {
    const id = await accepted();
    await put(w.provider.key, id, agreementBody());
    const employerBehalf = await approve(w.employer.key, id, { version: 1, ...onBehalf });
    expect(employerBehalf.status).toBe(403);
    expect(employerBehalf.problem.type).toBe('/problems/forbidden');
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    expect((await approve(coordinator.key, id, { version: 1 })).status).toBe(403);
    const otherEmployer = await orgWithKey(t, 'employer', 'employer');
    expect((await approve(otherEmployer.key, id, { version: 1 })).status).toBe(404);
    expect((await t.call('POST', `${path(id)}/approve`, { key: null, body: { version: 1 } })).status).toBe(
      401,
    );
    const noReason = await approve(w.provider.key, id, { version: 1, onBehalfOfParticipant: true });
    expect(noReason.status).toBe(400);
    expect(noReason.problem.errors).toEqual([
      { path: 'reason', message: 'state why you approve on the participant’s behalf' },
    ]);
    const rows = await t.db.select().from(agreementApprovals).where(eq(agreementApprovals.placementId, id));
    expect(rows).toEqual([]);
  });

  it('the participant approves through their own sign-in: only their own placement (404 otherwise)', async () => {
    const id = await accepted();
    const v = await put(w.provider.key, id, agreementBody());
    const placement = await t.call('GET', `/v1/placements/${id}`, { key: w.provider.key });
    const agreements = t.app.services.agreements;
    const notices = await agreements.noticesFor(placement.body.participantId);
    expect(notices).toMatchObject([{ kind: 'agreement_approval_wanted', placementId: id, version: 1 }]);
    const other = await createParticipant(t, w.provider.key);
    await expect(agreements.approveAsParticipant(id, 1, other.id)).rejects.toMatchObject({ status: 404 });
    await expect(agreements.approveAsParticipant(id, 2, placement.body.participantId)).rejects.toMatchObject({
      status: 409,
    });
    const own = await agreements.approveAsParticipant(
      id,
      v.body.current!.version,
      placement.body.participantId,
    );
    expect(own.missingApprovals).toEqual(['employer', 'handler']);
    expect(own.current!.approvals[0]).toMatchObject({ party: 'participant', onBehalfOfParticipant: false });
    expect(await agreements.noticesFor(placement.body.participantId)).toEqual([]);
  });
});

describe('what the employer sees', () => {
  it('only the shared participant fields and the consented support contacts; the read is audited', async () => {
    const id = await accepted();
    await put(w.provider.key, id, agreementBody());
    const seen = await t.call('GET', path(id), { key: w.employer.key });
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.body.participant.disclosed).sort()).toEqual([
      'adaptationNeeds',
      'hoursPerWeek',
      'strengths',
    ]);
    expect(seen.body.current!.content.supportTeam).toEqual([
      { party: 'arbetsformedlingen', name: 'Kim Berg', role: 'arbetsförmedlare', consent: true },
    ]);
    expect(seen.body.current!.changedBy).toBeNull();
    const handlerView = await t.call('GET', path(id), { key: w.provider.key });
    expect(handlerView.body.current!.content.supportTeam).toHaveLength(2);
    const reads = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.placementId, id), eq(auditLog.action, 'read')));
    expect(reads.map((r) => r.fields)).toContainEqual(['supportTeam']);
    expect(reads.every((r) => r.actorOrganizationId === w.employer.org.id)).toBe(true);
  });
});

describe('starting', () => {
  it('starts once all three approved the current version', async () => {
    const id = await accepted();
    const none = await move(t, w.employer.key, id, 'start', {});
    expect(none.status).toBe(409);
    expect(none.problem.type).toBe('/problems/agreement-not-approved');
    await put(w.provider.key, id, agreementBody());
    await approve(w.provider.key, id, { version: 1 });
    const partly = await move(t, w.provider.key, id, 'start', {});
    expect(partly.status).toBe(409);
    expect(partly.problem.detail).toContain('not yet approved by: the participant, the employer.');
    const still = await t.call('GET', `/v1/placements/${id}`, { key: w.provider.key });
    expect(still.body.state).toBe('accepted');
    await approve(w.provider.key, id, { version: 1, ...onBehalf });
    await approve(w.employer.key, id, { version: 1 });
    expect((await move(t, w.provider.key, id, 'start', {})).status).toBe(200);
  });

  it('a competitive job starts without an agreement (the employment contract governs)', async () => {
    const slot = await createSlot(t, w.employer.key, [w.supervisor.id], { kind: 'competitive_job' });
    const p = await proposed(t, w, { slotId: slot.id });
    await moved(t, w.employer.key, p.id, 'accept', {});
    const agreement = await t.call('GET', path(p.id), { key: w.provider.key });
    expect(agreement.body.approvalRequired).toBe(false);
    expect((await move(t, w.provider.key, p.id, 'start', {})).status).toBe(200);
  });
});

describe('notifications', () => {
  it('a new version mails the employer side (the link lands on the agreement page)', async () => {
    const id = await accepted();
    await drainAll(t);
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, id);
    await put(w.provider.key, id, agreementBody({ goals: ['towards_hire'] }));
    await drainAll(t);
    const rows = (
      await t.db.select().from(notifications).where(eq(notifications.template, 'agreement_approval_wanted'))
    ).filter((n) => 'placementId' in n.data && n.data.placementId === id);
    // Version 1 was approved before its mail went out: only version 2 asks the supervisor and the contact.
    expect(
      rows
        .map((r) => [r.recipientKind, storedTemplateData('agreement_approval_wanted', r.data).version])
        .sort(),
    ).toEqual([
      ['organization', 2],
      ['supervisor', 2],
    ]);
    expect(rows.every((r) => r.textBody?.includes(`/placements/${id}/agreement`))).toBe(true);
    expect(rows.every((r) => !r.textBody?.includes(w.participant.reference))).toBe(true);
  });
});
