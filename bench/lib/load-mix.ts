/**
 * The mixed workload of `npm run load`, per step of a virtual user (weights in MIX): searches (words,
 * filters, distance, and the broad one with no words and no filters), a participant's matches, slot
 * reads and lists, slot writes by their employer, and proposals followed by a transition (the
 * employer declines, or the handler withdraws). Each user proposes its own participant–slot pair, so
 * two users never race for one pair (that would be a right 409, not an error of the service).
 */
import type { LoadRequest, Script, Send } from './load-client';

/** The demo handler's key: every read, proposal and withdrawal of the mix. */
export const HANDLER = 'sek_demo_handler_anna';
const EMPLOYERS = [
  'sek_demo_employer_maria',
  'sek_demo_employer_ali',
  'sek_demo_employer_sara',
  'sek_demo_employer_karin',
  'sek_demo_employer_lena',
  'sek_demo_enterprise_nadia',
];

/** The searches of the mix (bench/hot-paths.ts times the same ones in process). */
export const LOAD_SEARCHES = [
  '?q=bageri',
  '?q=lager&kind=work_training',
  '?q=verkstad&near=59.2,18.0&radiusKm=20',
  '?adaptations=quiet_workspace&days=mon,wed',
  '?near=59.33,18.07&radiusKm=10',
  // Browsing: no words, no filters, with totals and facets (the widest search there is).
  '',
];

/** Share of steps per kind of request (a proposal step sends two requests). */
export const MIX = { search: 25, matches: 20, slotRead: 20, slotList: 15, slotWrite: 10, proposal: 10 };

export interface Workload {
  participants: string[];
  /** Open slots with the key of an employer who owns each. */
  owned: { slotId: string; key: string }[];
  /** Slots to read (any the handler can see). */
  readable: string[];
}

interface Page {
  data: { id: string; status?: string }[];
}

/** Learns ids for the workload from the running server, with the demo keys (and the load employer's). */
export async function prepareWorkload(origin: string, extraEmployerKeys: string[]): Promise<Workload> {
  const get = async (path: string, key: string): Promise<Page> => {
    const res = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${key}` } });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Page;
  };
  const participants = (await get('/v1/participants?limit=100', HANDLER)).data.map((p) => p.id);
  const owned: Workload['owned'] = [];
  for (const key of [...EMPLOYERS, ...extraEmployerKeys]) {
    const page = await get('/v1/slots?status=open&limit=100', key);
    for (const s of page.data) owned.push({ slotId: s.id, key });
  }
  const readable = owned.map((o) => o.slotId);
  if (!participants.length || !owned.length)
    throw new Error('the registry has no participants or open slots');
  return { participants, owned, readable };
}

/** The script every virtual user runs; `seed` varies the order between phases. */
export function mixedScript(w: Workload, connections: number): Script {
  const weights = Object.entries(MIX);
  const total = weights.reduce((a, [, n]) => a + n, 0);
  const pairOf = (u: number) => pairOfUser(w, u);
  if (connections > w.participants.length * w.owned.length)
    throw new Error('more users than participant–slot pairs: proposals would collide');

  const pick = (u: number, step: number) => {
    // A cheap deterministic spread over users and steps (Knuth's multiplicative hash).
    let x = (((u + 1) * 2654435761 + step * 40503) >>> 0) % total;
    for (const [kind, n] of weights) {
      if (x < n) return kind;
      x -= n;
    }
    return 'search';
  };

  return async (send, u, step) => {
    const kind = pick(u, step);
    const { participant, slot } = pairOf(u);
    const at = (xs: readonly string[]) => xs[(u * 7 + step) % xs.length]!;
    const get = (route: string, path: string): LoadRequest => ({ route, method: 'GET', path, key: HANDLER });
    switch (kind) {
      case 'search':
        await send(get('GET /v1/slots/search', `/v1/slots/search${at(LOAD_SEARCHES)}`));
        return;
      case 'matches':
        await send(
          get('GET /v1/participants/{id}/matches', `/v1/participants/${at(w.participants)}/matches?limit=10`),
        );
        return;
      case 'slotRead':
        await send(get('GET /v1/slots/{id}', `/v1/slots/${at(w.readable)}`));
        return;
      case 'slotList':
        await send(get('GET /v1/slots', '/v1/slots?limit=20'));
        return;
      case 'slotWrite':
        await send(slotWrite(slot, step));
        return;
      default:
        await proposalPair(send, participant, slot, step);
    }
  };
}

/** User u's own participant–slot pair: one-to-one while users ≤ participants × slots, so proposals never collide. */
export function pairOfUser(w: Workload, u: number) {
  return {
    participant: w.participants[u % w.participants.length]!,
    slot: w.owned[Math.floor(u / w.participants.length) % w.owned.length]!,
  };
}

/** A slot write by its employer (new text, so the search index has work too). */
export function slotWrite(slot: Workload['owned'][number], step: number): LoadRequest {
  return {
    route: 'PATCH /v1/slots/{id}',
    method: 'PATCH',
    path: `/v1/slots/${slot.slotId}`,
    key: slot.key,
    body: { description: `Handledare finns på plats. Uppdaterad ${step}.` },
  };
}

/** A proposal and its answer: the employer declines on odd steps, the handler withdraws on even ones. */
export async function proposalPair(
  send: Send,
  participant: string,
  slot: Workload['owned'][number],
  step: number,
) {
  const proposed = await send({
    route: 'POST /v1/placements',
    method: 'POST',
    path: '/v1/placements',
    key: HANDLER,
    body: { participantId: participant, slotId: slot.slotId, disclose: ['strengths'] },
  });
  if (proposed.status !== 201) return;
  const { id } = JSON.parse(proposed.body) as { id: string };
  await send(
    step % 2
      ? {
          route: 'POST /v1/placements/{id}/decline',
          method: 'POST',
          path: `/v1/placements/${id}/decline`,
          key: slot.key,
          body: { reason: 'no_capacity' },
        }
      : {
          route: 'POST /v1/placements/{id}/withdraw',
          method: 'POST',
          path: `/v1/placements/${id}/withdraw`,
          key: HANDLER,
          body: {},
        },
  );
}

/** The reference: every user asks for /health, on the same server, in slices alternating with the mix. */
export const healthScript: Script = async (send) => {
  await send({ route: 'GET /health', method: 'GET', path: '/health' });
};
