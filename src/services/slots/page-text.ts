/**
 * A page of slots as the JSON text `JSON.stringify` makes of `list`'s answer, for the list route.
 *
 * Why: a profile of GET /v1/slots (20 per page) put most of its CPU in turning the rows into values
 * (the driver makes a JS value of every column of every row, ~30 × 21 of them) and then the values
 * into objects and the objects into JSON again. Over the local libSQL file each row is read here as
 * ONE text (its columns joined by a separator SQLite writes, `concat_ws`), and the slot's JSON is
 * kept per slot with the exact text of the row it was made from: when a page's row reads the same
 * text again (nothing of the slot changed), its JSON is reused as it is. Any change to the row (a
 * column, its supervisors) changes the text, so the JSON is made afresh: the answer is always the one
 * made from the row just read, byte for byte what `list` answers.
 *
 * The joined text is decoded only when it splits into exactly its parts (a value holding the
 * separator adds a part) and every number and word reads back as the driver gives it; otherwise, and
 * on D1 or a remote database, the page is `list`'s answer stringified.
 */
import { asc, fillPlaceholders, type SQLWrapper, sql } from 'drizzle-orm';
import { slots } from '../../../db/schema';
import { readerOf } from '../../adapters/db/fast-rows';
import type { Actor } from '../../auth/actor';
import { registryScope } from '../../auth/policy';
import { levels, slotKinds, slotStatuses } from '../../domain/vocabulary';
import { decodeCursor, encodeCursor } from '../../lib/pagination';
import type { ServiceContext } from '../context';
import { preparedByShape } from '../prepared';
import {
  listFilters,
  listShapeKey,
  type SlotReads,
  shapeOf,
  supervisorIdsFrom,
  supervisorIdsOfSlot,
} from './read';
import type { SlotListQuery } from './schemas';
import { type SlotView, toSlot } from './view';

/** The unit separator: never in JSON text (JSON.stringify escapes it) nor, in practice, in a slot's words. */
const SEP = '\x1f';
/** Slots whose JSON is kept (per app); past this the oldest kept goes. A few MB at most. */
const MAX_KEPT = 4096;

/**
 * A real as text that reads back as the same double (17 significant digits; SQLite's own text of a
 * real keeps 15). Only -0 reads back as 0, which JSON writes alike.
 */
const exactReal = (column: SQLWrapper) => sql`printf('%!.17g', ${column})`;

/**
 * A text that may be null or empty, as a part concat_ws keeps (it leaves out NULLs and empty texts):
 * '-' for null, else '.' and the text.
 */
const maybe = (column: SQLWrapper) => sql`ifnull('.' || ${column}, '-')`;

/** The row as one text: its parts in this order (see unpack). */
const packedRow = sql<string>`concat_ws(char(31), ${slots.id}, ${slots.organizationId},
  ${maybe(slots.siteId)}, ${slots.title}, ${maybe(slots.description)}, ${slots.tasks},
  ${maybe(slots.ssyk)}, ${slots.occupationLabel}, ${slots.kind}, ${slots.municipalityCode},
  ${maybe(slots.address)}, ${exactReal(slots.lat)}, ${exactReal(slots.lon)}, ${slots.capacity},
  ${slots.taken}, ${slots.schedule}, ${exactReal(slots.hoursMin)}, ${exactReal(slots.hoursMax)},
  ${slots.startDate}, ${maybe(slots.endDate)}, ${slots.openEnded}, ${slots.adaptations},
  ${slots.socialIntensity}, ${slots.physicalDemand}, ${slots.subsidies}, ${slots.leadsToHire},
  ${slots.suits}, ${slots.status}, ${slots.createdAt}, ${slots.updatedAt}, ${supervisorIdsOfSlot()})`;
const PARTS = 31;

/** The row's text does not read back as the driver's values: the page is made the ordinary way. */
class Unpackable extends Error {}

/** An integer column's value as the driver gives it (its text is exactly the number's). */
function int(text: string): number {
  const n = Number(text);
  if (String(n) !== text) throw new Unpackable();
  return n;
}
/** A part written by `maybe` of a column that is not null. */
function present(text: string): string {
  if (text[0] !== '.') throw new Unpackable();
  return text.slice(1);
}
/** A part written by `maybe`. */
const orNull = (text: string) => (text === '-' ? null : present(text));
/** drizzle's boolean mode: 1 is true. */
const bool = (text: string) => int(text) === 1;
function oneOf<T extends string>(values: readonly T[], text: string): T {
  const found = values.find((v) => v === text);
  if (found === undefined) throw new Unpackable();
  return found;
}

