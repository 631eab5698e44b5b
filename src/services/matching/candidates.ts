/**
 * Matching without a resident index: per request, SQL selects the slots that can pass the
 * participants' hard constraints, with the columns ranking reads, and the pure engine ranks only
 * those. A request's cost follows the participants (how many slots lie within their reach), not the
 * size of the registry, and no statement ever returns the registry (D1 refuses any string or row
 * over 2 MB, and a Worker isolate has 128 MB).
 *
 * The plan: one row per 0.05° latitude band the travel radius touches, holding the longitude range
 * of the travel circle within that band (a circle narrows towards its top and bottom, so the bands
 * there read a short range) and the constraints SQL tests: open, a free place, a supervisor with
 * room, every must-have adaptation (bit masks), a supervised day the participant is available (day
 * masks), a minimum the participant can do now, a wanted kind. For several participants (allocation)
 * overlapping ranges of a band are merged and their constraints loosened to what every one of them
 * passes, so each index entry is read once however many participants reach it.
 *
 * Each statement seeks its bands in `slots_match_idx` and reads their longitude ranges there; every
 * test above runs on the index entry, and only the slots that pass have their table row read (the
 * columns matching reads, as JSON). So rows read = index entries in the bands' ranges + candidates.
 * The bands go in a few statements (see `candidateSlots`), each ranked by the engine as it arrives
 * and merged with the best so far (`mergeRankings`), so what is held at once is one statement's
 * slots.
 *
 * The constraints SQL cannot test cheaply (the exact great-circle distance, overlapping minutes,
 * avoided words) stay with the engine, which checks every constraint again anyway.
 */
import { type SQL, sql } from 'drizzle-orm';
import { LAT_BANDS_PER_DEGREE, slots } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { adaptationMask, type Level, type SlotKind, slotKinds } from '../../domain/vocabulary';
import { boundingBox, lonHalfSpan } from '../../lib/geo';
import { MINUTES_PER_DAY } from '../../lib/schedule';
import {
  type ParticipantForMatching,
  type SlotBoundFields,
  storedTextNeedles,
  textNeedles,
} from '../../matching';
import type { BoundConstants } from '../../matching/bound';
import { matchKeysVersion, matchTermsVersion } from '../../matching/terms';
import { boundExpression } from './bound-sql';
import { type CatalogSlot, fromCells, type SlotCells, slotCells } from './rows';

/** Slots ranked at a time (the property test makes it tiny to exercise the merging). */
export const PAGE = 2000;
/** Statements per ranking at most (D1 allows 50 queries per invocation on the Free plan). */
const MAX_STATEMENTS = 20;
/** Bands in the first statement (a 20 km radius touches 8). */
const FIRST_BANDS = 8;
/** Slots in one answer below which the next statement takes more bands, and above which fewer. */
const SMALL_ANSWER = 2000;
const LARGE_ANSWER = 8000;
/** Every kind wanted: no preference. */
const ALL_KINDS = (1 << slotKinds.length) - 1;

const band = (lat: number) => Math.trunc((lat + 90) * LAT_BANDS_PER_DEGREE);

/** Weekdays (bit 0 = Monday) an availability list touches. */
function availableDays(participant: ParticipantForMatching): number {
  let mask = 0;
  for (const [from, to] of participant.availability)
    for (let d = Math.floor(from / MINUTES_PER_DAY); d <= Math.floor((to - 1) / MINUTES_PER_DAY); d++)
      mask |= 1 << (d % 7);
  return mask;
}

/** The tests a plan row carries besides the circle, as bit masks (null: no day fits, nothing passes). */
export interface PlanLimits {
  must: number;
  /** Weekdays one of which a slot must supervise; 0: any. */
  days: number;
  hoursNow: number;
  kinds: number;
}

