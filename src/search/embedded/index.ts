/**
 * The embedded search adapter: SQLite FTS5 inside the app's own database (libSQL file, Turso or D1),
 * no server to run. Tables: db/migrations/0003_search_fts.sql. Writes are atomic batches; a search
 * is two or three statements (term lookups, rarely corrections, then one statement for the rest).
 * Availability (status, free places, whether the slot still exists) of a slot whose index task has
 * not run yet is read from the slots table at query time, so a closed, full or deleted slot leaves
 * the results at once, before the index catches up (see statement.ts).
 */
import { sql } from 'drizzle-orm';
import type { BatchItem, Db } from '../../adapters/db/types';
import { adaptationCodes, type SlotKind, type SlotStatus } from '../../domain/vocabulary';
import { distanceKm } from '../../lib/geo';
import { municipalityByCode } from '../../reference';
import { listingOf } from '../capacity-document';
import { searchText } from '../document';
import { adaptationsOfMask, dateOfDay } from '../filters';
import {
  type Facets,
  majorGroupCounts,
  type SearchIndex,
  type SlotSearchDocument,
  type SlotSearchHit,
  type SlotSearchQuery,
} from '../port';
import { highlightAll, snippet, tokenize, type WordMatch } from '../text';
import { cellOf, PER_CELL } from './geo';
import { planText } from './plan';
import { bumpRevision } from './revision';
import { SEARCH_WINDOW, type SearchPlan, searchStatement } from './statement';

/** Documents per write batch: a handful of set-based statements whatever the count. */
const DOCS_PER_BATCH = 500;

/**
 * Rows travel as ONE JSON parameter per statement and are unpacked by json_each, so a batch of 500
 * documents is five statements, and D1's limit of 100 bound parameters never comes near.
 */
const DOC_FIELDS = [
  ['slot_id', (d: SlotSearchDocument) => d.id],
  ['organization_id', (d) => d.organizationId],
  ['status', (d) => d.status],
  ['kind', (d) => d.kind],
  ['municipality_code', (d) => d.municipalityCode],
  ['lat', (d) => d.lat],
  ['lon', (d) => d.lon],
  ['cell', (d) => cellOf(d.lat, d.lon)],
  ['days_mask', (d) => d.daysMask],
  ['adaptation_mask', (d) => d.adaptationMask],
  ['hours_min', (d) => d.hoursMin],
  ['hours_max', (d) => d.hoursMax],
  ['open_ended', (d) => (d.openEnded ? 1 : 0)],
  ['start_day', (d) => d.startDay],
  ['end_day', (d) => d.endDay],
  ['leads_to_hire', (d) => (d.leadsToHire ? 1 : 0)],
  // A capacity listing states no levels: '' matches no level filter.
  ['social_intensity', (d) => d.socialIntensity ?? ''],
  ['physical_demand', (d) => d.physicalDemand ?? ''],
  ['created_at', (d) => d.createdAt],
  ['free_places', (d) => d.freePlaces],
  ['ssyk', (d) => d.ssyk],
  // Whether a supervisor has room; free places have their own column.
  ['supervisor_room', (d) => (d.canTakeSomeone || d.freePlaces === 0 ? 1 : 0)],
] as const satisfies readonly (readonly [string, (d: SlotSearchDocument) => unknown])[];

const columns = DOC_FIELDS.map(([c]) => c);
const DOC_COLUMNS = sql.raw(columns.join(', '));
const DOC_VALUES = sql.raw(columns.map((c, i) => `json_extract(j.value, '$[${i}]') AS ${c}`).join(', '));
/**
 * A new document's number: its cell's base plus the next free place in the cell (see geo.ts). The
 * SELECT reads the table it fills and numbers with a window function, so SQLite computes it whole
 * before inserting: every document of the statement gets its own number.
 */
const NEXT_DOCID = sql.raw(`coalesce((SELECT max(x.docid) FROM search_docs x
    WHERE x.docid BETWEEN n.cell * ${PER_CELL} AND n.cell * ${PER_CELL} + ${PER_CELL - 1}), n.cell * ${PER_CELL} - 1)
  + row_number() OVER (PARTITION BY n.cell ORDER BY n.slot_id)`);

/** The documents' rows, their text and their words, as JSON parameters. */
function packed(docs: readonly SlotSearchDocument[]) {
  const terms = new Set<string>();
  const text = docs.map((d) => {
    const { title, body, keys } = searchText(d);
    // The keys are words too: a query word found only among them ("tradgard") needs no correction.
    for (const t of tokenize(`${title} ${body} ${keys}`)) terms.add(t);
    return [d.id, title, body, keys];
  });
  return {
    ids: JSON.stringify(docs.map((d) => d.id)),
    rows: JSON.stringify(docs.map((d) => DOC_FIELDS.map(([, get]) => get(d)))),
    text: JSON.stringify(text),
    terms: JSON.stringify([...terms]),
  };
}

