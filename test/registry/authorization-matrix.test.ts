/**
 * The authorization matrix: every role of every kind of organization against every registry route,
 * on its own organization's resources and on another's. Each cell names the expected status; a
 * refused write must also leave the data unchanged (checked for the writes at the end).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActorName, actorNames, type Cell, cell, createActors, everyone } from '../helpers/actors';
import { createTestApp, type TestApp } from '../helpers/app';
import {
  createParticipant,
  createSlot,
  createSupervisor,
  participantBody,
  slotBody,
} from '../helpers/factories';

let t: TestApp;
let keys: Record<ActorName, string>;
const ids = {} as Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const cast = await createActors(t);
  keys = cast.keys;
  for (const [name, org] of Object.entries(cast.orgs)) ids[name] = org.id;
  ids.handler = cast.users['prov.handler'].userId;

  const supA = await createSupervisor(t, keys['empA.employer']);
  ids.supA = supA.id;
  ids.slotA = (await createSlot(t, keys['empA.employer'], [supA.id])).id;
  ids.siteA = (
    await t.call('POST', '/v1/sites', {
      key: keys['empA.employer'],
      body: { name: 'Lagret', municipalityCode: '0180' },
    })
  ).body.id;
  const supE = await createSupervisor(t, keys['ent.enterprise']);
  ids.supE = supE.id;
  ids.capE = (
    await t.call('POST', '/v1/capacity', {
      key: keys['ent.enterprise'],
      body: {
        title: 'Arbetsträning i café',
        description: 'Café och second hand.',
        activityAreas: ['café'],
        municipalityCode: '0126',
        places: 10,
        participantsPerSupervisor: 4,
        programmes: ['rehabilitation'],
        referralSources: ['arbetsformedlingen'],
        hoursPerWeek: { min: 4, max: 30 },
      },
    })
  ).body.id;
  ids.prtP = (await createParticipant(t, keys['prov.handler'])).id;
});
afterAll(() => t.close());

interface Row {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  expect: Cell;
}

const all = everyone;

/**
 * Changing one of employer A's registry entries: A's own people and the platform may; providers see it
 * but may not change it (403); other employers and enterprises do not see it at all (404).
 */
const changeEmployerAEntry: Cell = {
  ...cell(200, 'platform', 'empA.admin', 'empA.employer'),
  ...cell(404, 'empB.employer', 'ent.enterprise'),
  ...cell(403, 'prov.admin', 'prov.coordinator', 'prov.handler', 'prov2.handler'),
};

