/**
 * The embedded search as ONE SQL statement (one round trip, which matters on D1): a bounded window
 * of candidates, the filters, availability, the page, the total and the facet counts.
 *
 * **Bounded.** D1 bills every row a statement reads, and a search must not read the registry. So a
 * search examines at most `window` candidates (7,000 by default), taken from the most selective
 * access path in the order that serves the requested sort:
 * - near + radius: the documents of the radius's docid ranges (one per grid row, nearest rows
 *   first; see geo.ts), and with words only the full-text matches inside those ranges;
 * - words: the full-text matches in relevance order (bm25, the title weighted ten times the rest);
 * - one organization, municipality or SSYK unit group: its index, newest first (several: in index order);
 * - otherwise (browsing): every document, newest first.
 * Everything else (filters, the exact radius, availability) is decided on those candidates. When the
 * access path holds more than `window` candidates, `total` and the facets count the matches among
 * the candidates examined, and the answer says so (`totalExact: false`: "more than `total`"); the
 * first pages are still right wherever the window's order is the sort's (browsing newest first,
 * words by relevance, a radius by distance within a grid row).
 *
 * Cost: at most about window × 6 rows read, whatever the registry's size: the candidates (and with
 * words their documents), then the page (D1 counts the rows of SQLite's sorting b-tree too) and the
 * counts, one pass each over the candidates kept in a temporary table. About 42,000 rows at most by
 * default (measured at 100,000 slots: README, Search).
 *
 * Availability. The index holds each slot's status and free places as of its last index task. A
 * slot whose task is still queued (or failed) has changed since, so its availability is read from
 * the slots table now: a slot closed, filled or deleted a moment ago is gone at once; the check
 * costs one index lookup per matching candidate.
 * Every value is a bound parameter; lists travel as one JSON parameter (D1 allows 100 per statement).
 */
import type { SQL } from 'drizzle-orm';
import { SEARCH_TOPIC } from '../../../db/schema';
import { adaptationMask } from '../../domain/vocabulary';
import { daysMaskOf } from '../filters';
import type { SlotSearchQuery } from '../port';
import { COLUMNS, docidBand, docidRanges, flatWeights, PER_CELL } from './geo';
import { type Fragment, join, raw, q as sql, toSql } from './sql-text';

/** Candidates a search examines at most (see above; the SEARCH_WINDOW setting). */
export const SEARCH_WINDOW = 7000;
/**
 * The title counts ten times the occupation, tasks and description; the derived keys (stems, folded
 * spellings, compound parts, the occupation group) half as much, so exact spellings rank first.
 */
const BM25 = sql`bm25(search_words, 10.0, 1.0, 0.5)`;

const json = (values: readonly unknown[]) => JSON.stringify(values);

/**
 * `column IN (…)` for a short list of known values (statuses, kinds, levels): inline parameters, or
 * `=` for one, which the scan evaluates faster than probing a list for every row.
 */
function oneOf(column: Fragment, values: readonly string[]): Fragment {
  if (values.length === 1) return sql`${column} = ${values[0]}`;
  return sql`${column} IN (${join(
    values.map((v) => sql`${v}`),
    ', ',
  )})`;
}