export function planLimits(participant: ParticipantForMatching): PlanLimits | null {
  const must = adaptationMask(
    participant.adaptationNeeds.filter((n) => n.priority === 'must').map((n) => n.code),
  );
  // With hours to fill now, the supervised windows must overlap the availability: on a shared day.
  const days = participant.hoursNow > 0 ? availableDays(participant) : 0;
  if (participant.hoursNow > 0 && days === 0) return null;
  const wanted = participant.preferences.kinds;
  const kinds = wanted?.length ? wanted.reduce((m, k) => m | (1 << slotKinds.indexOf(k)), 0) : ALL_KINDS;
  return { must, days, hoursNow: participant.hoursNow, kinds };
}

/** Whether a slot's columns pass the limits, as the plan's SQL tests them (`candidatesOf`). */
export function passesLimits(
  limits: PlanLimits,
  slot: { adaptationMask: number; daysMask: number; hoursMin: number; kind: SlotKind },
): boolean {
  return (
    (slot.adaptationMask & limits.must) === limits.must &&
    (limits.days === 0 || (slot.daysMask & limits.days) !== 0) &&
    slot.hoursMin <= limits.hoursNow &&
    ((1 << slotKinds.indexOf(slot.kind)) & limits.kinds) !== 0
  );
}

/**
 * [band, minLon, maxLon, minLat, maxLat, must mask, days mask (0: any), hours now, kinds mask,
 * open ends (bits UPPER_OPEN, LOWER_OPEN: the range leaves out maxLon or minLon, which belong to
 * the band's next or previous row; 0: both ends in)]
 */
export type PlanRow = [number, number, number, number, number, number, number, number, number, number];

/**
 * One participant's hard constraints, a row per latitude band of the travel circle. Inside the
 * engine's own box (`boundingBox`: the engine never looks outside it) and covering the whole circle,
 * so SQL keeps every slot the engine would accept.
 */
function participantPlan(participant: ParticipantForMatching): PlanRow[] {
  const { lat, lon, maxTravelKm } = participant;
  const box = boundingBox(lat, lon, maxTravelKm);
  const limits = planLimits(participant);
  if (limits === null) return [];
  const { must, days, kinds } = limits;
  const rows: PlanRow[] = [];
  const first = band(Math.max(-90, box.minLat));
  const last = band(Math.min(90, box.maxLat));
  const boxHalf = (box.maxLon - box.minLon) / 2;
  for (let b = first; b <= last; b++) {
    const latLo = Math.max(box.minLat, b / LAT_BANDS_PER_DEGREE - 90);
    const latHi = Math.min(box.maxLat, (b + 1) / LAT_BANDS_PER_DEGREE - 90);
    const half = Math.min(boxHalf, lonHalfSpan(lat, maxTravelKm, latLo, latHi));
    rows.push([
      b,
      lon - half,
      lon + half,
      box.minLat,
      box.maxLat,
      must,
      days,
      participant.hoursNow,
      kinds,
      0,
    ]);
  }
  return rows;
}

/** Two rows of one band whose longitude ranges overlap, as one row every slot of either passes. */
function widen(a: PlanRow, b: PlanRow): PlanRow {
  return [
    a[0],
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.min(a[3], b[3]),
    Math.max(a[4], b[4]),
    a[5] & b[5],
    a[6] === 0 || b[6] === 0 ? 0 : a[6] | b[6],
    Math.max(a[7], b[7]),
    a[8] | b[8],
    a[9],
  ];
}

/**
 * Whether two rows test the same limits (adjacent pieces are then joined, their latitudes widened:
 * those only cut the top and bottom band of a circle, and each plan row is a row read on D1).
 */
const sameTests = (a: PlanRow, b: PlanRow) => a.slice(5, 9).every((x, i) => x === b[5 + i]);

/** `PlanRow[9]` bits: the range stops below its maxLon / starts above its minLon. */
const UPPER_OPEN = 1;
const LOWER_OPEN = 2;

/**
 * Overlapping rows of one band (a cluster: each overlaps the ones before) as pieces between their
 * ends, each with the limits of the rows that reach it only: where two cities' circles meet, a
 * piece only one of them reaches is not read with the other's looser limits too. The pieces are
 * disjoint: a longitude where a row ends belongs to the piece on its left, one where a row only
 * starts to the piece on its right, and the other piece leaves it out (an open end).
 */
