/** Employer relations: contacts shared within the provider organization, shown on the employer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { issueKey, orgWithKey } from '../helpers/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const contact = (key: string, body: Record<string, unknown>) =>
  t.call('POST', '/v1/employer-contacts', { key, body });

describe('employer contacts', () => {
  it('are logged by handlers and seen by the whole provider organization, so they survive staff changes', async () => {
    const provider = await orgWithKey(t, 'provider', 'handler');
    const employer = await orgWithKey(t, 'employer', 'employer');
    const other = await orgWithKey(t, 'employer', 'employer');
    const first = await contact(provider.key, {
      employerOrganizationId: employer.org.id,
      date: '2026-02-02',
      channel: 'visit',
      outcome: 'Intresserade av arbetsträning i lagret.',
      nextStep: 'Skicka beskrivning av stödet',
      nextStepDate: '2026-02-09',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      providerOrganizationId: provider.org.id,
      employerOrganizationId: employer.org.id,
      channel: 'visit',
      loggedBy: { userId: provider.userId },
      nextStepDate: '2026-02-09',
    });
    await contact(provider.key, {
      employerOrganizationId: other.org.id,
      date: '2026-02-03',
      channel: 'phone',
      outcome: 'Ingen möjlighet just nu.',
    });
    await contact(provider.key, {
      employerOrganizationId: employer.org.id,
      date: '2026-02-10',
      channel: 'email',
      outcome: 'Skickade beskrivningen.',
    });

    // A new handler (or the coordinator) of the same organization sees everything.
    const newHandler = await issueKey(t, provider.org.id, 'handler');
    const all = await t.call('GET', '/v1/employer-contacts', { key: newHandler.key });
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(3);
    const coordinator = await issueKey(t, provider.org.id, 'coordinator');
    const onEmployer = await t.call('GET', `/v1/organizations/${employer.org.id}/contacts`, {
      key: coordinator.key,
    });
    expect(onEmployer.body.data.map((c) => c.date)).toEqual(['2026-02-10', '2026-02-02']); // newest first
    const filtered = await t.call('GET', `/v1/employer-contacts?employerOrganizationId=${other.org.id}`, {
      key: newHandler.key,
    });
    expect(filtered.body.data.map((c) => c.channel)).toEqual(['phone']);
    const paged = await t.call('GET', '/v1/employer-contacts?limit=2', { key: newHandler.key });
    expect(paged.body.data).toHaveLength(2);
    const rest = await t.call('GET', `/v1/employer-contacts?limit=2&cursor=${paged.body.nextCursor}`, {
      key: newHandler.key,
    });
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();

    // Not shared with other providers, and not shown to the employer.
    const otherProvider = await orgWithKey(t, 'provider', 'handler');
    expect((await t.call('GET', '/v1/employer-contacts', { key: otherProvider.key })).body.data).toEqual([]);
    expect(
      (await t.call('GET', `/v1/organizations/${employer.org.id}/contacts`, { key: otherProvider.key })).body
        .data,
    ).toEqual([]);
    expect(
      (await t.call('GET', `/v1/organizations/${employer.org.id}/contacts`, { key: employer.key })).status,
    ).toBe(403);
    expect((await t.call('GET', '/v1/employer-contacts', { key: employer.key })).status).toBe(403);
    expect(
      (
        await contact(employer.key, {
          employerOrganizationId: employer.org.id,
          date: '2026-02-02',
          channel: 'phone',
          outcome: 'x',
        })
      ).status,
    ).toBe(403);
  });

  it('validates: an employer organization, a channel, a next step before its date, no personal data', async () => {
    const provider = await orgWithKey(t, 'provider', 'handler');
    const employer = await orgWithKey(t, 'employer', 'employer');
    const base = {
      employerOrganizationId: employer.org.id,
      date: '2026-02-02',
      channel: 'visit',
      outcome: 'Bra möte.',
    };
    const notEmployer = await contact(provider.key, { ...base, employerOrganizationId: provider.org.id });
    expect(notEmployer.status).toBe(422);
    expect(notEmployer.problem.errors![0]!.path).toBe('employerOrganizationId');
    expect((await contact(provider.key, { ...base, channel: 'pigeon' })).status).toBe(400);
    expect((await contact(provider.key, { ...base, nextStepDate: '2026-02-10' })).status).toBe(422);
    const early = await contact(provider.key, { ...base, nextStep: 'Ring igen', nextStepDate: '2026-01-10' });
    expect(early.status).toBe(422);
    expect(early.problem.errors![0]!.path).toBe('nextStepDate');
    expect((await contact(provider.key, { ...base, date: '2999-01-01' })).status).toBe(422);
    const diagnosis = await contact(provider.key, { ...base, outcome: 'Pratade om deltagarens autism.' });
    expect(diagnosis.status).toBe(400);
    expect(diagnosis.problem.errors![0]!.path).toBe('outcome');
    expect(
      (
        await t.call('GET', '/v1/organizations/org_01JD3S2Q7ZK4V0X9YB6N5M8T2R/contacts', {
          key: provider.key,
        })
      ).status,
    ).toBe(404);
  });
});