/** The slot and its supervisors as `list` reads them, from the row's text. */
function unpack(packed: string): { slot: SlotView; supervisorIds: string[] } {
  const p = packed.split(SEP);
  if (p.length !== PARTS) throw new Unpackable();
  return {
    slot: {
      id: p[0]!,
      organizationId: p[1]!,
      siteId: orNull(p[2]!),
      title: p[3]!,
      description: present(p[4]!),
      tasks: JSON.parse(p[5]!),
      ssyk: orNull(p[6]!),
      occupationLabel: p[7]!,
      kind: oneOf(slotKinds, p[8]!),
      municipalityCode: p[9]!,
      address: orNull(p[10]!),
      lat: Number(p[11]),
      lon: Number(p[12]),
      capacity: int(p[13]!),
      taken: int(p[14]!),
      schedule: JSON.parse(p[15]!),
      hoursMin: Number(p[16]),
      hoursMax: Number(p[17]),
      startDate: p[18]!,
      endDate: orNull(p[19]!),
      openEnded: bool(p[20]!),
      adaptations: JSON.parse(p[21]!),
      socialIntensity: oneOf(levels, p[22]!),
      physicalDemand: oneOf(levels, p[23]!),
      subsidies: JSON.parse(p[24]!),
      leadsToHire: bool(p[25]!),
      suits: JSON.parse(p[26]!),
      status: oneOf(slotStatuses, p[27]!),
      createdAt: p[28]!,
      updatedAt: p[29]!,
    },
    supervisorIds: supervisorIdsFrom(p[30]),
  };
}

export function slotPageText(ctx: ServiceContext, reads: SlotReads) {
  /** Per shape of filters: the packed page's read over the local file (none elsewhere), built once. */
  const packedPage = preparedByShape((key: number) => {
    const query = ctx.db
      .select({ packed: packedRow })
      .from(slots)
      .where(listFilters(shapeOf(key)))
      .orderBy(asc(slots.id))
      .limit(sql.placeholder('take'))
      .toSQL();
    return { read: readerOf(ctx.db, query.sql), params: query.params };
  });
  /** Each slot's JSON with the row text it was made from, by id. */
  const kept = new Map<string, { packed: string; json: string }>();

  function slotJson(packed: string): string {
    const id = packed.slice(0, packed.indexOf(SEP));
    const hit = kept.get(id);
    if (hit?.packed === packed) return hit.json;
    const { slot, supervisorIds } = unpack(packed);
    if (slot.id !== id) throw new Unpackable();
    const json = JSON.stringify(toSlot(slot, supervisorIds));
    if (!hit && kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value ?? '');
    kept.set(id, { packed, json });
    return json;
  }

  /** The page's JSON from its rows (limit + 1 of them when there is a next page). */
  function pageJson(rows: unknown[][], limit: number): string {
    const hasMore = rows.length > limit;
    const count = hasMore ? limit : rows.length;
    const data: string[] = [];
    let lastId = '';
    for (let i = 0; i < count; i++) {
      const packed = rows[i]![0];
      if (typeof packed !== 'string') throw new Unpackable();
      data.push(slotJson(packed));
      lastId = packed.slice(0, packed.indexOf(SEP));
    }
    // As `listPage`'s { data, nextCursor } (toPage), stringified.
    const next = hasMore ? JSON.stringify(encodeCursor(lastId)) : 'null';
    return `{"data":[${data.join(',')}],"nextCursor":${next}}`;
  }

  return async function listText(actor: Actor, q: SlotListQuery): Promise<string> {
    const scope = registryScope(actor, q.organizationId);
    const after = decodeCursor(q.cursor);
    const { read, params } = packedPage(listShapeKey(scope, q, after));
    if (read)
      try {
        const values = { scope, status: q.status, kind: q.kind, municipality: q.municipalityCode, after };
        return pageJson(read(fillPlaceholders(params, { ...values, take: q.limit + 1 })), q.limit);
      } catch {
        // Unpackable, or the read failed: `list` reads the page (and reports its error) as always.
      }
    return JSON.stringify(await reads.list(actor, q));
  };
}