function pieces(cluster: readonly PlanRow[]): PlanRow[] {
  if (cluster.length === 1) return [cluster[0]!];
  const ends = [...new Set(cluster.flatMap((r) => [r[1], r[2]]))].sort((a, b) => a - b);
  const rowEnds = new Set(cluster.map((r) => r[2]));
  const out: PlanRow[] = [];
  for (let j = 0; j + 1 < ends.length; j++) {
    const [lo, hi] = [ends[j]!, ends[j + 1]!];
    const open = (j > 0 && rowEnds.has(lo) ? LOWER_OPEN : 0) | (rowEnds.has(hi) ? 0 : UPPER_OPEN);
    const reaching = cluster.filter(
      (r) =>
        ((open & UPPER_OPEN) === 0 ? r[1] <= hi : r[1] < hi) &&
        ((open & LOWER_OPEN) === 0 ? r[2] >= lo : r[2] > lo),
    );
    // A copy: the cluster's rows are read again for the next pieces.
    const piece: PlanRow = [...reaching.reduce(widen)] as PlanRow;
    piece[1] = lo;
    piece[2] = hi;
    piece[9] = open;
    const last = out[out.length - 1];
    if (last && sameTests(last, piece)) {
      last[2] = hi;
      last[3] = Math.min(last[3], piece[3]);
      last[4] = Math.max(last[4], piece[4]);
      last[9] = (last[9] & LOWER_OPEN) | (open & UPPER_OPEN);
    } else out.push(piece);
  }
  return out;
}

/**
 * The plan for some participants: their rows, the overlapping ranges of a band cut into pieces
 * (`pieces`), so the rows' ranges are disjoint and no slot is read (or returned) twice. Ordered by
 * band and longitude.
 */
export function candidatePlan(people: readonly ParticipantForMatching[]): PlanRow[] {
  const rows = people.flatMap(participantPlan).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const plan: PlanRow[] = [];
  let cluster: PlanRow[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const first = cluster[0];
    if (first && first[0] === row[0] && row[1] <= reach) {
      cluster.push(row);
      reach = Math.max(reach, row[2]);
      continue;
    }
    if (first) plan.push(...pieces(cluster));
    cluster = [row];
    reach = row[2];
  }
  if (cluster.length > 0) plan.push(...pieces(cluster));
  return plan;
}

const kindBitOf = sql.raw(
  `CASE "slots"."kind" ${slotKinds.map((k, i) => `WHEN '${k}' THEN ${1 << i}`).join(' ')} END`,
);

/** How the statements seek a band: the whole-slot one by `lat_band`, the bound one by its expression. */
const bySlotIndex = sql`${slots} INDEXED BY slots_match_idx`;
const bandOfSlot = sql`${slots.latBand}`;
const byBoundIndex = sql`${slots} INDEXED BY slots_bound_idx`;
/** As `slots_bound_idx` holds it (db/schema/registry.ts), so SQLite matches the expression. */
const bandExpression = sql`CAST((${slots.lat} + 90) * ${sql.raw(String(LAT_BANDS_PER_DEGREE))} AS INTEGER)`;