/** Takes these slots' words out of the full-text index (FTS5 needs the exact old values). */
const unindexText = (db: Db, ids: string) =>
  db.run(sql`INSERT INTO search_words (search_words, rowid, title, body, keys)
    SELECT 'delete', t.docid, t.title, t.body, t.keys FROM search_docs d JOIN search_text t ON t.docid = d.docid
    WHERE d.slot_id IN (SELECT value FROM json_each(${ids}))`);

/** New documents (their slots have none), text and words (not the full-text index itself). */
function writeStatements(db: Db, p: ReturnType<typeof packed>): BatchItem[] {
  return [
    db.run(sql`INSERT INTO search_docs (docid, ${DOC_COLUMNS})
      SELECT ${NEXT_DOCID}, ${DOC_COLUMNS} FROM (SELECT ${DOC_VALUES} FROM json_each(${p.rows}) j) n`),
    db.run(sql`INSERT OR REPLACE INTO search_text (docid, title, body, keys)
      SELECT d.docid, json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]')
      FROM json_each(${p.text}) j
      JOIN search_docs d ON d.slot_id = json_extract(j.value, '$[0]')`),
    db.run(sql`INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(${p.terms})`),
  ];
}

/** A changed slot's document is replaced by a new one, numbered for where the slot is now. */
function upsertStatements(db: Db, docs: readonly SlotSearchDocument[]): BatchItem[] {
  const p = packed(docs);
  return [
    ...removeStatements(
      db,
      docs.map((d) => d.id),
    ),
    ...writeStatements(db, p),
    db.run(sql`INSERT INTO search_words (rowid, title, body, keys)
      SELECT t.docid, t.title, t.body, t.keys FROM search_docs d JOIN search_text t ON t.docid = d.docid
      WHERE d.slot_id IN (SELECT value FROM json_each(${p.ids}))`),
  ];
}

function removeStatements(db: Db, slotIds: readonly string[]): BatchItem[] {
  const ids = JSON.stringify(slotIds);
  return [
    unindexText(db, ids),
    db.run(sql`DELETE FROM search_text WHERE docid IN
      (SELECT docid FROM search_docs WHERE slot_id IN (SELECT value FROM json_each(${ids})))`),
    db.run(sql`DELETE FROM search_docs WHERE slot_id IN (SELECT value FROM json_each(${ids}))`),
  ];
}

/**
 * FTS5 leaf pages a write merges at most, per table (issue #17). Each index task leaves a new small
 * segment in both full-text tables, and FTS5's automerge only runs once every 64 pages written, so
 * up to 15 segments piled up on a level and every search read them all (about a quarter more CPU a
 * search on the demo registry under slot updates). This merges any level holding two segments
 * (`usermerge` 2, migration 0028), incrementally: a merge of large segments goes on over several
 * writes, 16 pages each (about 1 ms at 100,000 slots), so no write waits for a whole merge. On the
 * writing connection (the outbox thread on Node), in the write's own transaction.
 */
const MERGE_PAGES = 16;

function mergeStatements(db: Db): BatchItem[] {
  return [
    db.run(sql.raw(`INSERT INTO search_words (search_words, rank) VALUES ('merge', ${MERGE_PAGES})`)),
    db.run(
      sql.raw(
        `INSERT INTO search_terms_trigram (search_terms_trigram, rank) VALUES ('merge', ${MERGE_PAGES})`,
      ),
    ),
  ];
}

async function inBatches<T>(db: Db, items: readonly T[], statements: (chunk: T[]) => BatchItem[]) {
  for (let i = 0; i < items.length; i += DOCS_PER_BATCH) {
    const [first, ...rest] = statements(items.slice(i, i + DOCS_PER_BATCH));
    if (first) await db.batch([first, ...rest]);
  }
}

interface HitRow {
  id: string;
  d2: number | null;
  title: string | null;
  body: string | null;
  organizationId: string;
  organizationName: string | null;
  municipalityCode: string;
  kind: SlotKind;
  status: SlotStatus;
  hoursMin: number;
  hoursMax: number;
  capacity: number;
  taken: number;
  startDay: number;
  endDay: number | null;
  openEnded: number;
  leadsToHire: number;
  adaptationMask: number;
  lat: number;
  lon: number;
}

