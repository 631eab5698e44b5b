/**
 * The embedded search as ONE SQL statement (one round trip, which matters on D1): candidates, text
 * match and rank, availability, the page, the total and the facet counts. The candidate step reads
 * the most selective index first:
 * - near + radius: the grid-cell index, which covers every column read (no table rows at all);
 * - an organization or municipalities: their indexes;
 * - otherwise, with text: the full-text match drives, joined to the documents;
 * - otherwise: every document (browsing).
 * Text is ranked by bm25 with the title weighted ten times the rest, computed only for candidates.
 *
 * Availability. The index holds each slot's status and free places as of its last index task. A
 * slot whose task is still queued (or failed) has changed since, so its availability is read from
 * the slots table now: a slot closed, filled or deleted a moment ago is gone at once, and the live
 * check costs a lookup only for the few slots with pending tasks, not for every candidate.
 * Every value is a bound parameter; lists travel as one JSON parameter (D1 allows 100 per statement).
 */
import { type SQL, sql } from 'drizzle-orm';
import { SEARCH_TOPIC } from '../../../db/schema';
import { adaptationCodes, adaptationMask, slotKinds } from '../../domain/vocabulary';
import { daysMaskOf } from '../filters';
import type { SlotSearchQuery } from '../port';
import { cellList, cellRanges, flatWeights } from './geo';

/** The title counts ten times the occupation, tasks and description. */
const BM25 = sql`bm25(search_words, 10.0, 1.0)`;
const ADAPTATION_BITS = adaptationCodes.length;

const json = (values: readonly unknown[]) => JSON.stringify(values);

/**
 * `column IN (…)` for a short list of known values (statuses, kinds, levels): inline parameters, or
 * `=` for one, which the scan evaluates faster than probing a list for every row.
 */