const rows: Row[] = [
  // Organizations
  {
    name: 'create organization',
    method: 'POST',
    path: () => '/v1/organizations',
    body: () => ({
      name: 'X',
      kind: 'employer',
      organizationNumber: '5560360793',
      contactEmail: 'x@example.se',
      municipalityCode: '0180',
    }),
    expect: { ...all(403), platform: 201 },
  },
  {
    name: 'read own/other organization (employer A)',
    method: 'GET',
    path: () => `/v1/organizations/${ids.empA}`,
    expect: { ...all(200), 'empB.employer': 404, 'ent.enterprise': 404 },
  },
  {
    name: 'update employer A',
    method: 'PATCH',
    path: () => `/v1/organizations/${ids.empA}`,
    body: () => ({ name: 'Employer A AB' }),
    expect: { ...all(403), platform: 200, 'empA.admin': 200, 'empB.employer': 404, 'ent.enterprise': 404 },
  },
  {
    name: 'list keys of provider',
    method: 'GET',
    path: () => `/v1/organizations/${ids.prov}/api-keys`,
    expect: {
      ...all(403),
      platform: 200,
      'prov.admin': 200,
      'prov.coordinator': 200,
      'empA.admin': 404,
      'empA.employer': 404,
      'empB.employer': 404,
      'ent.enterprise': 404,
    },
  },
  {
    name: 'issue a handler key in provider',
    method: 'POST',
    path: () => `/v1/organizations/${ids.prov}/api-keys`,
    body: () => ({ name: 'Ny Handläggare', email: `ny${Math.random()}@example.se`, role: 'handler' }),
    expect: {
      ...all(403),
      platform: 201,
      'prov.admin': 201,
      'prov.coordinator': 201,
      'empA.admin': 404,
      'empA.employer': 404,
      'empB.employer': 404,
      'ent.enterprise': 404,
    },
  },
  {
    name: 'issue an admin key in provider',
    method: 'POST',
    path: () => `/v1/organizations/${ids.prov}/api-keys`,
    body: () => ({ name: 'Ny Admin', email: `admin${Math.random()}@example.se`, role: 'admin' }),
    expect: {
      ...all(403),
      platform: 201,
      'prov.admin': 201,
      'empA.admin': 404,
      'empA.employer': 404,
      'empB.employer': 404,
      'ent.enterprise': 404,
    },
  },
  // Slots
  {
    name: 'read slot of A',
    method: 'GET',
    path: () => `/v1/slots/${ids.slotA}`,
    expect: { ...all(200), 'empB.employer': 404, 'ent.enterprise': 404 },
  },
  {
    name: 'update slot of A',
    method: 'PATCH',
    path: () => `/v1/slots/${ids.slotA}`,
    body: () => ({ title: 'Lagerarbetare' }),
    expect: changeEmployerAEntry,
  },
  {
    name: 'create a slot for the caller’s own organization',
    method: 'POST',
    path: () => '/v1/slots',
    body: () => slotBody([ids.supA!]),
    // Only A's people can name A's supervisor; B and the enterprise get 422 for a foreign supervisor.
    expect: {
      platform: 403,
      'empA.admin': 201,
      'empA.employer': 201,
      'empB.employer': 422,
      'ent.enterprise': 422,
      'prov.admin': 403,
      'prov.coordinator': 403,
      'prov.handler': 403,
      'prov2.handler': 403,
    },
  },
  {
    name: 'list slots',
    method: 'GET',
    path: () => '/v1/slots',
    expect: all(200),
  },
  // Supervisors and sites
  {
    name: 'read supervisor of A',
    method: 'GET',
    path: () => `/v1/supervisors/${ids.supA}`,
    expect: { ...all(200), 'empB.employer': 404, 'ent.enterprise': 404 },
  },
  {
    name: 'update supervisor of A',
    method: 'PATCH',
    path: () => `/v1/supervisors/${ids.supA}`,
    body: () => ({ trained: true }),
    expect: changeEmployerAEntry,
  },
  {
    name: 'create a supervisor',
    method: 'POST',
    path: () => '/v1/supervisors',
    body: () => ({ name: 'Handledare', email: 'h@example.se', maxParticipants: 1 }),
    expect: {
      platform: 403,
      'empA.admin': 201,
      'empA.employer': 201,
      'empB.employer': 201,
      'ent.enterprise': 201,
      'prov.admin': 403,
      'prov.coordinator': 403,
      'prov.handler': 403,
      'prov2.handler': 403,
    },
  },
  {
    name: 'read site of A',
    method: 'GET',
    path: () => `/v1/sites/${ids.siteA}`,
    expect: { ...all(200), 'empB.employer': 404, 'ent.enterprise': 404 },
  },
  {
    name: 'update site of A',
    method: 'PATCH',
    path: () => `/v1/sites/${ids.siteA}`,
    body: () => ({ name: 'Lagret Syd' }),
    expect: changeEmployerAEntry,
  },
  // Capacity (social enterprises only)
  {
    name: 'read capacity of the enterprise',
    method: 'GET',
    path: () => `/v1/capacity/${ids.capE}`,
    expect: { ...all(200), 'empA.admin': 404, 'empA.employer': 404, 'empB.employer': 404 },
  },
  {
    name: 'create capacity',
    method: 'POST',
    path: () => '/v1/capacity',
    body: () => ({
      title: 'Trädgård',
      description: 'Arbetsträning i trädgård.',
      activityAreas: ['trädgård'],
      municipalityCode: '0126',
      places: 5,
      participantsPerSupervisor: 3,
      programmes: ['stepping_stone'],
      referralSources: ['social_services'],
      hoursPerWeek: { min: 4, max: 20 },
    }),
    expect: { ...all(403), 'ent.enterprise': 201 },
  },
  {
    name: 'update capacity of the enterprise',
    method: 'PATCH',
    path: () => `/v1/capacity/${ids.capE}`,
    body: () => ({ placesTaken: 3 }),
    expect: {
      platform: 200,
      'empA.admin': 404,
      'empA.employer': 404,
      'empB.employer': 404,
      'ent.enterprise': 200,
      'prov.admin': 403,
      'prov.coordinator': 403,
      'prov.handler': 403,
      'prov2.handler': 403,
    },
  },
  // Participants: only inside the provider that registered them; the platform does not see them.
  {
    name: 'read participant of provider',
    method: 'GET',
    path: () => `/v1/participants/${ids.prtP}`,
    expect: { ...all(404), 'prov.admin': 200, 'prov.coordinator': 200, 'prov.handler': 200 },
  },
  {
    name: 'update participant of provider',
    method: 'PATCH',
    path: () => `/v1/participants/${ids.prtP}`,
    body: () => ({ maxTravelKm: 15 }),
    expect: { ...all(404), 'prov.admin': 200, 'prov.coordinator': 403, 'prov.handler': 200 },
  },
  {
    name: 'create a participant',
    method: 'POST',
    path: () => '/v1/participants',
    body: () => participantBody({ handlerId: undefined }),
    // An admin registers for a named handler; without handlerId the admin is the handler, which is allowed.
    expect: { ...all(403), 'prov.admin': 201, 'prov.handler': 201, 'prov2.handler': 201 },
  },
  {
    name: 'list participants',
    method: 'GET',
    path: () => '/v1/participants',
    expect: {
      ...all(403),
      'prov.admin': 200,
      'prov.coordinator': 200,
      'prov.handler': 200,
      'prov2.handler': 200,
    },
  },
];