function toHit(r: HitRow, q: SlotSearchQuery, words: readonly WordMatch[]): SlotSearchHit {
  const title = r.title ?? '';
  return {
    id: r.id,
    listing: listingOf(r.id),
    title,
    organization: { id: r.organizationId, name: r.organizationName ?? '' },
    municipality: {
      code: r.municipalityCode,
      name: municipalityByCode.get(r.municipalityCode)?.name ?? null,
    },
    kind: r.kind,
    status: r.status,
    hoursPerWeek: { min: r.hoursMin, max: r.hoursMax },
    capacity: r.capacity,
    freePlaces: Math.max(0, r.capacity - r.taken),
    startDate: dateOfDay(r.startDay),
    endDate: r.endDay === null ? null : dateOfDay(r.endDay),
    openEnded: r.openEnded === 1,
    leadsToHire: r.leadsToHire === 1,
    adaptations: adaptationsOfMask(r.adaptationMask),
    distanceKm: q.near ? Math.round(distanceKm(q.near.lat, q.near.lon, r.lat, r.lon) * 10) / 10 : null,
    highlight: { title: highlightAll(title, words), snippet: snippet(r.body ?? '', words) },
  };
}

/** How many times each value occurs. */
function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

export interface EmbeddedSearchOptions {
  /** Candidates a search examines at most (statement.ts); tests make it small. */
  window?: number;
  /** Fewest rows read (D1, Turso: the default) or least CPU (a local file); statement.ts. */
  plan?: SearchPlan;
}

export function embeddedSearch(db: Db, opts: EmbeddedSearchOptions = {}): SearchIndex {
  const window = opts.window ?? SEARCH_WINDOW;
  const plan = opts.plan ?? 'rows-read';
  return {
    engine: 'embedded',

    async init() {
      // The tables come with the database migrations; nothing to prepare.
    },

    async upsert(docs) {
      await inBatches(db, docs, (chunk) => [
        ...upsertStatements(db, chunk),
        ...mergeStatements(db),
        bumpRevision(db),
      ]);
    },

    async remove(slotIds) {
      await inBatches(db, slotIds, (chunk) => [
        ...removeStatements(db, chunk),
        ...mergeStatements(db),
        bumpRevision(db),
      ]);
    },

    async replaceAll(batches) {
      await db.batch([
        db.run(sql`DELETE FROM search_text`),
        db.run(sql`DELETE FROM search_docs`),
        db.run(sql`INSERT INTO search_words (search_words) VALUES ('delete-all')`),
        db.run(sql`DELETE FROM search_terms`),
        db.run(sql`INSERT INTO search_terms_trigram (search_terms_trigram) VALUES ('delete-all')`),
        bumpRevision(db),
      ]);
      let indexed = 0;
      // Documents and text first, the full-text index in one pass at the end: several times faster
      // than indexing each document as it comes.
      for await (const docs of batches) {
        await inBatches(db, docs, (chunk) => [...writeStatements(db, packed(chunk)), bumpRevision(db)]);
        indexed += docs.length;
      }
      await db.batch([
        db.run(sql`INSERT INTO search_words (search_words) VALUES ('rebuild')`),
        bumpRevision(db),
      ]);
      return { indexed };
    },

    async search(q) {
      const text = await planText(db, q.text);
      const todayDay = Math.floor(Date.parse(`${q.today}T00:00:00Z`) / 86_400_000);
      const rows = await db.all<{ part: number; data: string }>(
        searchStatement(q, text.match, todayDay, window, plan),
      );
      const hits: HitRow[] = [];
      let counts: (number | string | null)[] = [];
      for (const row of rows) {
        const data = JSON.parse(String(row.data));
        if (Number(row.part) === 0) hits.push(data as HitRow);
        else counts = data;
      }
      // [candidates examined, matches, then the matches' municipality codes, SSYK codes, kinds and
      // adaptation masks, each comma-separated] (statement.ts).
      const examined = Number(counts[0] ?? 0);
      const total = Number(counts[1] ?? 0);
      const list = (i: number) => {
        const values = counts[i];
        return typeof values === 'string' && values !== '' ? values.split(',') : [];
      };
      const byMunicipality = tally(list(2));
      const bySsyk = tally(list(3));
      const byKind = tally(list(4));
      const byBit = adaptationCodes.map(() => 0);
      for (const mask of list(5)) {
        // Only the bits that are set: most slots offer a few adaptations of the 22.
        for (let m = Number(mask), bit = 0; m !== 0; m >>>= 1, bit++) if (m & 1) byBit[bit]!++;
      }
      const facets: Facets = {
        municipalityCode: byMunicipality,
        kind: byKind,
        adaptations: nonZero(Object.fromEntries(adaptationCodes.map((c, i) => [c, byBit[i]!]))),
        ssyk: bySsyk,
        majorGroup: majorGroupCounts(bySsyk),
      };
      // The window holds one candidate more than it examines in full: reaching it means more exist.
      const totalExact = examined <= window;
      return { hits: hits.map((h) => toHit(h, q, text.words)), total, totalExact, facets };
    },
  };
}