/** The plan's rows joined with the slots that can pass their constraints (FROM … WHERE …). */
function candidatesOf(plan: readonly PlanRow[], table = bySlotIndex, band = bandOfSlot): SQL {
  return sql`
    FROM (
      SELECT json_extract(value, '$[0]') AS band, json_extract(value, '$[1]') AS min_lon,
        json_extract(value, '$[2]') AS max_lon, json_extract(value, '$[3]') AS min_lat,
        json_extract(value, '$[4]') AS max_lat, json_extract(value, '$[5]') AS must,
        json_extract(value, '$[6]') AS days, json_extract(value, '$[7]') AS hours_now,
        json_extract(value, '$[8]') AS kinds, json_extract(value, '$[9]') AS open_ends
      FROM json_each(${JSON.stringify(plan)})
    ) p CROSS JOIN ${table}
      ON ${slots.status} = 'open' AND ${band} = p.band AND ${slots.lon} BETWEEN p.min_lon AND p.max_lon
    WHERE ${slots.lat} BETWEEN p.min_lat AND p.max_lat
      AND (p.open_ends & ${sql.raw(String(UPPER_OPEN))} = 0 OR ${slots.lon} < p.max_lon)
      AND (p.open_ends & ${sql.raw(String(LOWER_OPEN))} = 0 OR ${slots.lon} > p.min_lon)
      AND ${slots.taken} < ${slots.capacity}
      AND ${slots.supervisorsWithRoom} > 0
      AND (${slots.adaptationMask} & p.must) = p.must
      AND (p.days = 0 OR (${slots.daysMask} & p.days) <> 0)
      AND ${slots.hoursMin} <= p.hours_now
      AND (${kindBitOf} & p.kinds) <> 0`;
}

/** The slots that can pass a plan's constraints, as the engine reads them (no descriptions). */
export function candidateStatement(plan: readonly PlanRow[]): SQL {
  return sql`SELECT ${slotCells} ${candidatesOf(plan)}`;
}

/** The columns the score bound reads (src/matching/bound.ts) from the narrow rows, by position. */
type BoundColumns = [
  id: string,
  lat: number,
  lon: number,
  adaptationMask: number,
  openEnded: number,
  startDate: string,
  endDate: string | null,
  leadsToHire: number,
  socialIntensity: Level,
  physicalDemand: Level,
  hoursMax: number,
  trainedSupervisor: number,
  arrangeMask: number,
];

/** A candidate's narrow columns for one participant: the bound's and the text matches counted in SQL. */
export type BoundRow = [...BoundColumns, textMatches: number | null];
/** …and its SQL bound (bound-sql.ts), as a page of them has it. */
export type BoundPageRow = [...BoundRow, sqlBound: number];

/** The score bound's input from a narrow row (the booleans are stored as 0 and 1). */
export function boundFieldsOf(
  row: readonly [...BoundColumns, ...unknown[]],
  textMatches: number | null,
): SlotBoundFields {
  const [
    ,
    lat,
    lon,
    adaptationMask,
    openEnded,
    startDate,
    endDate,
    hire,
    social,
    physical,
    hoursMax,
    trained,
    arrangeMask,
  ] = row;
  return {
    lat,
    lon,
    adaptationMask,
    arrangeMask,
    openEnded: openEnded === 1,
    startDate,
    endDate,
    leadsToHire: hire === 1,
    socialIntensity: social,
    physicalDemand: physical,
    hoursMax,
    trainedSupervisor: trained === 1,
    textMatches,
  };
}

/**
 * Whether one of the slot's supervisors has had the training (1/0), from the supervisor tuples
 * `slots_bound_idx` holds (migration 0025): they end in `trained` (0 or 1, written by SQLite's JSON
 * only, db/migrations/0006) and ids are quoted, so `1]` is a trained one.
 */
const trainedSupervisor = sql`${slots.supervisorRooms} LIKE ${sql.raw("'%1]%'")}`;

/** A string as an SQL literal (keys are letters and digits; quotes doubled all the same). */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * How many of the needle lists (one per strength or interest) the slot's stored terms meet, as one
 * expression of literals: a json_each per slot would count every needle as a row read on D1, and
 * bound parameters are limited to 100 a statement there.
 */
function textMatchCount(needles: readonly string[][]): SQL {
  if (needles.length === 0) return sql`0`;
  const terms = '"slots"."match_terms"';
  const phrase = (list: readonly string[]) =>
    `(${list.map((n) => `instr(${terms}, ${literal(` ${n} `)}) > 0`).join(' OR ')})`;
  return sql.raw(needles.map(phrase).join(' + '));
}

