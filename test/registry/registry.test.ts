import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import {
  createParticipant,
  createSlot,
  createSupervisor,
  issueKey,
  orgWithKey,
  slotBody,
} from '../helpers/factories';

let t: TestApp;
let employer: Awaited<ReturnType<typeof orgWithKey>>;
let handler: Awaited<ReturnType<typeof orgWithKey>>;
let supervisorId: string;

beforeAll(async () => {
  t = await createTestApp();
  employer = await orgWithKey(t, 'employer', 'employer');
  handler = await orgWithKey(t, 'provider', 'handler');
  supervisorId = (await createSupervisor(t, employer.key)).id;
});
afterAll(() => t.close());

describe('slots', () => {
  it('normalises the schedule: sorted, overlapping and touching windows merged', async () => {
    const slot = await createSlot(t, employer.key, [supervisorId], {
      schedule: [
        { day: 'wed', start: '13:00', end: '15:00' },
        { day: 'mon', start: '10:00', end: '12:00' },
        { day: 'mon', start: '08:00', end: '10:00' },
        { day: 'mon', start: '11:00', end: '12:30' },
      ],
    });
    expect(slot.schedule).toEqual([
      { day: 'mon', start: '08:00', end: '12:30' },
      { day: 'wed', start: '13:00', end: '15:00' },
    ]);
  });

  it('takes its location from the site, and a fixed length needs an end date', async () => {
    const site = await t.call('POST', '/v1/sites', {
      key: employer.key,
      body: {
        name: 'Butiken',
        municipalityCode: '1280',
        address: 'Storgatan 1, Malmö',
        lat: 55.6,
        lon: 13.0,
      },
    });
    const slot = await t.call('POST', '/v1/slots', {
      key: employer.key,
      body: slotBody([supervisorId], {
        openEnded: false,
        endDate: '2027-06-30',
        location: undefined,
        siteId: site.body.id,
      }),
    });
    expect(slot.status, slot.text).toBe(201);
    expect(slot.body.location).toMatchObject({
      municipalityCode: '1280',
      municipalityName: 'Malmö',
      lat: 55.6,
      lon: 13.0,
    });
    expect(slot.body.endDate).toBe('2027-06-30');
  });

  it('pauses, reopens and closes; a closed slot cannot be paused', async () => {
    const slot = await createSlot(t, employer.key, [supervisorId]);
    expect((await t.call('POST', `/v1/slots/${slot.id}/pause`, { key: employer.key })).body.status).toBe(
      'paused',
    );
    expect((await t.call('POST', `/v1/slots/${slot.id}/reopen`, { key: employer.key })).body.status).toBe(
      'open',
    );
    expect((await t.call('POST', `/v1/slots/${slot.id}/close`, { key: employer.key })).body.status).toBe(
      'closed',
    );
    expect((await t.call('POST', `/v1/slots/${slot.id}/pause`, { key: employer.key })).status).toBe(409);
    expect((await t.call('POST', `/v1/slots/${slot.id}/reopen`, { key: employer.key })).body.status).toBe(
      'open',
    );
  });

  it('updates replace given fields and keep the rest', async () => {
    const slot = await createSlot(t, employer.key, [supervisorId]);
    const res = await t.call('PATCH', `/v1/slots/${slot.id}`, {
      key: employer.key,
      body: { capacity: 5, adaptations: [{ code: 'written_instructions', status: 'can_arrange' }] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      capacity: 5,
      freePlaces: 5,
      title: slot.title,
      supervisorIds: [supervisorId],
    });
    expect(res.body.adaptations).toEqual([{ code: 'written_instructions', status: 'can_arrange' }]);
  });

  it('answers a PATCH with exactly what a read then shows (the update returns the row; not read back)', async () => {
    const second = (await createSupervisor(t, employer.key)).id;
    const slot = await createSlot(t, employer.key, [supervisorId]);
    const patches = [
      { description: 'Ny beskrivning.', leadsToHire: true, tasks: ['Plocka', 'Packa'] },
      { supervisorIds: [second, supervisorId, second], openEnded: true, capacity: 4 },
      { location: { municipalityCode: '1480', lat: 57.7, lon: 11.97 }, status: 'paused' },
      { status: 'open', subsidies: [] },
    ];
    for (const body of patches) {
      const res = await t.call('PATCH', `/v1/slots/${slot.id}`, { key: employer.key, body });
      expect(res.status, res.text).toBe(200);
      const read = await t.call('GET', `/v1/slots/${slot.id}`, { key: employer.key });
      expect(res.body).toEqual(read.body);
    }
    expect((await t.call('GET', `/v1/slots/${slot.id}`, { key: employer.key })).body).toMatchObject({
      supervisorIds: [second, supervisorId].sort(),
      leadsToHire: true,
      openEnded: true,
      status: 'open',
    });
  });

  it('lists each slot exactly as a read shows it, its supervisors in id order', async () => {
    // Linked newest first: the answers list them by id all the same.
    const newer = (await createSupervisor(t, employer.key)).id;
    const slot = await createSlot(t, employer.key, [newer, supervisorId]);
    const one = await createSlot(t, employer.key, [supervisorId]);
    const list = await t.call('GET', '/v1/slots?limit=100', { key: employer.key });
    expect(list.status, list.text).toBe(200);
    for (const id of [slot.id, one.id]) {
      const read = await t.call('GET', `/v1/slots/${id}`, { key: employer.key });
      expect(list.body.data.find((s: { id: string }) => s.id === id)).toEqual(read.body);
    }
    const listed = list.body.data.find((s: { id: string }) => s.id === slot.id);
    expect(listed?.supervisorIds).toEqual([newer, supervisorId].sort());
  });

  it('deletes a slot without history', async () => {
    const slot = await createSlot(t, employer.key, [supervisorId]);
    expect((await t.call('DELETE', `/v1/slots/${slot.id}`, { key: employer.key })).status).toBe(204);
    expect((await t.call('GET', `/v1/slots/${slot.id}`, { key: employer.key })).status).toBe(404);
  });
});

describe('pagination', () => {
  it('walks every item once, in a stable order, with cursors', async () => {
    const org = await orgWithKey(t, 'employer', 'employer');
    const sup = await createSupervisor(t, org.key);
    const created = [];
    for (let i = 0; i < 7; i++)
      created.push((await createSlot(t, org.key, [sup.id], { title: `Plats ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: `/v1/slots?${string}` = `/v1/slots?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.call('GET', path, { key: org.key });
      expect(page.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.data.map((s: { id: string }) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created);
  });
});

describe('participants', () => {
  it('defaults to a coarse location (the municipality seat) and the caller as handler', async () => {
    const p = await createParticipant(t, handler.key, { location: { municipalityCode: '0380' } });
    expect(p.location).toEqual({
      municipalityCode: '0380',
      lat: expect.closeTo(59.86, 1),
      lon: expect.closeTo(17.64, 1),
    });
    expect(p.handlerId).toBe(handler.userId);
    expect(p.status).toBe('active');
  });

  it('lists the caller’s own caseload with handlerId=me', async () => {
    const colleague = await issueKey(t, handler.org.id, 'handler');
    await createParticipant(t, colleague.key);
    const mine = await t.call('GET', '/v1/participants?handlerId=me&limit=100', { key: handler.key });
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((p: { handlerId: string }) => p.handlerId === handler.userId)).toBe(true);
    const all = await t.call('GET', '/v1/participants?limit=100', { key: handler.key });
    expect(all.body.data.length).toBeGreaterThan(mine.body.data.length);
  });
});

describe('documentation and vocabularies', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await t.call('GET', '/openapi.json', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/organizations',
      '/v1/organizations/{id}/api-keys',
      '/v1/slots/{id}',
      '/v1/participants',
      '/v1/capacity',
      '/v1/supervisors',
    ])
      expect(Object.keys(res.body.paths ?? {})).toContain(path);
    expect(res.body.components!.schemas!.Problem).toBeDefined();
    expect(res.body.components!.securitySchemes!.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('serves the docs page', async () => {
    const res = await t.call('GET', '/docs', { key: null });
    expect(res.status).toBe(200);
    expect(res.text).toContain('/openapi.json');
  });

  it('serves the adaptation vocabulary in Swedish and English without a key', async () => {
    const res = await t.call('GET', '/v1/vocabularies/adaptations', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.data).toContainEqual(
      expect.objectContaining({ code: 'quiet_workspace', sv: 'Tyst arbetsplats', en: 'Quiet workspace' }),
    );
  });
});

describe('slot writes in the same millisecond', () => {
  it('a PATCH that changes nothing, at the same instant as the last write, answers 200', async () => {
    // The load test met this: with the clock unchanged, no column differed and the UPDATE had no SET.
    const frozen = await createTestApp({ clock: () => new Date('2026-12-03T06:53:31.072Z') });
    try {
      const owner = await orgWithKey(frozen, 'employer', 'employer');
      const sup = (await createSupervisor(frozen, owner.key)).id;
      const slot = await createSlot(frozen, owner.key, [sup]);
      const same = { title: slot.title, capacity: slot.capacity };
      for (let i = 0; i < 2; i++) {
        const res = await frozen.call('PATCH', `/v1/slots/${slot.id}`, { key: owner.key, body: same });
        expect(res.status, res.text).toBe(200);
        expect(res.body).toMatchObject(same);
      }
    } finally {
      await frozen.close();
    }
  });
});
