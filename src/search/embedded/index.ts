/**
 * The embedded search adapter: SQLite FTS5 inside the app's own database (libSQL file, Turso or D1),
 * no server to run. Tables: db/migrations/0003_search_fts.sql. Writes are atomic batches; a search
 * is two or three statements (term lookups, rarely corrections, then one statement for the rest).
 * Availability (status, free places, whether the slot still exists) is read from the slots table at
 * query time, so a closed, full or deleted slot leaves the results at once, before the index catches up.
 */
import { sql } from 'drizzle-orm';
import type { BatchItem, Db } from '../../adapters/db/types';
import { adaptationCodes, type SlotKind, type SlotStatus } from '../../domain/vocabulary';
import { distanceKm } from '../../lib/geo';
import { municipalityByCode } from '../../reference';
import { searchText } from '../document';
import { adaptationsOfMask, dateOfDay } from '../filters';
import type { Facets, SearchIndex, SlotSearchDocument, SlotSearchHit, SlotSearchQuery } from '../port';
import { highlightAll, snippet, tokenize, type WordMatch } from '../text';
import { cellOf } from './geo';
import { planText } from './plan';
import { searchStatement } from './statement';

const DOCS_PER_BATCH = 200;

const docValues = (d: SlotSearchDocument) => sql`(${d.id}, ${d.organizationId}, ${d.status}, ${d.kind},
  ${d.municipalityCode}, ${d.lat}, ${d.lon}, ${cellOf(d.lat, d.lon)}, ${d.daysMask}, ${d.adaptationMask},
  ${d.hoursMin}, ${d.hoursMax}, ${d.openEnded ? 1 : 0}, ${d.startDay}, ${d.endDay}, ${d.leadsToHire ? 1 : 0},
  ${d.socialIntensity}, ${d.physicalDemand}, ${d.createdAt})`;

const DOC_COLUMNS = sql.raw(`(slot_id, organization_id, status, kind, municipality_code, lat, lon, cell,
  days_mask, adaptation_mask, hours_min, hours_max, open_ended, start_day, end_day, leads_to_hire,
  social_intensity, physical_demand, created_at)`);

const UPDATE_ALL = sql.raw(
  [
    'organization_id',
    'status',
    'kind',
    'municipality_code',
    'lat',
    'lon',
    'cell',
    'days_mask',
    'adaptation_mask',
    'hours_min',
    'hours_max',
    'open_ended',
    'start_day',
    'end_day',
    'leads_to_hire',
    'social_intensity',
    'physical_demand',
    'created_at',
  ]
    .map((c) => `${c} = excluded.${c}`)
    .join(', '),
);

function termsOf(title: string, body: string) {
  return JSON.stringify([...new Set(tokenize(`${title} ${body}`))]);
}

/** Takes a document's words out of the full-text index (FTS5 needs the exact old values). */
const unindexText = (db: Db, slotId: string) =>
  db.run(sql`INSERT INTO search_words (search_words, rowid, title, body)
    SELECT 'delete', t.docid, t.title, t.body FROM search_docs d JOIN search_text t ON t.docid = d.docid
    WHERE d.slot_id = ${slotId}`);

function upsertStatements(db: Db, doc: SlotSearchDocument): BatchItem[] {
  const { title, body } = searchText(doc);
  const docid = sql`(SELECT docid FROM search_docs WHERE slot_id = ${doc.id})`;
  return [
    unindexText(db, doc.id),
    db.run(sql`INSERT INTO search_docs ${DOC_COLUMNS} VALUES ${docValues(doc)}
      ON CONFLICT (slot_id) DO UPDATE SET ${UPDATE_ALL}`),
    db.run(sql`INSERT OR REPLACE INTO search_text (docid, title, body) VALUES (${docid}, ${title}, ${body})`),
    db.run(sql`INSERT INTO search_words (rowid, title, body) VALUES (${docid}, ${title}, ${body})`),
    db.run(
      sql`INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(${termsOf(title, body)})`,
    ),
  ];
}

