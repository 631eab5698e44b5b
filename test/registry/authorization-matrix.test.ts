/**
 * The authorization matrix: every role of every kind of organization against every route, on its own
 * organization's resources and on another's (placements, audit, export, erasure and employer contacts
 * are in test/placements/authorization.test.ts, which runs each cell on a fresh placement). Each cell
 * names the expected status; a refused write must also leave the data unchanged (checked for the
 * writes at the end). The last test fails when a documented route is in neither matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActorName,
  actorNames,
  type Cell,
  cell,
  createActors,
  everyone,
  placementMatrixRoutes,
  routeNamer,
} from '../helpers/actors';
import { createTestApp, type TestApp } from '../helpers/app';
import {
  createOrganization,
  createParticipant,
  createSlot,
  createSupervisor,
  issueKey,
  participantBody,
  slotBody,
} from '../helpers/factories';

let t: TestApp;
let keys: Record<ActorName, string>;
let routeOf: ReturnType<typeof routeNamer>;
const ids = {} as Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const cast = await createActors(t);
  keys = cast.keys;
  routeOf = routeNamer(Object.keys((await t.call('GET', '/openapi.json', { key: null })).body.paths ?? {}));
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
  // An exit of another participant of the provider, for its follow-ups.
  const leaver = (await createParticipant(t, keys['prov.handler'])).id;
  await t.call('POST', `/v1/participants/${leaver}/exit`, {
    key: keys['prov.handler'],
    body: { outcome: 'studies' },
  });
  const due = await t.call('GET', `/v1/follow-ups?participantId=${leaver}`, { key: keys['prov.handler'] });
  ids.fupP = due.body.data[0]?.id ?? '';
  if (!ids.fupP) throw new Error(`no follow-up after the exit: ${due.text}`);
  // A mail to a provider person (the notice that their key was issued) for the notification routes.
  await issueKey(t, ids.prov!, 'handler');
  await t.app.drainOutbox();
  const mails = await t.call('GET', `/v1/notifications?limit=100`);
  ids.mailP = mails.body.data.find((n) => n.recipient.organizationId === ids.prov)?.id ?? '';
  if (!ids.mailP) throw new Error(`no mail to the provider: ${JSON.stringify(mails.body)}`);
});

/** A fresh slot of employer A per cell (for routes that change or remove it). */
const freshSlotA = async (status?: 'paused') => {
  const slot = await createSlot(t, keys['empA.employer'], [ids.supA!]);
  if (status === 'paused') await t.call('POST', `/v1/slots/${slot.id}/pause`, { key: keys['empA.employer'] });
  return slot.id as string;
};
const capacityBody = {
  title: 'Trädgård',
  description: 'Arbetsträning i trädgård.',
  activityAreas: ['trädgård'],
  municipalityCode: '0126',
  places: 5,
  participantsPerSupervisor: 3,
  programmes: ['stepping_stone'],
  referralSources: ['social_services'],
  hoursPerWeek: { min: 4, max: 20 },
};
/** A fresh key of the provider with the given role, to revoke in one cell. */
const freshProviderKey = async (role: 'admin' | 'coordinator' | 'handler') =>
  `/v1/organizations/${ids.prov}/api-keys/${(await issueKey(t, ids.prov!, role)).id}`;
/** The provider's own people who manage keys: admin (any role) and coordinator (coordinator keys only). */
const providerKeyRoute = (status: number, coordinator: number): Cell => ({
  ...all(403),
  platform: status,
  'prov.admin': status,
  'prov.coordinator': coordinator,
  'empA.admin': 404,
  'empA.employer': 404,
  'empB.employer': 404,
  'ent.enterprise': 404,
});
afterAll(() => t.close());

