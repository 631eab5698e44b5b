import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmpty, seedDemo } from '../../src/demo/seed';
import { ssykByCode } from '../../src/reference';
import { SlotCreate } from '../../src/services/slots/schemas';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let keys: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  t = await createTestApp();
  keys = await seedDemo(t.app.services);
});
afterAll(() => t.close());

describe('demo seed', () => {
  it('fills the registry: employers, a social enterprise, 50+ slots, a provider with handlers and participants', async () => {
    expect(await isEmpty(t.db)).toBe(false);
    const handler = keys.find((k) => k.role === 'handler')!.key;
    const orgs = await t.call('GET', '/v1/organizations?limit=100', { key: handler });
    const kinds = orgs.body.data.map((o: { kind: string }) => o.kind);
    expect(kinds.filter((k: string) => k === 'employer').length).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain('social_enterprise');
    expect(kinds).toContain('provider');
    const slots = await t.call('GET', '/v1/slots?limit=100', { key: handler });
    expect(slots.body.data.length).toBeGreaterThanOrEqual(50);
    expect(new Set(slots.body.data.map((s) => s.location.municipalityCode)).size).toBeGreaterThanOrEqual(4);
    const participants = await t.call('GET', '/v1/participants?limit=100', { key: handler });
    expect(participants.body.data.length).toBeGreaterThanOrEqual(10);
  });

  it('seeds only data the API itself would accept', async () => {
    const handler = keys.find((k) => k.role === 'handler')!.key;
    const slots = await t.call('GET', '/v1/slots?limit=100', { key: handler });
    for (const s of slots.body.data) {
      expect(ssykByCode.has(s.occupation.ssyk ?? ''), String(s.occupation.ssyk)).toBe(true);
      const input = {
        title: s.title,
        description: s.description,
        tasks: s.tasks,
        occupation: s.occupation,
        kind: s.kind,
        location: { municipalityCode: s.location.municipalityCode, lat: s.location.lat, lon: s.location.lon },
        capacity: s.capacity,
        schedule: s.schedule,
        hoursPerWeek: s.hoursPerWeek,
        startDate: s.startDate,
        endDate: s.endDate,
        openEnded: s.openEnded,
        supervisorIds: s.supervisorIds,
        adaptations: s.adaptations,
        environment: s.environment,
        subsidies: s.subsidies,
        leadsToHire: s.leadsToHire,
      };
      const parsed = SlotCreate.safeParse(input);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('prints keys that work, one per demo person', async () => {
    expect(keys.map((k) => k.role)).toEqual(
      expect.arrayContaining(['employer', 'enterprise', 'handler', 'coordinator']),
    );
    for (const k of keys) expect((await t.call('GET', '/v1/me', { key: k.key })).status).toBe(200);
  });
});