describe('authorization matrix', () => {
  for (const row of rows)
    describe(row.name, () => {
      for (const actor of actorNames) {
        const expected = row.expect[actor];
        if (expected === undefined) continue;
        it(`${actor} → ${expected}`, async () => {
          const res = await t.call(row.method, row.path(), { key: keys[actor], body: row.body?.() });
          expect(res.status, res.text).toBe(expected);
          if (expected >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            expect(res.body.status).toBe(expected);
          }
        });
      }
    });

  it('no key → 401 on every route', async () => {
    for (const row of rows) {
      const res = await t.call(row.method, row.path(), { key: null, body: row.body?.() });
      expect(res.status, `${row.method} ${row.path()}`).toBe(401);
    }
  });

  it('refused writes changed nothing', async () => {
    const slot = await t.call('GET', `/v1/slots/${ids.slotA}`, { key: keys['empA.employer'] });
    expect(slot.body.title).toBe('Lagerarbetare'); // only the allowed PATCHes applied
    const participant = await t.call('GET', `/v1/participants/${ids.prtP}`, { key: keys['prov.handler'] });
    expect(participant.body.maxTravelKm).toBe(15);
    expect(participant.body.version).toBe(3); // created, then two allowed updates (handler and admin)
  });

  it('lists are scoped: employers see only their own slots; providers see all', async () => {
    const own = await t.call('GET', '/v1/slots?limit=100', { key: keys['empB.employer'] });
    expect(own.body.data.every((s: any) => s.organizationId === ids.empB)).toBe(true);
    const all = await t.call('GET', '/v1/slots?limit=100', { key: keys['prov2.handler'] });
    expect(all.body.data.some((s: any) => s.organizationId === ids.empA)).toBe(true);
  });
});
