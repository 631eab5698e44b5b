/**
 * Test data factories that go through the HTTP API, so every fixture is built the way a client
 * would build it. Each returns the created resource; defaults are valid, overrides are shallow.
 */
import { luhnValid } from '../../src/lib/swedish-ids';
import type { Api } from './call';

let counter = 0;
const next = () => ++counter;

/** A valid, unique organisationsnummer (third digit ≥ 2, Luhn check digit). */
export function organizationNumber(): string {
  const nine = `55${String(6000000 + ((next() * 7919) % 3999999)).padStart(7, '0')}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(nine + d)) return `${nine.slice(0, 6)}-${nine.slice(6)}${d}`;
  throw new Error('unreachable');
}

function expectCreated<T>(res: { status: number; body: T; text: string }, what: string): T {
  if (res.status !== 201) throw new Error(`creating ${what} answered ${res.status}: ${res.text}`);
  return res.body;
}

export type Kind = 'employer' | 'social_enterprise' | 'provider';
export type Role = 'admin' | 'coordinator' | 'handler' | 'employer' | 'enterprise';

export async function createOrganization(t: Api, kind: Kind, overrides: Record<string, unknown> = {}) {
  const n = next();
  return expectCreated(
    await t.call('POST', '/v1/organizations', {
      body: {
        name: `${kind} ${n}`,
        kind,
        organizationNumber: organizationNumber(),
        contactEmail: `contact${n}@example.se`,
        municipalityCode: '0180',
        ...overrides,
      },
    }),
    'organization',
  );
}

export async function issueKey(t: Api, organizationId: string, role: Role, by?: string) {
  const n = next();
  const issued = await expectCreated(
    await t.call('POST', `/v1/organizations/${organizationId}/api-keys`, {
      key: by,
      body: { name: `Person ${n}`, email: `person${n}@example.se`, role },
    }),
    'api key',
  );
  return { key: issued.key, userId: issued.user.id, id: issued.id };
}

/** An organization with one key of the given role. */
export async function orgWithKey(t: Api, kind: Kind, role: Role) {
  const org = await createOrganization(t, kind);
  return { org, ...(await issueKey(t, org.id, role)) };
}

export async function createSupervisor(t: Api, key: string, overrides: Record<string, unknown> = {}) {
  const n = next();
  return expectCreated(
    await t.call('POST', '/v1/supervisors', {
      key,
      body: {
        name: `Handledare ${n}`,
        email: `handledare${n}@example.se`,
        maxParticipants: 2,
        trained: true,
        ...overrides,
      },
    }),
    'supervisor',
  );
}

export const slotBody = (supervisorIds: string[], overrides: Record<string, unknown> = {}) => ({
  title: 'Lagerarbetare, plock och pack',
  description: 'Plock och pack med tydliga rutiner.',
  tasks: ['plocka order', 'packa paket'],
  occupation: { ssyk: '4322', label: 'Lagerarbetare' },
  kind: 'work_training',
  location: { municipalityCode: '0180', lat: 59.33, lon: 18.06 },
  capacity: 2,
  schedule: [
    { day: 'mon', start: '08:00', end: '12:00' },
    { day: 'wed', start: '08:00', end: '12:00' },
  ],
  hoursPerWeek: { min: 4, max: 8 },
  startDate: '2027-01-10',
  openEnded: true,
  supervisorIds,
  adaptations: [{ code: 'quiet_workspace', status: 'in_place' }],
  environment: { socialIntensity: 'low', physicalDemand: 'medium' },
  ...overrides,
});

export async function createSlot(
  t: Api,
  key: string,
  supervisorIds: string[],
  overrides: Record<string, unknown> = {},
) {
  return expectCreated(
    await t.call('POST', '/v1/slots', { key, body: slotBody(supervisorIds, overrides) }),
    'slot',
  );
}

/** A social enterprise's work-training capacity listing (POST /v1/capacity). */
export const capacityBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Arbetsträning på återbruket',
  description: 'Vi tar emot deltagare i lugn takt.',
  activityAreas: ['sömnad', 'cykelverkstad'],
  municipalityCode: '0180',
  places: 3,
  participantsPerSupervisor: 3,
  programmes: ['rehabilitation'],
  referralSources: ['arbetsformedlingen'],
  hoursPerWeek: { min: 5, max: 20 },
  ...overrides,
});

export async function createCapacityListing(t: Api, key: string, overrides: Record<string, unknown> = {}) {
  return expectCreated(
    await t.call('POST', '/v1/capacity', { key, body: capacityBody(overrides) }),
    'capacity listing',
  );
}

export const participantBody = (overrides: Record<string, unknown> = {}) => ({
  reference: `SE-${String(next()).padStart(4, '0')}`,
  strengths: ['noggrann'],
  interests: ['lager'],
  availability: [
    { day: 'mon', start: '08:00', end: '16:00' },
    { day: 'wed', start: '08:00', end: '16:00' },
  ],
  hoursPerWeek: { now: 6, target: 16 },
  adaptationNeeds: [{ code: 'quiet_workspace', priority: 'must' }],
  location: { municipalityCode: '0180' },
  maxTravelKm: 20,
  ...overrides,
});

export async function createParticipant(t: Api, key: string, overrides: Record<string, unknown> = {}) {
  return expectCreated(
    await t.call('POST', '/v1/participants', { key, body: participantBody(overrides) }),
    'participant',
  );
}

/** A small world: an employer with a supervisor and a slot, a provider with a handler. */
export async function createWorld(t: Api) {
  const employer = await orgWithKey(t, 'employer', 'employer');
  const supervisor = await createSupervisor(t, employer.key);
  const slot = await createSlot(t, employer.key, [supervisor.id]);
  const provider = await orgWithKey(t, 'provider', 'handler');
  return { employer, supervisor, slot, provider };
}