function removeStatements(db: Db, slotId: string): BatchItem[] {
  return [
    unindexText(db, slotId),
    db.run(
      sql`DELETE FROM search_text WHERE docid IN (SELECT docid FROM search_docs WHERE slot_id = ${slotId})`,
    ),
    db.run(sql`DELETE FROM search_docs WHERE slot_id = ${slotId}`),
  ];
}

async function inBatches(db: Db, statements: BatchItem[], size = DOCS_PER_BATCH * 5) {
  for (let i = 0; i < statements.length; i += size) {
    const chunk = statements.slice(i, i + size);
    await db.batch(chunk as [BatchItem, ...BatchItem[]]);
  }
}

interface HitRow {
  position: number;
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

const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

export function embeddedSearch(db: Db): SearchIndex {
  return {
    engine: 'embedded',

    async init() {
      // The tables come with the database migrations; nothing to prepare.
    },

    async upsert(docs) {
      await inBatches(
        db,
        docs.flatMap((d) => upsertStatements(db, d)),
      );
    },

    async remove(slotIds) {
      await inBatches(
        db,
        slotIds.flatMap((id) => removeStatements(db, id)),
      );
    },

    async replaceAll(batches) {
      await db.batch([
        db.run(sql`DELETE FROM search_text`),
        db.run(sql`DELETE FROM search_docs`),
        db.run(sql`INSERT INTO search_words (search_words) VALUES ('delete-all')`),
        db.run(sql`DELETE FROM search_terms`),
        db.run(sql`INSERT INTO search_terms_trigram (search_terms_trigram) VALUES ('delete-all')`),
      ]);
      let indexed = 0;
      // Documents and text first, the full-text index in one pass at the end: several times faster
      // than indexing each document as it comes.
      for await (const docs of batches) {
        const statements: BatchItem[] = [];
        for (const doc of docs) {
          const { title, body } = searchText(doc);
          statements.push(
            db.run(sql`INSERT INTO search_docs ${DOC_COLUMNS} VALUES ${docValues(doc)}
              ON CONFLICT (slot_id) DO UPDATE SET ${UPDATE_ALL}`),
            db.run(sql`INSERT OR REPLACE INTO search_text (docid, title, body)
              VALUES ((SELECT docid FROM search_docs WHERE slot_id = ${doc.id}), ${title}, ${body})`),
            db.run(
              sql`INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(${termsOf(title, body)})`,
            ),
          );
        }
        if (statements.length) await inBatches(db, statements, statements.length);
        indexed += docs.length;
      }
      await db.run(sql`INSERT INTO search_words (search_words) VALUES ('rebuild')`);
      return { indexed };
    },

    async search(q) {
      const plan = await planText(db, q.text);
      const todayDay = Math.floor(Date.parse(`${q.today}T00:00:00Z`) / 86_400_000);
      const rows = await db.all<{ part: number; data: string }>(searchStatement(q, plan.match, todayDay));
      const hits: HitRow[] = [];
      let total = 0;
      const facets: Facets = { municipalityCode: {}, kind: {}, adaptations: {} };
      for (const row of rows) {
        const data = JSON.parse(String(row.data));
        const part = Number(row.part);
        if (part === 0) hits.push(data as HitRow);
        else if (part === 1) {
          const [count, ...bits] = data as number[];
          total = count ?? 0;
          adaptationCodes.forEach((code, i) => {
            facets.adaptations[code] = bits[i] ?? 0;
          });
          facets.adaptations = nonZero(facets.adaptations);
        } else if (part === 2) facets.municipalityCode = data ?? {};
        else if (part === 3) facets.kind = data ?? {};
      }
      hits.sort((a, b) => a.position - b.position);
      return { hits: hits.map((h) => toHit(h, q, plan.words)), total, facets };
    },
  };
}