/**
 * The candidates of a plan with the narrow columns their score bound needs, and how many of the
 * needle lists the slot's stored terms meet: NULL when the terms are missing or of another key
 * function (terms.ts). Terms of the current version are searched for `stored` (each strength's
 * words of work as one derived term: a few keys where the whole lists have some thirty), terms
 * of the current key function with older strengths' lists (written before them) for the whole
 * lists, `needles`.
 */
export function boundStatement(
  plan: readonly PlanRow[],
  needles: readonly string[][],
  stored: readonly string[][] = needles,
): SQL {
  const version = `${matchTermsVersion()} `;
  const keys = matchKeysVersion();
  const terms = slots.matchTerms;
  return sql`
    SELECT ${slots.id}, ${slots.lat}, ${slots.lon}, ${slots.adaptationMask}, ${slots.openEnded},
      ${slots.startDate}, ${slots.endDate}, ${slots.leadsToHire}, ${slots.socialIntensity},
      ${slots.physicalDemand}, ${slots.hoursMax}, ${trainedSupervisor} AS trained_supervisor,
      ${slots.adaptationArrangeMask}, CASE WHEN substr(${terms}, 1, ${version.length}) = ${version} THEN ${textMatchCount(stored)}
        WHEN substr(${terms}, 1, ${keys.length + 1}) IN (${`${keys} `}, ${`${keys}.`}) THEN ${textMatchCount(needles)} END
        AS text_matches
    ${candidatesOf(plan, byBoundIndex, bandExpression)}`;
}

/** Where a page of bound rows ended: its last row's SQL bound and id (the order is bound, then id). */
export interface BoundCursor {
  bound: number;
  id: string;
}

/**
 * One page of a plan's candidates as narrow rows, best SQL bound first (bound-sql.ts; ties by id),
 * after `after`: SQL reads every candidate's index entry, bounds it and returns only the best
 * `limit`, each with its SQL bound last. The text count is computed once a row (the inner query is
 * kept apart by its OFFSET, so SQLite does not copy the expression into the ordering).
 */
export function boundPageStatement(
  plan: readonly PlanRow[],
  needles: readonly string[][],
  stored: readonly string[][],
  bound: BoundConstants,
  limit: number,
  after: BoundCursor | null,
): SQL {
  const u = boundExpression(bound, 'c', 'c."text_matches"');
  const id = sql.raw('"id"');
  const where = after ? sql`WHERE u < ${after.bound} OR (u = ${after.bound} AND ${id} > ${after.id})` : sql``;
  // The sort sits in a subquery without a row limit and the limit outside it: a sort that keeps only
  // the best `limit` rows checks its worst row at every row past the limit, and D1 counts each check
  // as a row read (twice the candidates in all); this way D1 counts the rows taken from the sort.
  return sql`
    SELECT * FROM (
      SELECT c.*, ${u} AS u FROM (${boundStatement(plan, needles, stored)} LIMIT -1 OFFSET 0) c
      ${where}
      ORDER BY u DESC, ${id} LIMIT -1 OFFSET 0
    ) LIMIT ${limit}`;
}

/** A candidate's narrow columns for several participants: the bound's, the plan's tests, the stored terms. */
export type TermsRow = [
  ...BoundColumns,
  kind: SlotKind,
  daysMask: number,
  hoursMin: number,
  matchTerms: string | null,
];

/**
 * The candidates of a merged plan (several participants) with the narrow columns, the columns of the
 * plan's tests (each participant's own are applied in code: the merged row is looser) and the stored
 * terms, which are counted against each participant's needles in code (terms.ts
 * `storedTextMatches`): one SQL expression per participant would not fit a statement.
 */
export function termsStatement(plan: readonly PlanRow[]): SQL {
  return sql`
    SELECT ${slots.id}, ${slots.lat}, ${slots.lon}, ${slots.adaptationMask}, ${slots.openEnded},
      ${slots.startDate}, ${slots.endDate}, ${slots.leadsToHire}, ${slots.socialIntensity},
      ${slots.physicalDemand}, ${slots.hoursMax}, ${trainedSupervisor}, ${slots.adaptationArrangeMask},
      ${slots.kind}, ${slots.daysMask},
      ${slots.hoursMin}, ${slots.matchTerms}
    ${candidatesOf(plan, byBoundIndex, bandExpression)}`;
}