/** Conditions on search_docs `d` for every filter except text and availability. */
function documentFilters(q: SlotSearchQuery, todayDay: number): Fragment[] {
  const where: Fragment[] = [oneOf(sql`d.status`, q.statuses)];
  // Can take someone now: a free place and a supervisor with room (kept live by a trigger).
  if (!q.includeFull) where.push(sql`d.free_places > 0 AND d.supervisor_room = 1`);
  if (q.kinds.length) where.push(oneOf(sql`d.kind`, q.kinds));
  if (q.municipalityCodes.length)
    where.push(sql`d.municipality_code IN (SELECT value FROM json_each(${json(q.municipalityCodes)}))`);
  if (q.organizationId) where.push(sql`d.organization_id = ${q.organizationId}`);
  // A capacity listing's id starts with cap_ (capacity-document.ts listingOf).
  if (q.listings?.length === 1)
    where.push(
      q.listings[0] === 'capacity'
        ? sql`substr(d.slot_id, 1, 4) = 'cap_'`
        : sql`substr(d.slot_id, 1, 4) <> 'cap_'`,
    );
  if (q.ssyk.length) where.push(sql`d.ssyk IN (SELECT value FROM json_each(${json(q.ssyk)}))`);
  if (q.majorGroups.length)
    where.push(sql`substr(d.ssyk, 1, 1) IN (SELECT value FROM json_each(${json(q.majorGroups)}))`);
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

/** Squared kilometres from the query point to document `d`, or NULL without one. */
function squaredDistance(q: SlotSearchQuery): Fragment {
  if (!q.near) return sql`NULL`;
  const { lat, lon } = q.near;
  const { kx2, ky2 } = flatWeights(lat);
  return sql`((d.lat - ${lat}) * (d.lat - ${lat}) * ${ky2} + (d.lon - ${lon}) * (d.lon - ${lon}) * ${kx2})`;
}

/**
 * What a search spends least of where the two differ: `rows-read` for D1 and Turso, which bill every
 * row a statement reads (and D1 bounds them), `cpu` for a local file, where a statement's CPU is
 * the whole cost. The candidates and what users get are the same either way.
 */
export type SearchPlan = 'rows-read' | 'cpu';

export type Path = 'radius' | 'text' | 'index' | 'browse';

/** Which access path gives the candidates (see the comment at the top). */
export function accessPath(q: SlotSearchQuery, hasText: boolean): Path {
  if (q.near && q.radiusKm !== undefined) return 'radius';
  if (hasText) return 'text';
  if (q.organizationId || q.municipalityCodes.length || q.ssyk.length) return 'index';
  return 'browse';
}

/** What the page and the counts read of a candidate document `d`, and whether it matches. */
function candidateColumns(q: SlotSearchQuery, score: Fragment, keep: Fragment): Fragment {
  return sql`d.docid, d.slot_id, d.municipality_code, d.kind, d.adaptation_mask, d.created_at,
    d.ssyk, ${score} AS score, ${squaredDistance(q)} AS d2, coalesce(${keep}, 0) AS keep`;
}

/**
 * At most `limit` candidates in the access path's order, with their columns and whether each
 * matches. The LIMIT counts candidates, matching or not (no WHERE on `keep`), so a search never reads
 * more than `limit` of them, however few match.
 */
function candidates(
  q: SlotSearchQuery,
  match: string | null,
  path: Path,
  limit: number,
  keep: Fragment,
  plan: SearchPlan,
): Fragment {
  const rank = q.sort === 'relevance' && match !== null ? BM25 : sql`0`;
  const columns = (score: Fragment) => candidateColumns(q, score, keep);
  switch (path) {
    case 'radius': {
      const ranges = json(docidRanges(q.near!.lat, q.near!.lon, q.radiusKm!));
      const [lo, hi] = [sql`json_extract(r.value, '$[0]')`, sql`json_extract(r.value, '$[1]')`];
      if (match === null)
        return sql`SELECT ${columns(sql`0`)} FROM json_each(${ranges}) r
          CROSS JOIN search_docs d ON d.docid BETWEEN ${lo} AND ${hi} LIMIT ${limit}`;
      if (q.sort === 'relevance') {
        // Ranked: ONE scan of the full-text index over the ranges' band, the other columns of the
        // band's rows skipped before they are scored. Each scan of FTS5 sets up its terms again and
        // bm25 counts every term's documents in the whole index again, so a scan per grid row cost
        // that ten times over (50 km: 30 ms of a 37 ms search at 100,000 slots). The band's rows come
        // south to north, so when more than the window match in the box, the window holds its
        // southern part (the nearest rows first only when the sort is distance).
        const band = docidBand(q.near!.lat, q.near!.lon, q.radiusKm!);
        return sql`SELECT ${columns(sql`w.score`)} FROM (
            SELECT rowid AS docid, ${rank} AS score FROM search_words
            WHERE search_words MATCH ${match} AND rowid BETWEEN ${band.first} AND ${band.last}
              AND (rowid / ${PER_CELL}) % ${COLUMNS} BETWEEN ${band.firstColumn} AND ${band.lastColumn}
            LIMIT ${limit}
          ) w CROSS JOIN search_docs d ON d.docid = w.docid`;
      }
      // Distance or newest: one scan per grid row, nearest rows first, nothing scored.
      return sql`SELECT ${columns(sql`0`)} FROM (
          SELECT search_words.rowid AS docid FROM json_each(${ranges}) r
          CROSS JOIN search_words ON search_words.rowid BETWEEN ${lo} AND ${hi}
          WHERE search_words MATCH ${match} LIMIT ${limit}
        ) w CROSS JOIN search_docs d ON d.docid = w.docid`;
    }
    case 'text': {
      if (plan === 'rows-read' || q.sort !== 'relevance')
        // FTS5 orders by its rank itself and hands over only the rows taken.
        return sql`SELECT ${columns(sql`w.score`)} FROM (
            SELECT rowid AS docid, ${q.sort === 'relevance' ? sql`rank` : sql`0`} AS score FROM search_words
            WHERE search_words MATCH ${match} AND rank MATCH 'bm25(10.0, 1.0, 0.5)' ORDER BY rank LIMIT ${limit}
          ) w CROSS JOIN search_docs d ON d.docid = w.docid`;
      // Least CPU: the best `limit` matches by bm25, scored in one pass over the matches and kept by
      // SQLite's sorter, which holds only `limit` rows. FTS5's `ORDER BY rank` sorts the same way in
      // a statement of its own and then seeks every row it hands over again in the index: twice the
      // CPU (at 100,000 slots, 19,000 matches of "städ": 53 → 31 ms), though its rows are not the
      // statement's (D1 counts these). Their documents are then read in docid order, not in
      // relevance order: neighbouring rows share pages, where relevance order jumps about the table
      // (7,000 documents: 16 → 6 ms). The page sorts by score itself.
      return sql`SELECT ${columns(sql`w.score`)} FROM (
          SELECT docid, score FROM (
            SELECT rowid AS docid, ${BM25} AS score FROM search_words
            WHERE search_words MATCH ${match} ORDER BY score LIMIT ${limit}
          ) ORDER BY docid LIMIT ${limit}
        ) w CROSS JOIN search_docs d ON d.docid = w.docid`;
    }
    case 'index': {
      // One organization, municipality or unit group: newest first from its index; several: in index order.
      const [index, column, keys] = q.organizationId
        ? ['search_docs_org_idx', 'organization_id', [q.organizationId]]
        : q.municipalityCodes.length
          ? ['search_docs_municipality_idx', 'municipality_code', q.municipalityCodes]
          : ['search_docs_ssyk_idx', 'ssyk', q.ssyk];
      const from = raw(`search_docs d INDEXED BY ${index}`);
      const key = raw(`d.${column}`);
      if (keys.length === 1)
        return sql`SELECT ${columns(sql`0`)} FROM ${from} WHERE ${key} = ${keys[0]}
          ORDER BY d.created_at DESC LIMIT ${limit}`;
      return sql`SELECT ${columns(sql`0`)} FROM ${from}
        WHERE ${key} IN (SELECT value FROM json_each(${json(keys)})) LIMIT ${limit}`;
    }
    case 'browse':
      return sql`SELECT ${columns(sql`0`)} FROM search_docs d INDEXED BY search_docs_newest_idx
        ORDER BY d.created_at DESC LIMIT ${limit}`;
  }
}

function order(q: SlotSearchQuery, ranked: boolean): Fragment {
  const newest = sql`c.created_at DESC, c.slot_id DESC`;
  if (q.sort === 'distance' && q.near) return sql`c.d2 ASC, c.slot_id ASC`;
  if (q.sort === 'relevance' && ranked) return sql`c.score ASC, ${newest}`;
  return newest;
}

/**
 * Rows: part 0 = one hit (JSON), in the page's order; part 1 = [candidates examined, matches, and the
 * matches' municipality codes, SSYK codes, kinds and adaptation masks, each comma-separated].
 */
export function searchStatement(
  q: SlotSearchQuery,
  match: string | null,
  todayDay: number,
  window = SEARCH_WINDOW,
  plan: SearchPlan = 'rows-read',
): SQL {
  const path = accessPath(q, match !== null);
  const filters = [
    ...documentFilters(q, todayDay),
    ...(q.near && q.radiusKm !== undefined ? [sql`${squaredDistance(q)} <= ${q.radiusKm * q.radiusKm}`] : []),
  ];
  // Availability now, for slots (and capacity listings) whose index task has not run: one lookup
  // per candidate that passes the filters. CASE, not AND/OR: SQLite (3.45, as libSQL ships it) evaluates both sides of AND and
  // OR in a value, so written as one condition the slot lookup ran for every candidate, half the
  // cost of browsing.
  // Whether the candidate's slot has no index task pending. Least CPU: those slots read once per
  // search (a handful at most times) rather than the outbox probed for every candidate; but D1
  // counts each look-up in that set as a row read, and a probe that finds nothing as none.
  const topic = `${SEARCH_TOPIC}:`;
  const indexed =
    plan === 'cpu'
      ? sql`d.slot_id NOT IN (SELECT substr(o.dedupe_key, ${topic.length + 1}) FROM outbox o
          INDEXED BY outbox_pending_key_idx WHERE o.dedupe_key >= ${topic}
            AND o.dedupe_key < ${`${SEARCH_TOPIC};`} AND o.status IN ('pending', 'failed'))`
      : sql`NOT EXISTS (SELECT 1 FROM outbox o INDEXED BY outbox_pending_key_idx
          WHERE o.dedupe_key = ${topic} || d.slot_id AND o.status IN ('pending', 'failed'))`;
  const keep = sql`CASE WHEN ${join(filters, ' AND ')} THEN
      CASE WHEN ${indexed} THEN 1
      WHEN substr(d.slot_id, 1, 4) = 'cap_' THEN EXISTS (SELECT 1 FROM capacity_listings k WHERE k.id = d.slot_id
        AND ${oneOf(sql`k.status`, q.statuses)} ${q.includeFull ? sql`` : sql`AND k.places_taken < k.places`})
      ELSE EXISTS (SELECT 1 FROM slots s WHERE s.id = d.slot_id AND ${oneOf(sql`s.status`, q.statuses)}
        ${q.includeFull ? sql`` : sql`AND s.taken < s.capacity AND s.supervisors_with_room > 0`}) END
    ELSE 0 END`;
  // The counts, in one pass over the candidates: how many were examined and how many match, and the
  // matches' municipalities, unit groups, kinds and adaptation masks as comma-separated lists,
  // tallied in JS (index.ts). One list per field instead of a sum per facet value (22 adaptation
  // bits, 5 kinds): at 7,000 candidates the 30 sums were most of a browse's CPU. A GROUP BY, or a
  // second pass, would read the candidates again (D1 counts the rows of its temporary b-trees too).
  const counts = sql`count(*), sum(c.keep),
    group_concat(CASE WHEN c.keep THEN c.municipality_code END), group_concat(CASE WHEN c.keep THEN c.ssyk END),
    group_concat(CASE WHEN c.keep THEN c.kind END), group_concat(CASE WHEN c.keep THEN c.adaptation_mask END)`;
  // Built as flat text (sql-text.ts): drizzle's tree of fragments cost a tenth of a search's CPU.
  // The hits come in the page's order: `page` (ORDER BY … LIMIT, never flattened into a join) is
  // the outer loop of the CROSS JOIN, and LEFT JOINs keep their left side's order. The numbering
  // this replaced (row_number() OVER () on the same rows) relied on the same order and cost SQLite
  // a window of its own: about a fifth of the statement at the demo size.
  return toSql(sql`
    WITH c AS MATERIALIZED (${candidates(q, match, path, window + 1, keep, plan)}),
    page AS (SELECT c.* FROM c WHERE c.keep ORDER BY ${order(q, match !== null)} LIMIT ${q.limit} OFFSET ${q.offset})
    SELECT 0 AS part, json_object(
      'id', page.slot_id, 'd2', page.d2,
      'title', t.title, 'body', t.body, 'organizationId', d.organization_id, 'organizationName', o.name,
      'municipalityCode', d.municipality_code, 'kind', d.kind, 'status', coalesce(s.status, k.status),
      'hoursMin', d.hours_min, 'hoursMax', d.hours_max, 'capacity', coalesce(s.capacity, k.places),
      'taken', coalesce(s.taken, k.places_taken),
      'startDay', d.start_day, 'endDay', d.end_day, 'openEnded', d.open_ended,
      'leadsToHire', d.leads_to_hire, 'adaptationMask', d.adaptation_mask, 'lat', d.lat, 'lon', d.lon
    ) AS data
    FROM page CROSS JOIN search_docs d ON d.docid = page.docid
      LEFT JOIN slots s ON s.id = d.slot_id
      LEFT JOIN capacity_listings k ON k.id = d.slot_id
      LEFT JOIN search_text t ON t.docid = page.docid
      LEFT JOIN organizations o ON o.id = d.organization_id
    WHERE s.id IS NOT NULL OR k.id IS NOT NULL
    UNION ALL SELECT 1, json_array(${counts}) FROM c`);
}
