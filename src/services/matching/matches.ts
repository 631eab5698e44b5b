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

type ParticipantRow = Awaited<ReturnType<typeof loadParticipant>>;

/** The matches answer for a participant's row, and whether the catalog knew every employer's name. */
async function answerFor(m: MatchingContext, row: ParticipantRow, q: MatchLimit) {
  const participant = participantForMatching(row);
  const today = m.today();
  const ranked = await m.source.rank([participant], { limit: q.limit, today });
  const matches = ranked.matches.get(participant.id) ?? [];
  const found = [...ranked.slots.values()];
  const summaries = await summariesOf(m.queries, found, m.knownName);
  return {
    answer: {
      data: matches.map((x) => presentMatchWithSlot(x, summaries.get(x.slotId) ?? null)),
      today,
    },
    namesKnown: found.every((s) => m.knownName?.(s.organizationId) !== undefined),
  };
}

/** The slots that fit one participant best, each with reasons, gaps and the slot's summary. */
export function matchesForParticipant(m: MatchingContext) {
  return async function matchesFor(actor: Actor, participantId: string, q: MatchLimit) {
    return (await answerFor(m, await loadParticipant(m, actor, participantId), q)).answer;
  };
}

/** Answers kept: at most this many participants' and this many characters of JSON in all. */
const MAX_KEPT = 1000;
const MAX_KEPT_CHARS = 16_000_000;

/**
 * `matchesFor`'s answer as its JSON text, for the route. With the resident catalog the text is kept
 * per participant with what it was made from: the catalog's position (it moves with every change to
 * any slot, supervisor room or employer's name the index takes), today's date, the limit and the
 * participant's whole row. A request that finds all of them unchanged gets the kept text: ranking,
 * describing, rendering the reasons in two languages and stringifying them was most of a matches
 * request's CPU, and their result is a function of exactly these. The caller's access is checked
 * on every request, before anything kept is looked at.
 */
export function matchesTextForParticipant(m: MatchingContext) {
  const kept = new Map<string, { key: string; json: string }>();
  let keptChars = 0;
  const forget = (id: string) => {
    const entry = kept.get(id);
    if (!entry) return;
    keptChars -= entry.json.length;
    kept.delete(id);
  };
  function keep(id: string, key: string, json: string) {
    forget(id);
    if (json.length > MAX_KEPT_CHARS / 4) return;
    while (kept.size >= MAX_KEPT || keptChars + json.length > MAX_KEPT_CHARS)
      forget(kept.keys().next().value ?? '');
    kept.set(id, { key, json });
    keptChars += json.length;
  }

  return async function matchesText(actor: Actor, participantId: string, q: MatchLimit): Promise<string> {
    let row: ParticipantRow;
    try {
      row = await loadParticipant(m, actor, participantId);
    } catch (e) {
      // Erased, gone or not the caller's: nothing of theirs stays kept (a miss costs only the next ask).
      forget(participantId);
      throw e;
    }
    const { catalog } = m;
    if (!catalog) return JSON.stringify((await answerFor(m, row, q)).answer);
    await catalog.current();
    const position = catalog.position;
    const today = m.today();
    const key = `${position} ${today} ${q.limit} ${JSON.stringify(row)}`;
    const hit = kept.get(participantId);
    if (hit?.key === key) return hit.json;
    const { answer, namesKnown } = await answerFor(m, row, q);
    const json = JSON.stringify(answer);
    // Kept only when made from the index at that position (no sync moved it meanwhile), on that date,
    // with names the catalog holds (a name read from the database has no position to follow).
    if (catalog.position === position && answer.today === today && namesKnown) keep(participantId, key, json);
    return json;
  };
}