/**
 * A plan's answers, a statement's worth at a time (each slot once: the plan's ranges are disjoint).
 * Every D1 call costs a round trip, so the bands go in as few statements as keep one statement's
 * answer small: the first takes FIRST_BANDS bands, and each next one twice as many after an answer
 * under `small` rows, half as many after one over `large`, never so few that the plan would need
 * more than MAX_STATEMENTS statements.
 */
async function* planAnswers<T>(
  read: (query: SQL) => Promise<T[]>,
  plan: readonly PlanRow[],
  statement: (part: readonly PlanRow[]) => SQL,
  { small, large }: { small: number; large: number },
): AsyncGenerator<T[]> {
  let take = FIRST_BANDS;
  for (let i = 0, statements = 0; i < plan.length; statements++) {
    const left = MAX_STATEMENTS - statements;
    take = Math.max(take, Math.ceil((plan.length - i) / Math.max(1, left)));
    const rows = await read(statement(plan.slice(i, i + take)));
    i += take;
    yield rows;
    if (rows.length < small) take *= 2;
    else if (rows.length > large) take = Math.max(1, Math.floor(take / 2));
  }
}

/**
 * A statement's rows as arrays of their columns: no JSON to build in SQL and parse here. (D1 gives
 * arrays; libSQL gives array-like rows, copied.)
 */
async function rowsOfColumns<T extends unknown[]>(db: Db, query: SQL): Promise<T[]> {
  return asColumns(await db.values<T>(query));
}

function asColumns<T extends unknown[]>(rows: readonly T[]): T[] {
  return rows.map((r) => (Array.isArray(r) ? r : (Array.from(r as ArrayLike<unknown>) as T)));
}

/** The slots that may be eligible for at least one of the participants, a statement's worth at a time. */
export async function* candidateSlots(
  db: Db,
  people: readonly ParticipantForMatching[],
): AsyncGenerator<CatalogSlot[]> {
  const answers = planAnswers(
    (q) => rowsOfColumns<SlotCells>(db, q),
    candidatePlan(people),
    candidateStatement,
    {
      small: SMALL_ANSWER,
      large: LARGE_ANSWER,
    },
  );
  for await (const rows of answers) yield rows.map(fromCells);
}

/**
 * One participant's candidates as narrow rows, a page at a time, best SQL bound first: `page(limit,
 * after)` gives the next `limit` rows after the cursor, and where they end (null: none are left).
 * One statement a page over the whole plan (its answer is at most `limit` rows).
 */
export function candidateBoundPages(participant: ParticipantForMatching, bound: BoundConstants) {
  const needles = textNeedles(participant);
  const stored = storedTextNeedles(participant);
  const plan = candidatePlan([participant]);
  return async (
    db: Db,
    limit: number,
    after: BoundCursor | null,
  ): Promise<{ rows: BoundPageRow[]; end: BoundCursor | null }> => {
    if (plan.length === 0) return { rows: [], end: null };
    const rows = await rowsOfColumns<BoundPageRow>(
      db,
      boundPageStatement(plan, needles, stored, bound, limit, after),
    );
    const last = rows[rows.length - 1];
    return { rows, end: rows.length < limit || !last ? null : { bound: last[14], id: last[0] } };
  };
}

/** Narrow rows with terms one call brings at most (about 0.7 KB each while held), and one statement. */
export interface TermsSizes {
  perCall: number;
  perStatement: number;
}
const TERMS_ROWS: TermsSizes = { perCall: 48_000, perStatement: 12_000 };
/** Candidates per plan row vary by region (cities, the inland north): a call plans for this many times those seen. */
const DENSITY_MARGIN = 2;