interface Row {
  name: string;
  method: string;
  /** Run for each cell, so a cell can act on something of its own (a fresh slot, a fresh key). */
  path: (actor: ActorName) => string | Promise<string>;
  body?: () => unknown;
  expect: Cell;
  /** Answers without a key (health, vocabularies). */
  public?: boolean;
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
    name: 'issue a handler key in provider (a coordinator may not: handlers write participants)',
    method: 'POST',
    path: () => `/v1/organizations/${ids.prov}/api-keys`,
    body: () => ({ name: 'Ny Handläggare', email: `ny${Math.random()}@example.se`, role: 'handler' }),
    expect: providerKeyRoute(201, 403),
  },
  {
    name: 'issue an admin key in provider',
    method: 'POST',
    path: () => `/v1/organizations/${ids.prov}/api-keys`,
    body: () => ({ name: 'Ny Admin', email: `admin${Math.random()}@example.se`, role: 'admin' }),
    expect: providerKeyRoute(201, 403),
  },
  {
    name: 'issue a coordinator key in provider',
    method: 'POST',
    path: () => `/v1/organizations/${ids.prov}/api-keys`,
    body: () => ({ name: 'Ny Samordnare', email: `sam${Math.random()}@example.se`, role: 'coordinator' }),
    expect: providerKeyRoute(201, 201),
  },
  {
    name: 'revoke a provider admin’s key (a coordinator may not)',
    method: 'DELETE',
    path: () => freshProviderKey('admin'),
    expect: providerKeyRoute(200, 403),
  },
  {
    name: 'revoke a provider handler’s key (a coordinator may not)',
    method: 'DELETE',
    path: () => freshProviderKey('handler'),
    expect: providerKeyRoute(200, 403),
  },
  {
    name: 'revoke a provider coordinator’s key',
    method: 'DELETE',
    path: () => freshProviderKey('coordinator'),
    expect: providerKeyRoute(200, 200),
  },
  {
    name: 'issue an employer admin key in employer A',
    method: 'POST',
    path: () => `/v1/organizations/${ids.empA}/api-keys`,
    body: () => ({ name: 'Ny Chef', email: `chef${Math.random()}@example.se`, role: 'admin' }),
    expect: {
      ...all(403),
      platform: 201,
      'empA.admin': 201,
      'empB.employer': 404,
      'ent.enterprise': 404,
    },
  },
  {
    name: 'who am I',
    method: 'GET',
    path: () => '/v1/me',
    expect: all(200),
  },
  {
    name: 'list organizations',
    method: 'GET',
    path: () => '/v1/organizations',
    expect: all(200),
  },
  {
    name: 'deactivate an organization (the platform only)',
    method: 'DELETE',
    // Only the platform acts on a fresh organization; a refused caller tries employer A itself.
    path: async (actor) =>
      `/v1/organizations/${actor === 'platform' ? (await createOrganization(t, 'employer')).id : ids.empA}`,
    expect: {
      ...all(403),
      platform: 200,
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
    body: () => capacityBody,
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
  {
    name: 'search slots',
    method: 'GET',
    path: () => '/v1/slots/search?q=lager',
    expect: all(200),
  },
  ...(['pause', 'close'] as const).map(
    (action): Row => ({
      name: `${action} a slot of A`,
      method: 'POST',
      path: async () => `/v1/slots/${await freshSlotA()}/${action}`,
      expect: changeEmployerAEntry,
    }),
  ),
  {
    name: 'reopen a paused slot of A',
    method: 'POST',
    path: async () => `/v1/slots/${await freshSlotA('paused')}/reopen`,
    expect: changeEmployerAEntry,
  },
  {
    name: 'delete a slot of A',
    method: 'DELETE',
    path: async () => `/v1/slots/${await freshSlotA()}`,
    expect: { ...changeEmployerAEntry, ...cell(204, 'platform', 'empA.admin', 'empA.employer') },
  },
  {
    name: 'list supervisors',
    method: 'GET',
    path: () => '/v1/supervisors',
    expect: all(200),
  },
  {
    name: 'remove a supervisor of A',
    method: 'DELETE',
    path: async () => `/v1/supervisors/${(await createSupervisor(t, keys['empA.employer'])).id}`,
    expect: { ...changeEmployerAEntry, ...cell(204, 'platform', 'empA.admin', 'empA.employer') },
  },
  {
    name: 'create a site',
    method: 'POST',
    path: () => '/v1/sites',
    body: () => ({ name: 'Verkstaden', municipalityCode: '0180' }),
    expect: {
      ...all(403),
      'empA.admin': 201,
      'empA.employer': 201,
      'empB.employer': 201,
      'ent.enterprise': 201,
    },
  },
  {
    name: 'list sites',
    method: 'GET',
    path: () => '/v1/sites',
    expect: all(200),
  },
  {
    name: 'list capacity',
    method: 'GET',
    path: () => '/v1/capacity',
    expect: all(200),
  },
  {
    name: 'remove capacity of the enterprise',
    method: 'DELETE',
    path: async () =>
      `/v1/capacity/${(await t.call('POST', '/v1/capacity', { key: keys['ent.enterprise'], body: capacityBody })).body.id}`,
    expect: {
      ...all(403),
      platform: 204,
      'ent.enterprise': 204,
      'empA.admin': 404,
      'empA.employer': 404,
      'empB.employer': 404,
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
  // The participant's access codes: handlers and the admin issue and revoke, coordinators list.
  {
    name: 'issue an access code for a participant of provider',
    method: 'POST',
    path: () => `/v1/participants/${ids.prtP}/access-codes`,
    body: () => ({ validDays: 7 }),
    expect: { ...all(404), 'prov.admin': 201, 'prov.coordinator': 403, 'prov.handler': 201 },
  },
  {
    name: 'list the access codes of a participant of provider',
    method: 'GET',
    path: () => `/v1/participants/${ids.prtP}/access-codes`,
    expect: { ...all(404), 'prov.admin': 200, 'prov.coordinator': 200, 'prov.handler': 200 },
  },
  {
    name: 'revoke an access code of a participant of provider',
    method: 'POST',
    path: async () => {
      const issued = await t.call('POST', `/v1/participants/${ids.prtP}/access-codes`, {
        key: keys['prov.handler'],
        body: { validDays: 7 },
      });
      return `/v1/participants/${ids.prtP}/access-codes/${issued.body.id}/revoke`;
    },
    expect: { ...all(404), 'prov.admin': 200, 'prov.coordinator': 403, 'prov.handler': 200 },
  },
  // Matching: handlers and the admin, for their own organization's participants.
  {
    name: 'matches for a participant of provider',
    method: 'GET',
    path: () => `/v1/participants/${ids.prtP}/matches`,
    expect: { ...all(404), 'prov.admin': 200, 'prov.coordinator': 403, 'prov.handler': 200 },
  },
  {
    name: 'work-training capacity matches for a participant of provider',
    method: 'GET',
    path: () => `/v1/participants/${ids.prtP}/capacity-matches`,
    expect: { ...all(404), 'prov.admin': 200, 'prov.coordinator': 403, 'prov.handler': 200 },
  },
  {
    name: 'candidates for slot A among the caller’s participants',
    method: 'GET',
    path: () => `/v1/slots/${ids.slotA}/candidates`,
    // The refusal to non-providers names the role, not the slot, so it reveals nothing: 403 for all.
    expect: { ...all(403), 'prov.admin': 200, 'prov.handler': 200, 'prov2.handler': 200 },
  },
  {
    name: 'allocate participants of provider',
    method: 'POST',
    path: () => '/v1/allocations',
    body: () => ({ participantIds: [ids.prtP] }),
    // Another provider's participant is "not an active participant of your organization", as is an unknown id.
    expect: { ...all(403), 'prov.admin': 200, 'prov.handler': 200, 'prov2.handler': 422 },
  },
  {
    name: 'list employer contacts',
    method: 'GET',
    path: () => '/v1/employer-contacts',
    expect: {
      ...all(403),
      'prov.admin': 200,
      'prov.coordinator': 200,
      'prov.handler': 200,
      'prov2.handler': 200,
    },
  },
  // After the programme: exits and follow-ups, inside the participant's provider.
  {
    name: 'record the exit of a participant of provider',
    method: 'POST',
    path: async () => `/v1/participants/${(await createParticipant(t, keys['prov.handler'])).id}/exit`,
    body: () => ({ outcome: 'job_seeking' }),
    expect: { ...all(404), 'prov.admin': 201, 'prov.coordinator': 403, 'prov.handler': 201 },
  },
  {
    name: 'list follow-ups',
    method: 'GET',
    path: () => '/v1/follow-ups',
    expect: {
      ...all(403),
      'prov.admin': 200,
      'prov.coordinator': 200,
      'prov.handler': 200,
      'prov2.handler': 200,
    },
  },
  {
    name: 'read a follow-up of provider',
    method: 'GET',
    path: () => `/v1/follow-ups/${ids.fupP}`,
    expect: {
      ...all(403),
      'prov.admin': 200,
      'prov.coordinator': 200,
      'prov.handler': 200,
      'prov2.handler': 404,
    },
  },
  {
    name: 'answer a follow-up of provider',
    method: 'POST',
    path: () => `/v1/follow-ups/${ids.fupP}`,
    body: () => ({ situation: 'studies' }),
    expect: { ...all(403), 'prov.admin': 200, 'prov.handler': 200, 'prov2.handler': 404 },
  },
  // Follow-up reports: a provider's coordinators and admins see its figures, handlers their own caseload's.
  {
    name: 'one person’s socio-economic calculation (a worked example)',
    method: 'GET',
    path: () => '/v1/reports/payoff/person',
    expect: {
      ...all(403),
      'prov.admin': 200,
      'prov.coordinator': 200,
      'prov.handler': 200,
      'prov2.handler': 200,
    },
  },
  ...['outcomes', 'fidelity', 'payoff', 'supply', 'sus-export'].flatMap((report): Row[] => [
    {
      name: `${report} report of the caller's own organization`,
      method: 'GET',
      path: () => `/v1/reports/${report}`,
      expect: {
        ...all(403),
        'prov.admin': 200,
        'prov.coordinator': 200,
        'prov.handler': 200,
        'prov2.handler': 200,
      },
    },
    {
      name: `${report} report of provider`,
      method: 'GET',
      path: () => `/v1/reports/${report}?providerId=${ids.prov}`,
      expect: { ...all(403), 'prov.admin': 200, 'prov.coordinator': 200, 'prov.handler': 200 },
    },
  ]),
  // Notifications: the platform sees every mail; an organization's admin and coordinator its own.
  {
    name: 'list notifications',
    method: 'GET',
    path: () => '/v1/notifications',
    expect: { ...all(403), platform: 200, 'empA.admin': 200, 'prov.admin': 200, 'prov.coordinator': 200 },
  },
  {
    name: 'read a mail to a provider person',
    method: 'GET',
    path: () => `/v1/notifications/${ids.mailP}`,
    expect: { ...all(403), platform: 200, 'empA.admin': 404, 'prov.admin': 200, 'prov.coordinator': 200 },
  },
  {
    name: 'retry a mail to a provider person (it has not failed, so 409 where allowed)',
    method: 'POST',
    path: () => `/v1/notifications/${ids.mailP}/retry`,
    expect: { ...all(403), platform: 409, 'empA.admin': 404, 'prov.admin': 409, 'prov.coordinator': 409 },
  },
  {
    name: 'retry failed mails in bulk',
    method: 'POST',
    path: () => '/v1/notifications/retry',
    body: () => ({}),
    expect: { ...all(403), platform: 200, 'empA.admin': 200, 'prov.admin': 200, 'prov.coordinator': 200 },
  },
  // Public: no key needed, the same for everyone.
  ...[
    '/health',
    ...[
      'adaptations',
      'slot-kinds',
      'subsidies',
      'capacity',
      'municipalities',
      'occupations?q=bagare',
      'avoid',
      'strengths',
    ].map((v) => `/v1/vocabularies/${v}`),
  ].map(
    (path): Row => ({
      name: `public ${path}`,
      method: 'GET',
      path: () => path,
      expect: all(200),
      public: true,
    }),
  ),
];

/** The documented routes (`METHOD /template`) the cells above have called. */
const exercised = new Set<string>();

describe('authorization matrix', () => {
  for (const row of rows)
    describe(row.name, () => {
      for (const actor of actorNames) {
        const expected = row.expect[actor];
        if (expected === undefined) continue;
        it(`${actor} → ${expected}`, async () => {
          const path = await row.path(actor);
          exercised.add(routeOf(row.method, path));
          const res = await t.call(row.method, path, { key: keys[actor], body: row.body?.() });
          expect(res.status, res.text).toBe(expected);
          if (expected >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            expect(res.problem.status).toBe(expected);
          }
        });
      }
    });

  it('no key → 401 on every route but the public ones', async () => {
    for (const row of rows) {
      const path = await row.path('platform');
      const res = await t.call(row.method, path, { key: null, body: row.body?.() });
      expect(res.status, `${row.method} ${path}`).toBe(row.public ? 200 : 401);
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
    expect(own.body.data.every((s) => s.organizationId === ids.empB)).toBe(true);
    const all = await t.call('GET', '/v1/slots?limit=100', { key: keys['prov2.handler'] });
    expect(all.body.data.some((s) => s.organizationId === ids.empA)).toBe(true);
  });

  it('covers every documented route, here or in the placement matrix', async () => {
    const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
    const documented = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const missing = documented.filter((r) => !exercised.has(r) && !placementMatrixRoutes.includes(r));
    expect(missing).toEqual([]);
  });
});
