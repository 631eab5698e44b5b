import type { Actor } from '../../auth/actor';
import { assertParticipantAccess } from '../../auth/policy';
import { forbidden, notFound } from '../../lib/problem';
import type { MatchingContext } from './context';
import { presentMatchWithSlot, summariesOf } from './present';
import { participantForMatching } from './rows';
import type { MatchLimit } from './schemas';

/** A participant a handler may match: visible to the caller, not erased; coordinators only follow. */
export async function loadParticipant(m: MatchingContext, actor: Actor, id: string) {
  const row = await m.queries.participant(id);
  if (!row || row.status === 'erased') throw notFound('Participant', id);
  assertParticipantAccess(actor, row.organizationId, 'read', id);
  if (actor.role === 'coordinator') throw forbidden('Matching is for handlers; coordinators follow results.');
  return row;
}

/** The slots that fit one participant best, each with reasons, gaps and the slot's summary. */
export function matchesForParticipant(m: MatchingContext) {
  return async function matchesFor(actor: Actor, participantId: string, q: MatchLimit) {
    const participant = participantForMatching(await loadParticipant(m, actor, participantId));
    const today = m.today();
    const ranked = await m.source.rank([participant], { limit: q.limit, today });
    const matches = ranked.matches.get(participant.id) ?? [];
    const summaries = await summariesOf(m.queries, [...ranked.slots.values()], m.knownName);
    return {
      data: matches.map((x) => presentMatchWithSlot(x, summaries.get(x.slotId) ?? null)),
      today,
    };
  };
}
