/**
 * Bad input: every refusal is a 4xx problem document with field errors, and nothing is written.
 */
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSupervisor, orgWithKey, participantBody, slotBody } from '../helpers/factories';

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

async function rowCounts() {
  const tables = {
    organizations: schema.organizations,
    users: schema.users,
    apiKeys: schema.apiKeys,
    supervisors: schema.supervisors,
    slots: schema.slots,
    participants: schema.participants,
    outbox: schema.outbox,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await t.db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

interface Case {
  name: string;
  body: unknown;
  status: number;
  /** Each of these paths must be among the field errors. */
  paths: string[];
}

async function expectRefused(method: string, path: string, key: string, c: Case) {
  const before = await rowCounts();
  const res = await t.call(method, path, { key, body: c.body });
  expect(res.status, res.text).toBe(c.status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({
    status: c.status,
    type: expect.stringMatching(/^\/problems\//),
    title: expect.any(String),
  });
  const paths = (res.problem.errors ?? []).map((e) => e.path);
  for (const p of c.paths) expect(paths, res.text).toContain(p);
  expect(await rowCounts()).toEqual(before);
}

describe('organizations', () => {
  const valid = {
    name: 'Bageriet AB',
    kind: 'employer',
    organizationNumber: '556036-0793',
    contactEmail: 'a@b.se',
    municipalityCode: '0180',
  };
  const cases: Case[] = [
    {
      name: 'bad check digit',
      body: { ...valid, organizationNumber: '556036-0794' },
      status: 400,
      paths: ['organizationNumber'],
    },
    {
      name: 'personnummer-shaped number',
      body: { ...valid, organizationNumber: '811218-9876' },
      status: 400,
      paths: ['organizationNumber'],
    },
    {
      name: 'unknown municipality',
      body: { ...valid, municipalityCode: '9999' },
      status: 400,
      paths: ['municipalityCode'],
    },
    { name: 'unknown kind', body: { ...valid, kind: 'bank' }, status: 400, paths: ['kind'] },
    { name: 'bad email', body: { ...valid, contactEmail: 'nope' }, status: 400, paths: ['contactEmail'] },
    { name: 'unknown field', body: { ...valid, diagnosis: 'x' }, status: 400, paths: ['(root)'] },
    { name: 'missing everything', body: {}, status: 400, paths: ['name', 'kind', 'organizationNumber'] },
  ];
  for (const c of cases)
    it(`refuses ${c.name}`, () => expectRefused('POST', '/v1/organizations', undefined as never, c));

  it('refuses a duplicate organization number with 409', async () => {
    const ok = await t.call('POST', '/v1/organizations', { body: valid });
    expect(ok.status).toBe(201);
    expect(ok.body.organizationNumber).toBe('556036-0793');
    await expectRefused('POST', '/v1/organizations', undefined as never, {
      name: 'dup',
      body: { ...valid, organizationNumber: '5560360793' },
      status: 409,
      paths: [],
    });
  });
});

describe('api keys', () => {
  it('refuses a role that does not fit the organization kind (422)', async () => {
    await expectRefused('POST', `/v1/organizations/${employer.org.id}/api-keys`, undefined as never, {
      name: 'handler in employer',
      body: { name: 'X', email: 'x@example.se', role: 'handler' },
      status: 422,
      paths: ['role'],
    });
  });
  it('refuses a bad email and an unknown role', async () => {
    await expectRefused('POST', `/v1/organizations/${employer.org.id}/api-keys`, undefined as never, {
      name: 'bad',
      body: { name: 'X', email: 'x', role: 'boss' },
      status: 400,
      paths: ['email', 'role'],
    });
  });
});

describe('slots', () => {
  const cases = (): Case[] => [
    {
      name: 'end before start',
      body: slotBody([supervisorId], { schedule: [{ day: 'mon', start: '12:00', end: '08:00' }] }),
      status: 400,
      paths: ['schedule.0.end'],
    },
    {
      name: 'bad time',
      body: slotBody([supervisorId], { schedule: [{ day: 'mon', start: '25:00', end: '26:00' }] }),
      status: 400,
      paths: ['schedule.0.start', 'schedule.0.end'],
    },
    {
      name: 'unknown weekday',
      body: slotBody([supervisorId], { schedule: [{ day: 'fun', start: '08:00', end: '09:00' }] }),
      status: 400,
      paths: ['schedule.0.day'],
    },
    {
      name: 'no schedule',
      body: slotBody([supervisorId], { schedule: [] }),
      status: 400,
      paths: ['schedule'],
    },
    {
      name: 'hours min above max',
      body: slotBody([supervisorId], { hoursPerWeek: { min: 10, max: 5 } }),
      status: 400,
      paths: ['hoursPerWeek.min'],
    },
    {
      name: 'unknown adaptation',
      body: slotBody([supervisorId], { adaptations: [{ code: 'massage', status: 'in_place' }] }),
      status: 400,
      paths: ['adaptations.0.code'],
    },
    {
      name: 'unknown kind',
      body: slotBody([supervisorId], { kind: 'volunteer' }),
      status: 400,
      paths: ['kind'],
    },
    {
      name: 'unknown SSYK',
      body: slotBody([supervisorId], { occupation: { ssyk: '0000', label: 'x' } }),
      status: 400,
      paths: ['occupation.ssyk'],
    },
    {
      name: 'location outside Sweden',
      body: slotBody([supervisorId], { location: { municipalityCode: '0180', lat: 48.85, lon: 2.35 } }),
      status: 400,
      paths: ['location.lat', 'location.lon'],
    },
    {
      name: 'zero capacity',
      body: slotBody([supervisorId], { capacity: 0 }),
      status: 400,
      paths: ['capacity'],
    },
    { name: 'no supervisor', body: slotBody([]), status: 400, paths: ['supervisorIds'] },
    { name: 'malformed supervisor id', body: slotBody(['sup_1']), status: 400, paths: ['supervisorIds.0'] },
    {
      name: 'unknown supervisor',
      body: slotBody(['sup_01JD3S2Q7ZK4V0X9YB6N5M8T2R']),
      status: 422,
      paths: ['supervisorIds.0'],
    },
    {
      name: 'fixed length without end date',
      body: slotBody([supervisorId], { openEnded: false }),
      status: 422,
      paths: ['endDate'],
    },
    {
      name: 'end date before start date',
      body: slotBody([supervisorId], { openEnded: false, endDate: '2026-01-01' }),
      status: 422,
      paths: ['endDate'],
    },
    {
      name: 'windows shorter than minimum hours',
      body: slotBody([supervisorId], { hoursPerWeek: { min: 9, max: 12 } }),
      status: 422,
      paths: ['schedule'],
    },
    {
      name: 'bad date',
      body: slotBody([supervisorId], { startDate: '2027-02-30' }),
      status: 400,
      paths: ['startDate'],
    },
    {
      name: 'unknown field',
      body: slotBody([supervisorId], { salary: 100 }),
      status: 400,
      paths: ['(root)'],
    },
  ];
  it('refuses each invalid slot', async () => {
    for (const c of cases()) await expectRefused('POST', '/v1/slots', employer.key, c);
  });

  it('refuses lowering capacity below places taken (409) and an invalid patch (400), changing nothing', async () => {
    const created = await t.call('POST', '/v1/slots', {
      key: employer.key,
      body: slotBody([supervisorId], { capacity: 2 }),
    });
    await t.db.update(schema.slots).set({ taken: 2 });
    await expectRefused('PATCH', `/v1/slots/${created.body.id}`, employer.key, {
      name: 'capacity',
      body: { capacity: 1 },
      status: 409,
      paths: [],
    });
    await expectRefused('PATCH', `/v1/slots/${created.body.id}`, employer.key, {
      name: 'status',
      body: { status: 'gone' },
      status: 400,
      paths: ['status'],
    });
    const after = await t.call('GET', `/v1/slots/${created.body.id}`, { key: employer.key });
    expect(after.body.capacity).toBe(2);
    await t.db.update(schema.slots).set({ taken: 0 });
  });
});

describe('participants: pseudonymous, no diagnoses', () => {
  const cases: Case[] = [
    {
      name: 'a name as reference',
      body: participantBody({ reference: 'Anna Svensson' }),
      status: 400,
      paths: ['reference'],
    },
    {
      name: 'an email as reference',
      body: participantBody({ reference: 'anna@example.se' }),
      status: 400,
      paths: ['reference'],
    },
    {
      name: 'a personnummer as reference',
      body: participantBody({ reference: '19811218-9876' }),
      status: 400,
      paths: ['reference'],
    },
    {
      name: 'a short personnummer as reference',
      body: participantBody({ reference: '8112189876' }),
      status: 400,
      paths: ['reference'],
    },
    {
      name: 'a diagnosis in strengths',
      body: participantBody({ strengths: ['har ADHD men noggrann'] }),
      status: 400,
      paths: ['strengths.0'],
    },
    {
      name: 'an ICD code in avoid',
      body: participantBody({ avoid: ['F32.1'] }),
      status: 400,
      paths: ['avoid.0'],
    },
    {
      name: 'a phone number in interests',
      body: participantBody({ interests: ['ring 070-123 45 67'] }),
      status: 400,
      paths: ['interests.0'],
    },
    {
      name: 'a diagnosis field',
      body: participantBody({ diagnosis: 'depression' }),
      status: 400,
      paths: ['(root)'],
    },
    {
      name: 'an unknown adaptation need',
      body: participantBody({ adaptationNeeds: [{ code: 'medication', priority: 'must' }] }),
      status: 400,
      paths: ['adaptationNeeds.0.code'],
    },
    {
      name: 'now above target',
      body: participantBody({ hoursPerWeek: { now: 20, target: 10 } }),
      status: 422,
      paths: ['hoursPerWeek.now'],
    },
    {
      name: 'ramp-up above target',
      body: participantBody({ rampUp: [{ afterWeeks: 4, hoursPerWeek: 40 }] }),
      status: 422,
      paths: ['rampUp.0.hoursPerWeek'],
    },
    {
      name: 'unknown handler',
      body: participantBody({ handlerId: 'usr_01JD3S2Q7ZK4V0X9YB6N5M8T2R' }),
      status: 422,
      paths: ['handlerId'],
    },
  ];
  for (const c of cases)
    it(`refuses ${c.name}`, () => expectRefused('POST', '/v1/participants', handler.key, c));

  it('refuses a duplicate reference in the same organization with 409', async () => {
    const body = participantBody({ reference: 'SE-DUP-001' });
    expect((await t.call('POST', '/v1/participants', { key: handler.key, body })).status).toBe(201);
    await expectRefused('POST', '/v1/participants', handler.key, {
      name: 'dup',
      body,
      status: 409,
      paths: [],
    });
  });
});

describe('transport-level errors', () => {
  it('malformed JSON is a 400 problem', async () => {
    const res = await t.call('POST', '/v1/slots', {
      key: employer.key,
      raw: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.problem.type).toBe('/problems/validation');
  });
  it('a body that is not JSON is a 415 problem', async () => {
    const res = await t.call('POST', '/v1/slots', {
      key: employer.key,
      raw: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
  it('an oversized body is a 413 problem', async () => {
    const res = await t.call('POST', '/v1/slots', {
      key: employer.key,
      body: slotBody([supervisorId], { description: 'x'.repeat(300_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.problem.status).toBe(413);
  });
  it('an unknown route is a 404 problem', async () => {
    const res = await t.call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.problem.type).toBe('/problems/not-found');
  });
  it('a malformed id is a 400 with the path parameter named', async () => {
    const res = await t.call('GET', '/v1/slots/123', { key: employer.key });
    expect(res.status).toBe(400);
    expect(res.problem.errors![0]!.path).toBe('path.id');
  });
  it('an invalid cursor is a 400', async () => {
    const res = await t.call('GET', '/v1/slots?cursor=%%%', { key: employer.key });
    expect(res.status).toBe(400);
  });
  it('a wrong or revoked key is a 401', async () => {
    expect((await t.call('GET', '/v1/slots', { key: 'sek_nope' })).status).toBe(401);
    expect(
      (await t.call('GET', '/v1/slots', { key: null, headers: { authorization: 'Basic abc' } })).status,
    ).toBe(401);
  });
});