/**
 * Several participants' candidates as narrow rows with their stored terms (about 300 bytes each),
 * each slot once however many participants reach it, a statement's worth at a time. Every D1 call
 * costs a round trip, so the plan goes in few calls, each a batch of statements: the first call
 * takes an eighth of the plan and tells how many candidates a plan row brings; each next call takes
 * as many plan rows as should bring `perCall` rows at DENSITY_MARGIN times the rate seen so far, in
 * statements of `perStatement` (50 participants at 100,000 slots: three calls where one statement
 * a call took seven). Tests make the sizes tiny to exercise the calls and statements.
 */
export async function* candidateTerms(
  db: Db,
  people: readonly ParticipantForMatching[],
  { perCall, perStatement }: TermsSizes = TERMS_ROWS,
): AsyncGenerator<TermsRow[]> {
  const plan = candidatePlan(people);
  let rows = 0;
  for (let done = 0; done < plan.length; ) {
    const parts: PlanRow[][] = [];
    if (done === 0) parts.push(plan.slice(0, Math.max(FIRST_BANDS, Math.ceil(plan.length / 8))));
    else {
      const perPlanRow = DENSITY_MARGIN * Math.max(1, rows / done);
      const end = Math.min(plan.length, done + Math.max(1, Math.floor(perCall / perPlanRow)));
      const step = Math.max(1, Math.floor(perStatement / perPlanRow));
      for (let i = done; i < end; i += step) parts.push(plan.slice(i, Math.min(end, i + step)));
    }
    const [first, ...rest] = parts.map((part) => db.values<TermsRow>(termsStatement(part)));
    if (!first) return;
    for (const [i, answer] of (await db.batch([first, ...rest])).entries()) {
      done += parts[i]!.length;
      const part = asColumns(answer);
      rows += part.length;
      yield part;
    }
  }
}

/** D1 refuses statements over 100,000 bytes: an id list stays under this many characters. */
const MAX_LIST_CHARS = 90_000;

/**
 * One statement reading these slots by id: a VALUES list of literals, each seeking the slot's
 * primary key. D1 counts every `json_each` row as a row read, so a `json_each` list read two rows a
 * slot where this reads one.
 */
export function slotsByIdStatement(ids: readonly string[]): SQL {
  const values = sql.raw(ids.map((id) => `(${literal(id)})`).join(','));
  return sql`
    SELECT ${slotCells}
    FROM (VALUES ${values}) j CROSS JOIN ${slots} ON ${slots.id} = j.column1`;
}

/** Ids in lists of one statement each, as long as D1's statement length allows. */
function idLists(ids: readonly string[]): string[][] {
  const lists: string[][] = [];
  for (let i = 0; i < ids.length; ) {
    const part: string[] = [];
    for (let chars = 0; i < ids.length && (part.length === 0 || chars < MAX_LIST_CHARS); i++) {
      part.push(ids[i]!);
      chars += ids[i]!.length + 6;
    }
    lists.push(part);
  }
  return lists;
}

/**
 * Slots by id, whatever their state (for given slot lists and whole reads of candidates), in as few
 * statements as D1's statement length allows.
 */
export async function slotsById(db: Db, ids: readonly string[]): Promise<CatalogSlot[]> {
  const out: CatalogSlot[] = [];
  for (const part of idLists(ids))
    for (const r of await rowsOfColumns<SlotCells>(db, slotsByIdStatement(part))) out.push(fromCells(r));
  return out;
}

/**
 * Slots by id in one call: statements of at most `perStatement` ids each, sent as one batch (each
 * D1 call is a round trip, and allocation reads thousands of whole slots a round).
 */
export async function slotsByIdInOneCall(
  db: Db,
  ids: readonly string[],
  perStatement = PAGE,
): Promise<CatalogSlot[]> {
  const lists: string[][] = [];
  for (let i = 0; i < ids.length; i += perStatement) lists.push(...idLists(ids.slice(i, i + perStatement)));
  const [first, ...rest] = lists.map((part) => db.values<SlotCells>(slotsByIdStatement(part)));
  if (!first) return [];
  return (await db.batch([first, ...rest])).flatMap((rows) => asColumns(rows).map(fromCells));
}
