/**
 * The placement authorization matrix, in the style of test/registry/authorization-matrix.test.ts:
 * every role of every kind of organization against every placement route, on placements of its own
 * organization (provider `prov`, employer `empA`) and of others. Each cell runs on a fresh placement
 * in the state the route needs, so a success in one cell cannot change another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/lib/local-time';
import {
  type ActorName,
  actorNames,
  type Cell,
  cell,
  createActors,
  placementMatrixRoutes,
  routeNamer,
} from '../helpers/actors';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createSupervisor } from '../helpers/factories';
import { agreed } from './helpers';

let t: TestApp;
let keys: Record<ActorName, string>;
let routeOf: ReturnType<typeof routeNamer>;
const ids = {} as Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const cast = await createActors(t);
  keys = cast.keys;
  routeOf = routeNamer(Object.keys((await t.call('GET', '/openapi.json', { key: null })).body.paths ?? {}));
  Object.assign(ids, { empA: cast.orgs.empA.id, prov: cast.orgs.prov.id });
  const sups = [];
  for (let i = 0; i < 6; i++)
    sups.push((await createSupervisor(t, keys['empA.employer'], { maxParticipants: 20 })).id);
  ids.slotA = (await createSlot(t, keys['empA.employer'], sups, { capacity: 120 })).id;
});
afterAll(() => t.close());

const ok = cell;
/** Everyone outside both organizations of the placement: it does not exist for them. */
const outsiders = ok(404, 'platform', 'empB.employer', 'ent.enterprise', 'prov2.handler');

async function placementIn(state: 'proposed' | 'accepted' | 'started') {
  const participant = await createParticipant(t, keys['prov.handler']);
  const p = await t.call('POST', '/v1/placements', {
    key: keys['prov.handler'],
    body: { participantId: participant.id, slotId: ids.slotA, disclose: ['strengths'] },
  });
  const id = p.body.id as string;
  if (state !== 'proposed')
    await t.call('POST', `/v1/placements/${id}/accept`, { key: keys['empA.employer'] });
  if (state === 'started') {
    await agreed(t, { provider: keys['prov.handler'], employer: keys['empA.employer'] }, id);
    await t.call('POST', `/v1/placements/${id}/start`, { key: keys['prov.handler'] });
  }
  return { id, participantId: participant.id };
}

interface Row {
  name: string;
  method: string;
  /** Builds what the cell acts on; returns the path and body. */
  setup: () => Promise<{ path: string; body?: unknown }>;
  expect: Cell;
}

const onPlacement =
  (state: 'proposed' | 'accepted' | 'started', suffix: string, body?: unknown) => async () => ({
    path: `/v1/placements/${(await placementIn(state)).id}${suffix}`,
    body,
  });

