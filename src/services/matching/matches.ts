import type { Actor } from '../../auth/actor';
import { assertParticipantAccess } from '../../auth/policy';
import { type BoundingBox, boundingBox, inBox } from '../../lib/geo';
import { forbidden, notFound } from '../../lib/problem';
import { type Match, rankParticipant, type SlotForMatching } from '../../matching';
import type { MatchingContext } from './context';
import { presentMatchWithSlot, summariesOf, summary } from './present';
import { type CatalogSlot, participantForMatching } from './rows';
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

/** The matches answer for a participant's row. */
async function answerFor(m: MatchingContext, row: ParticipantRow, q: MatchLimit) {
  const participant = participantForMatching(row);
  const today = m.today();
  const ranked = await m.source.rank([participant], { limit: q.limit, today });
  const matches = ranked.matches.get(participant.id) ?? [];
  const summaries = await summariesOf(m.queries, [...ranked.slots.values()], m.knownName);
  return {
    data: matches.map((x) => presentMatchWithSlot(x, summaries.get(x.slotId) ?? null)),
    today,
  };
}

/** The slots that fit one participant best, each with reasons, gaps and the slot's summary. */
export function matchesForParticipant(m: MatchingContext) {
  return async function matchesFor(actor: Actor, participantId: string, q: MatchLimit) {
    return answerFor(m, await loadParticipant(m, actor, participantId), q);
  };
}

/** Answers kept: at most this many participants' and this many characters of JSON in all. */
const MAX_KEPT = 1000;
const MAX_KEPT_CHARS = 16_000_000;
/** Single matches' JSON kept (about 1.6 kB each at limit 10); past this they start afresh. */
const MAX_KEPT_MATCHES = 20_000;

/** The catalog keeps what a summary shows with each slot (rows.ts fromCells). */
const isCatalogSlot = (s: SlotForMatching | undefined): s is CatalogSlot =>
  s !== undefined && 'municipalityCode' in s && typeof s.municipalityCode === 'string';

/** A participant's kept JSON of one match: valid for this row, date and employer's name. */
interface KeptMatch {
  today: string;
  row: string;
  name: string;
  json: string;
}

/** A participant's kept answer: for this date, limit and row, made at (or proven for) `position`. */
interface KeptAnswer {
  key: string;
  position: number;
  /** The participant's box: the engine ranks only slots inside it. */
  box: BoundingBox;
  json: string;
}

/**
 * `matchesFor`'s answer as its JSON text, for the route. The caller's access is checked on every
 * request first; then, with the resident catalog, text made before is reused where what it was made
 * from is unchanged, since ranking, describing, rendering reasons in two languages and stringifying
 * them was most of a matches request's CPU:
 * - the whole answer, per participant, while today's date, the limit and the participant's whole row
 *   are what they were and no slot changed inside the participant's box since it was made (where
 *   the slot was before the change or is after it: the catalog keeps the places of its recent syncs).
 *   A ranking sees only the slots inside that box (rank.ts `scan`), and a match is a function of the
 *   slot, the participant and the date, so outside changes cannot alter it. The catalog moves with
 *   every slot change anywhere, but keeps no place of a change matching does not see (a new
 *   description), so those never make an answer stale;
 * - else each match's JSON, per slot as the index holds it (a changed slot is a new object there,
 *   so its matches are made afresh) and participant, while the row, the date and the employer's name
 *   are what they were.
 * Between reading the index and writing the text nothing awaits, so no sync moves it meanwhile.
 */
export function matchesTextForParticipant(m: MatchingContext) {
  const kept = new Map<string, KeptAnswer>();
  let keptChars = 0;
  const forget = (id: string) => {
    const entry = kept.get(id);
    if (!entry) return;
    keptChars -= entry.json.length;
    kept.delete(id);
  };
  function keep(id: string, answer: KeptAnswer) {
    forget(id);
    const { json } = answer;
    if (json.length > MAX_KEPT_CHARS / 4) return;
    while (kept.size >= MAX_KEPT || keptChars + json.length > MAX_KEPT_CHARS)
      forget(kept.keys().next().value ?? '');
    kept.set(id, answer);
    keptChars += json.length;
  }

  /** Whether a kept answer holds at `position`: no slot changed inside its box since it was made. */
  function holds(answer: KeptAnswer, position: number, catalog: NonNullable<MatchingContext['catalog']>) {
    if (answer.position === position) return true;
    return catalog.changedWhere(answer.position, (lat, lon) => inBox(answer.box, lat, lon)) === false;
  }

  let keptMatches = new WeakMap<CatalogSlot, Map<string, KeptMatch>>();
  let keptMatchCount = 0;
  function matchJson(x: Match, slot: CatalogSlot, name: string, today: string, row: string) {
    const hit = keptMatches.get(slot)?.get(x.participantId);
    if (hit && hit.today === today && hit.row === row && hit.name === name) return hit.json;
    const json = JSON.stringify(presentMatchWithSlot(x, summary(slot, name)));
    if (keptMatchCount >= MAX_KEPT_MATCHES) {
      keptMatches = new WeakMap();
      keptMatchCount = 0;
    }
    let bySlot = keptMatches.get(slot);
    if (!bySlot) {
      bySlot = new Map();
      keptMatches.set(slot, bySlot);
    }
    if (!bySlot.has(x.participantId)) keptMatchCount++;
    bySlot.set(x.participantId, { today, row, name, json });
    return json;
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
    if (!catalog) return JSON.stringify(await answerFor(m, row, q));
    // The sync `rank` makes (sources.ts residentSlots), then its ranking over the index, in one go.
    const index = await catalog.current();
    const position = catalog.position;
    const today = m.today();
    const rowJson = JSON.stringify(row);
    const key = `${today} ${q.limit} ${rowJson}`;
    const hit = kept.get(participantId);
    if (hit?.key === key && holds(hit, position, catalog)) {
      // Proven up to here: the next ask checks only what changed after.
      hit.position = position;
      return hit.json;
    }
    const participant = participantForMatching(row);
    const matches = rankParticipant(index, participant, { limit: q.limit, today });
    const data: string[] = [];
    for (const x of matches) {
      const slot = index.get(x.slotId);
      const name = slot && m.knownName?.(slot.organizationId);
      // A name the catalog lacks is read from the database (summariesOf): the answer made as always.
      if (!isCatalogSlot(slot) || name === undefined) return JSON.stringify(await answerFor(m, row, q));
      data.push(matchJson(x, slot, name, today, rowJson));
    }
    // The text JSON.stringify makes of matchesFor's { data, today }.
    const json = `{"data":[${data.join(',')}],"today":${JSON.stringify(today)}}`;
    keep(participantId, {
      key,
      position,
      box: boundingBox(participant.lat, participant.lon, participant.maxTravelKm),
      json,
    });
    return json;
  };
}
