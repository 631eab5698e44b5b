/** Fixtures for placement tests, built through the HTTP API like the other factories. */
import { count, eq } from 'drizzle-orm';
import { outbox, slotChanges } from '../../db/schema';
import type { TestApp } from '../helpers/app';
import type { Api } from '../helpers/call';
import { createParticipant, createSlot, createSupervisor, issueKey, orgWithKey } from '../helpers/factories';

/** An employer with supervisors and one slot, a provider with a handler and a participant. */
export async function placementWorld(
  t: Api,
  opts: { capacity?: number; maxParticipants?: number; supervisors?: number } = {},
) {
  const employer = await orgWithKey(t, 'employer', 'employer');
  const supervisors = [];
  for (let i = 0; i < (opts.supervisors ?? 1); i++)
    supervisors.push(await createSupervisor(t, employer.key, { maxParticipants: opts.maxParticipants ?? 2 }));
  const slot = await createSlot(
    t,
    employer.key,
    supervisors.map((s) => s.id),
    { capacity: opts.capacity ?? 2 },
  );
  const provider = await orgWithKey(t, 'provider', 'handler');
  const participant = await createParticipant(t, provider.key, {
    strengths: ['noggrann', 'tycker om ordning'],
    interests: ['lager'],
    rampUp: [{ afterWeeks: 4, hoursPerWeek: 10 }],
  });
  return { employer, supervisor: supervisors[0]!, supervisors, slot, provider, participant };
}
export type World = Awaited<ReturnType<typeof placementWorld>>;

export async function propose(t: Api, w: World, body: Record<string, unknown> = {}) {
  return t.call('POST', '/v1/placements', {
    key: w.provider.key,
    body: {
      participantId: w.participant.id,
      slotId: w.slot.id,
      disclose: ['strengths', 'adaptationNeeds', 'hoursPerWeek'],
      ...body,
    },
  });
}

/** A new proposal, for a new participant of the world's provider unless `participantId` is given. */
export async function proposed(t: Api, w: World, body: Record<string, unknown> = {}) {
  const participantId = body.participantId ?? (await createParticipant(t, w.provider.key)).id;
  const res = await propose(t, w, { ...body, participantId });
  if (res.status !== 201) throw new Error(`proposal answered ${res.status}: ${res.text}`);
  return res.body;
}

/** What can be POSTed to a placement: its moves and its records. */
export type PlacementAction =
  | 'accept'
  | 'decline'
  | 'withdraw'
  | 'start'
  | 'end'
  | 'hours'
  | 'check-ins'
  | 'meetings';

/** POSTs a transition or a record. */
export function move<A extends PlacementAction>(t: Api, key: string, id: string, action: A, body?: unknown) {
  return t.call('POST', `/v1/placements/${id}/${action}`, { key, body });
}

export async function moved<A extends PlacementAction>(
  t: Api,
  key: string,
  id: string,
  action: A,
  body?: unknown,
) {
  const res = await move(t, key, id, action, body);
  if (res.status !== 200) throw new Error(`${action} answered ${res.status}: ${res.text}`);
  return res.body;
}

/** A placement taken to a state through the legal path. */
export async function placementIn(
  t: Api,
  w: World,
  state: 'proposed' | 'declined' | 'withdrawn' | 'accepted' | 'started' | 'ended',
  body: Record<string, unknown> = {},
) {
  const p = await proposed(t, w, body);
  if (state === 'proposed') return p;
  if (state === 'declined') return moved(t, w.employer.key, p.id, 'decline', { reason: 'timing' });
  if (state === 'withdrawn') return moved(t, w.provider.key, p.id, 'withdraw', {});
  await moved(t, w.employer.key, p.id, 'accept', {});
  if (state === 'accepted')
    return t.call('GET', `/v1/placements/${p.id}`, { key: w.provider.key }).then((r) => r.body);
  await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
  await moved(t, w.provider.key, p.id, 'start', {});
  if (state === 'started')
    return t.call('GET', `/v1/placements/${p.id}`, { key: w.provider.key }).then((r) => r.body);
  return moved(t, w.provider.key, p.id, 'end', { outcome: 'studies', hiredByEmployer: false });
}

export async function slotState(t: Api, w: World) {
  const slot = await t.call('GET', `/v1/slots/${w.slot.id}`, { key: w.employer.key });
  let activePlacements = 0;
  for (const s of w.supervisors)
    activePlacements += (await t.call('GET', `/v1/supervisors/${s.id}`, { key: w.employer.key })).body
      .activePlacements;
  return { freePlaces: slot.body.freePlaces, activePlacements };
}

/** Domain events queued for one placement, in order. */
export async function eventsFor(t: TestApp, placementId: string) {
  const rows = await t.db.select().from(outbox).where(eq(outbox.topic, 'notify'));
  return rows
    .filter((r) => (r.payload as { placementId?: string }).placementId === placementId)
    .map((r) => (r.payload as { event: string }).event);
}

export async function slotChangeCount(t: TestApp, slotId: string) {
  const [row] = await t.db.select({ n: count() }).from(slotChanges).where(eq(slotChanges.slotId, slotId));
  return row!.n;
}

export { issueKey, orgWithKey };

/** A complete agreement (issue #16) as the handler drafts it. */
export const agreementBody = (over: Record<string, unknown> = {}) => ({
  tasks: ['Plocka varor', 'Packa beställningar'],
  goals: ['build_routines', 'grow_hours'],
  hoursPlan: { startHoursPerWeek: 4, steps: [{ fromWeek: 3, hoursPerWeek: 8 }] },
  schedule: [{ day: 'mon', start: '09:00', end: '13:00' }],
  adaptations: ['quiet_workspace'],
  followUp: { cadence: 'weekly', by: 'handler' },
  dates: { start: '2026-01-12', review: '2026-02-09', end: null },
  supportTeam: [
    { party: 'arbetsformedlingen', name: 'Kim Berg', role: 'arbetsförmedlare', consent: true },
    { party: 'forsakringskassan', name: 'Per Ek', consent: false },
  ],
  ...over,
});

/**
 * Drafts the agreement and has all three approve it (the handler for the participant, with a
 * reason), so the placement may start: what a placement of any kind but a competitive job needs.
 */
export async function agreed(t: Api, keys: { provider: string; employer: string }, id: string) {
  const put = await t.call('PUT', `/v1/placements/${id}/agreement`, {
    key: keys.provider,
    body: agreementBody(),
  });
  if (put.status !== 200) throw new Error(`agreement answered ${put.status}: ${put.text}`);
  const version = put.body.current!.version;
  for (const [key, body] of [
    [keys.provider, { version }],
    [keys.provider, { version, onBehalfOfParticipant: true, reason: 'Deltagaren godkände vid mötet.' }],
    [keys.employer, { version }],
  ] as const) {
    const res = await t.call('POST', `/v1/placements/${id}/agreement/approve`, { key, body });
    if (res.status !== 200) throw new Error(`approve answered ${res.status}: ${res.text}`);
  }
  return version;
}