const rows: Row[] = [
  {
    name: 'propose',
    method: 'POST',
    setup: async () => ({
      path: '/v1/placements',
      body: {
        participantId: (await createParticipant(t, keys['prov.handler'])).id,
        slotId: ids.slotA,
        disclose: [],
      },
    }),
    expect: {
      ...ok(
        403,
        'platform',
        'empA.admin',
        'empA.employer',
        'empB.employer',
        'ent.enterprise',
        'prov.coordinator',
      ),
      ...ok(201, 'prov.admin', 'prov.handler'),
      'prov2.handler': 404,
    },
  },
  {
    name: 'read a placement',
    method: 'GET',
    setup: onPlacement('proposed', ''),
    expect: {
      ...outsiders,
      ...ok(200, 'empA.admin', 'empA.employer', 'prov.admin', 'prov.coordinator', 'prov.handler'),
    },
  },
  {
    name: 'list placements',
    method: 'GET',
    setup: async () => ({ path: '/v1/placements' }),
    expect: { ...ok(200, ...actorNames), platform: 403 },
  },
  ...(['accept', 'decline'] as const).map((action) => ({
    name: action,
    method: 'POST',
    setup: onPlacement('proposed', `/${action}`, action === 'decline' ? { reason: 'timing' } : {}),
    expect: {
      ...outsiders,
      ...ok(200, 'empA.admin', 'empA.employer'),
      ...ok(403, 'prov.admin', 'prov.coordinator', 'prov.handler'),
    },
  })),
  {
    name: 'withdraw a proposal',
    method: 'POST',
    setup: onPlacement('proposed', '/withdraw', {}),
    expect: {
      ...outsiders,
      ...ok(200, 'prov.admin', 'prov.handler'),
      ...ok(403, 'empA.admin', 'empA.employer', 'prov.coordinator'),
    },
  },
  {
    name: 'withdraw an acceptance',
    method: 'POST',
    setup: onPlacement('accepted', '/withdraw', {}),
    expect: {
      ...outsiders,
      ...ok(200, 'prov.admin', 'prov.handler', 'empA.admin', 'empA.employer'),
      'prov.coordinator': 403,
    },
  },
  {
    name: 'start',
    method: 'POST',
    setup: async () => {
      const { id } = await placementIn('accepted');
      await agreed(t, { provider: keys['prov.handler'], employer: keys['empA.employer'] }, id);
      return { path: `/v1/placements/${id}/start`, body: {} };
    },
    expect: {
      ...outsiders,
      ...ok(200, 'prov.admin', 'prov.handler', 'empA.admin', 'empA.employer'),
      'prov.coordinator': 403,
    },
  },
  {
    name: 'end',
    method: 'POST',
    setup: onPlacement('started', '/end', { outcome: 'job_seeking', hiredByEmployer: false }),
    expect: {
      ...outsiders,
      ...ok(200, 'prov.admin', 'prov.handler'),
      ...ok(403, 'empA.admin', 'empA.employer', 'prov.coordinator'),
    },
  },
  {
    name: 'record hours',
    method: 'POST',
    setup: async () => ({
      ...(await onPlacement('started', '/hours')()),
      body: { weekStart: mondayOfThisWeek(), hours: 4 },
    }),
    expect: {
      ...outsiders,
      ...ok(201, 'prov.admin', 'prov.handler', 'empA.admin', 'empA.employer'),
      'prov.coordinator': 403,
    },
  },
  {
    name: 'record a check-in',
    method: 'POST',
    setup: onPlacement('started', '/check-ins', {
      date: '2026-01-05',
      with: 'participant',
      note: 'Bra vecka.',
    }),
    expect: {
      ...outsiders,
      ...ok(201, 'prov.admin', 'prov.handler'),
      ...ok(403, 'empA.admin', 'empA.employer', 'prov.coordinator'),
    },
  },
  {
    name: 'record a meeting',
    method: 'POST',
    setup: onPlacement('proposed', '/meetings', { date: '2026-01-05', kind: 'study_visit' }),
    expect: {
      ...outsiders,
      ...ok(201, 'prov.admin', 'prov.handler', 'empA.admin', 'empA.employer'),
      'prov.coordinator': 403,
    },
  },
  {
    name: 'change consent',
    method: 'PUT',
    setup: onPlacement('proposed', '/consent', { disclose: ['interests'] }),
    expect: {
      ...outsiders,
      ...ok(200, 'prov.admin', 'prov.handler'),
      ...ok(403, 'empA.admin', 'empA.employer', 'prov.coordinator'),
    },
  },
  {
    name: 'list the audit of a participant',
    method: 'GET',
    setup: async () => ({ path: `/v1/audit?participantId=${(await placementIn('proposed')).participantId}` }),
    expect: {
      ...ok(403, 'platform', 'empA.admin', 'empA.employer', 'empB.employer', 'ent.enterprise'),
      ...ok(200, 'prov.admin', 'prov.coordinator', 'prov.handler'),
      'prov2.handler': 404,
    },
  },
  {
    name: 'export a participant',
    method: 'GET',
    setup: async () => ({ path: `/v1/participants/${(await placementIn('proposed')).participantId}/export` }),
    expect: {
      ...ok(
        404,
        'platform',
        'empA.admin',
        'empA.employer',
        'empB.employer',
        'ent.enterprise',
        'prov2.handler',
      ),
      ...ok(200, 'prov.admin', 'prov.handler'),
      'prov.coordinator': 403,
    },
  },
  {
    name: 'erase a participant',
    method: 'DELETE',
    setup: async () => ({ path: `/v1/participants/${(await placementIn('proposed')).participantId}` }),
    expect: {
      ...ok(
        404,
        'platform',
        'empA.admin',
        'empA.employer',
        'empB.employer',
        'ent.enterprise',
        'prov2.handler',
      ),
      ...ok(204, 'prov.admin', 'prov.handler'),
      'prov.coordinator': 403,
    },
  },
  {
    name: 'log an employer contact',
    method: 'POST',
    setup: async () => ({
      path: '/v1/employer-contacts',
      body: { employerOrganizationId: ids.empA, date: '2026-01-05', channel: 'phone', outcome: 'Ringde.' },
    }),
    expect: {
      ...ok(403, 'platform', 'empA.admin', 'empA.employer', 'empB.employer', 'ent.enterprise'),
      ...ok(201, 'prov.admin', 'prov.coordinator', 'prov.handler', 'prov2.handler'),
    },
  },
  {
    name: 'read contacts on an employer',
    method: 'GET',
    setup: async () => ({ path: `/v1/organizations/${ids.empA}/contacts` }),
    expect: {
      ...ok(403, 'platform', 'empA.admin', 'empA.employer', 'empB.employer', 'ent.enterprise'),
      ...ok(200, 'prov.admin', 'prov.coordinator', 'prov.handler', 'prov2.handler'),
    },
  },
];

/** The Monday of the week the placements start in (today in Swedish time, as the API counts). */
function mondayOfThisWeek() {
  const today = localDate(new Date().toISOString());
  return addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
}

/** The documented routes (`METHOD /template`) the cells above have called. */
const exercised = new Set<string>();

describe('placement authorization matrix', () => {
  for (const row of rows)
    it(row.name, async () => {
      const got: Cell = {};
      for (const actor of actorNames) {
        if (row.expect[actor] === undefined) continue;
        const { path, body } = await row.setup();
        exercised.add(routeOf(row.method, path));
        got[actor] = (await t.call(row.method, path, { key: keys[actor], body })).status;
      }
      expect(got).toEqual(row.expect);
      expect(Object.keys(row.expect).sort()).toEqual([...actorNames].sort()); // every cell is stated
    });

  it('covers every route it is responsible for (see placementMatrixRoutes)', () => {
    expect(placementMatrixRoutes.filter((r) => !exercised.has(r))).toEqual([]);
  });
});