function oneOf(column: SQL, values: readonly string[]): SQL {
  if (values.length === 1) return sql`${column} = ${values[0]}`;
  return sql`${column} IN (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** Conditions on search_docs `d` for every filter except text and availability. */
function documentFilters(q: SlotSearchQuery, todayDay: number): SQL[] {
  const where: SQL[] = [oneOf(sql`d.status`, q.statuses)];
  if (!q.includeFull) where.push(sql`d.free_places > 0`);
  if (q.kinds.length) where.push(oneOf(sql`d.kind`, q.kinds));
  if (q.municipalityCodes.length)
    where.push(sql`d.municipality_code IN (SELECT value FROM json_each(${json(q.municipalityCodes)}))`);
  if (q.organizationId) where.push(sql`d.organization_id = ${q.organizationId}`);
  if (q.adaptations.length) {
    const mask = adaptationMask(q.adaptations);
    where.push(sql`(d.adaptation_mask & ${mask}) = ${mask}`);
  }
  if (q.days.length) {
    const mask = daysMaskOf(q.days);
    where.push(sql`(d.days_mask & ${mask}) = ${mask}`);
  }
  if (q.hours !== undefined) where.push(sql`d.hours_min <= ${q.hours} AND d.hours_max >= ${q.hours}`);
  if (q.openEnded !== undefined) where.push(sql`d.open_ended = ${q.openEnded ? 1 : 0}`);
  // A fixed-term slot whose end has passed is not available.
  where.push(sql`(d.open_ended = 1 OR d.end_day >= ${todayDay})`);
  if (q.minDurationWeeks !== undefined) {
    const days = q.minDurationWeeks * 7;
    where.push(
      sql`(d.open_ended = 1 OR (d.end_day >= ${todayDay + days} AND d.end_day - d.start_day >= ${days}))`,
    );
  }
  if (q.leadsToHire !== undefined) where.push(sql`d.leads_to_hire = ${q.leadsToHire ? 1 : 0}`);
  if (q.socialIntensity.length) where.push(oneOf(sql`d.social_intensity`, q.socialIntensity));
  if (q.physicalDemand.length) where.push(oneOf(sql`d.physical_demand`, q.physicalDemand));
  return where;
}

/** Squared kilometres from the query point (columns of `alias`), or NULL without one. */
function squaredDistance(q: SlotSearchQuery, alias: string): SQL {
  if (!q.near) return sql`NULL`;
  const { lat, lon } = q.near;
  const { kx2, ky2 } = flatWeights(lat);
  const [la, lo] = [sql.raw(`${alias}.lat`), sql.raw(`${alias}.lon`)];
  return sql`((${la} - ${lat}) * (${la} - ${lat}) * ${ky2} + (${lo} - ${lon}) * (${lo} - ${lon}) * ${kx2})`;
}

/** What every later step needs of a document; all of it is in the cell index. */
const COLUMNS = sql.raw(
  'd.docid, d.slot_id, d.organization_id, d.municipality_code, d.kind, d.adaptation_mask, d.created_at, d.lat, d.lon',
);

/**
 * The candidate documents, before text. Within a radius the listed cells already cut the
 * circle's corners; the exact distance is checked later, on the few documents that also match text.
 */
function candidates(q: SlotSearchQuery, where: SQL[]): SQL {
  const all = sql.join(where, sql` AND `);
  if (q.near && q.radiusKm !== undefined) {
    const cells = cellList(q.near.lat, q.near.lon, q.radiusKm);
    if (cells)
      return sql`SELECT ${COLUMNS} FROM json_each(${json(cells)}) g
        CROSS JOIN search_docs d INDEXED BY search_docs_cell_idx ON d.cell = g.value
        WHERE ${all}`;
    const ranges = json(cellRanges(q.near.lat, q.near.lon, q.radiusKm));
    return sql`SELECT ${COLUMNS} FROM json_each(${ranges}) g
      CROSS JOIN search_docs d INDEXED BY search_docs_cell_idx
        ON d.cell BETWEEN json_extract(g.value, '$[0]') AND json_extract(g.value, '$[1]')
      WHERE ${all}`;
  }
  // An organization's or municipalities' slots through their index; browsing reads every document.
  const via = q.organizationId
    ? sql`INDEXED BY search_docs_org_idx`
    : q.municipalityCodes.length
      ? sql`INDEXED BY search_docs_municipality_idx`
      : sql`NOT INDEXED`;
  return sql`SELECT ${COLUMNS} FROM search_docs d ${via} WHERE ${all}`;
}

export type Path = 'radius' | 'index' | 'text' | 'browse';

/** Which access path the statement takes: the candidates it reads first. */
export function accessPath(q: SlotSearchQuery, words: number): Path {
  // Two or more words narrow the full-text match more than most radii narrow the map (every word
  // must match); one word is usually common, and then the radius is the better start.
  if (q.near && q.radiusKm !== undefined && (words <= 1 || q.radiusKm <= 10)) return 'radius';
  if (q.organizationId || q.municipalityCodes.length) return 'index';
  return words > 0 ? 'text' : 'browse';
}

function order(q: SlotSearchQuery, ranked: boolean): SQL {
  const newest = sql`c.created_at DESC, c.slot_id DESC`;
  if (q.sort === 'distance' && q.near) return sql`c.d2 ASC, c.slot_id ASC`;
  if (q.sort === 'relevance' && ranked) return sql`c.score ASC, ${newest}`;
  return newest;
}

/**
 * Rows: part 0 = one hit (JSON, with its position), part 1 = [total, a count per adaptation bit,
 * a count per kind in vocabulary order], part 2 = counts by municipality.
 */
export function searchStatement(q: SlotSearchQuery, match: string | null, todayDay: number, words = 1): SQL {
  const where = documentFilters(q, todayDay);
  const path = accessPath(q, match === null ? 0 : words);
  const rank = q.sort === 'relevance' ? BM25 : sql`0`;
  let matched: SQL;
  if (match === null) matched = sql`SELECT f.*, 0 AS score FROM f`;
  else if (path === 'text')
    matched = sql`SELECT ${COLUMNS}, ${rank} AS score
      FROM search_words CROSS JOIN search_docs d ON d.docid = search_words.rowid
      WHERE search_words MATCH ${match} AND ${sql.join(where, sql` AND `)}`;
  else if (path === 'radius')
    // The full-text scan probes the materialized candidates through a Bloom filter and an automatic
    // index, the plan SQLite picks for a radius's candidate set (see bench/search.ts).
    matched = sql`SELECT f.*, ${rank} AS score
      FROM search_words CROSS JOIN f ON f.docid = search_words.rowid
      WHERE search_words MATCH ${match}`;
  // The full-text scan tests each match against the candidates' docids (an ephemeral index built
  // once; the unary + keeps SQLite from handing the IN list to FTS5 as one lookup per docid). A
  // join would not do: without statistics SQLite may take an index's candidates for a few rows and
  // rescan them for every match.
  else
    matched = sql`SELECT ${COLUMNS}, x.score FROM (
        SELECT search_words.rowid AS docid, ${rank} AS score FROM search_words
        WHERE search_words MATCH ${match} AND +search_words.rowid IN (SELECT docid FROM f)
      ) x CROSS JOIN search_docs d ON d.docid = x.docid`;
  const f = path === 'text' ? sql`SELECT ${COLUMNS} FROM search_docs d WHERE 0` : candidates(q, where);
  const d2 = squaredDistance(q, 'm');
  const inRadius = q.near && q.radiusKm !== undefined ? sql`${d2} <= ${q.radiusKm * q.radiusKm}` : sql`1`;
  const liveAvailable = sql`EXISTS (SELECT 1 FROM slots s WHERE s.id = m.slot_id
    AND ${oneOf(sql`s.status`, q.statuses)} ${q.includeFull ? sql`` : sql`AND s.taken < s.capacity`})`;
  // One pass counts the total, every adaptation bit and every kind; municipalities need a GROUP BY.
  const counts = sql.join(
    [
      sql`count(*)`,
      ...Array.from({ length: ADAPTATION_BITS }, (_x, i) => sql.raw(`sum((adaptation_mask >> ${i}) & 1)`)),
      ...slotKinds.map((k) => sql.raw(`sum(kind = '${k}')`)),
    ],
    sql`, `,
  );
  return sql`
    WITH f AS ${path === 'radius' ? sql`MATERIALIZED` : sql``} (${f}),
    m AS (${matched}),
    changed AS MATERIALIZED (
      SELECT DISTINCT json_extract(payload, '$.slotId') AS slot_id FROM outbox
      WHERE topic = ${SEARCH_TOPIC} AND status IN ('pending', 'failed')
    ),
    c AS MATERIALIZED (
      SELECT m.*, ${d2} AS d2 FROM m
      WHERE ${inRadius} AND (m.slot_id NOT IN (SELECT slot_id FROM changed) OR ${liveAvailable})
    ),
    sorted AS (SELECT c.* FROM c ORDER BY ${order(q, match !== null)} LIMIT ${q.limit} OFFSET ${q.offset}),
    page AS (SELECT sorted.*, row_number() OVER () AS position FROM sorted)
    SELECT 0 AS part, json_object(
      'position', page.position, 'id', page.slot_id, 'd2', page.d2,
      'title', t.title, 'body', t.body, 'organizationId', d.organization_id, 'organizationName', o.name,
      'municipalityCode', d.municipality_code, 'kind', d.kind, 'status', s.status,
      'hoursMin', d.hours_min, 'hoursMax', d.hours_max, 'capacity', s.capacity, 'taken', s.taken,
      'startDay', d.start_day, 'endDay', d.end_day, 'openEnded', d.open_ended,
      'leadsToHire', d.leads_to_hire, 'adaptationMask', d.adaptation_mask, 'lat', d.lat, 'lon', d.lon
    ) AS data
    FROM page CROSS JOIN search_docs d ON d.docid = page.docid
      CROSS JOIN slots s ON s.id = d.slot_id
      LEFT JOIN search_text t ON t.docid = page.docid
      LEFT JOIN organizations o ON o.id = d.organization_id
    UNION ALL SELECT 1, json_array(${counts}) FROM c
    UNION ALL SELECT 2, json_group_object(municipality_code, n)
      FROM (SELECT municipality_code, count(*) AS n FROM c GROUP BY municipality_code)`;
}
