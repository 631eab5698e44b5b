/**
 * The in-memory slot index that matching ranks against, kept in step with the database by the
 * append-only `slot_changes` log: every slot write (and every change of places or supervisor room)
 * adds a row in the same batch, so before ranking a request reads only the log rows after the last
 * one it applied and reloads those slots. One cheap indexed query per request; correct across any
 * number of instances (each keeps its own copy) and on D1 and libSQL alike.
 */
import { asc, desc, gt, inArray, min, type SQL, sql } from 'drizzle-orm';
import { organizations, slotChanges, slots } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { buildSlotIndex, type SlotForMatching, type SlotIndex } from '../../matching';
import { ID_CHUNK } from './queries';
import { fromCells, type SlotCells, slotCells } from './rows';

/** Slots per page when loading, to bound the size of one JSON document. */
const PAGE = 20_000;
/** Places of changed slots the catalog remembers (older positions answer "not known"). */
const MAX_PLACES_KEPT = 50_000;

/**
 * One sync's changes, from one position to the next: where its slots were before and are after, as
 * latitude, longitude pairs (what decides whether a participant's ranking can see them).
 */
interface Move {
  from: number;
  to: number;
  places: number[];
}

/**
 * Whether two slots read by `load` are the same to matching and to what a match shows. Both were
 * built by `fromCells` from the same select list, so their JSON lists the same keys in one order.
 */
function sameForMatching(a: SlotForMatching, b: SlotForMatching): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SlotCatalog {
  private index: SlotIndex = buildSlotIndex([]);
  /**
   * The employers' names of the slots read, shown with every match. A rename logs the
   * organization's slots (trigger of migration 0027), so the sync that reloads them reads the name
   * again: kept here instead of read on every request.
   */
  private names = new Map<string, string>();
  private lastSeq = -1;
  private syncing: Promise<void> | null = null;
  /** The syncs since `movesFrom` that changed a slot as matching sees it, oldest first. */
  private moves: Move[] = [];
  private movesFrom = -1;
  private placesKept = 0;

  /** Runs before every ranking, so it is prepared once. */
  private readonly changesAfter;
  /** Runs whenever the log moved (under the load mix, most rankings): prepared once too. */
  private readonly firstSeq;

  constructor(private readonly db: Db) {
    this.changesAfter = db
      .select({ seq: slotChanges.seq, slotId: slotChanges.slotId })
      .from(slotChanges)
      .where(gt(slotChanges.seq, sql.placeholder('seq')))
      .orderBy(asc(slotChanges.seq))
      .prepare();
    this.firstSeq = db
      .select({ seq: min(slotChanges.seq) })
      .from(slotChanges)
      .prepare();
  }

  /** The index, brought up to date with every change committed before this call. */
  async current(): Promise<SlotIndex> {
    // Requests that arrive during a sync share it instead of each reading the log.
    this.syncing ??= this.sync().finally(() => {
      this.syncing = null;
    });
    await this.syncing;
    return this.index;
  }

  /**
   * The log position the index is at: it moves with every change the index takes (sync, reload) and
   * never comes back, so an answer made from the index at one position holds while it stays there.
   */
  get position(): number {
    return this.lastSeq;
  }

  /**
   * Whether a slot changed since `position` at a place `test` accepts (where it was before the change
   * or is after; a slot that closed or went away has only its old place), or undefined when the
   * catalog no longer knows (a reload since, or older than what it keeps). A ranking sees only slots
   * inside the participant's box, so a kept answer holds while none changed in it (matches.ts).
   */
  changedWhere(position: number, test: (lat: number, lon: number) => boolean): boolean | undefined {
    if (position < this.movesFrom || position > this.lastSeq) return undefined;
    for (const { from, places } of this.moves) {
      if (from < position) continue;
      for (let i = 0; i < places.length; i += 2) if (test(places[i]!, places[i + 1]!)) return true;
    }
    return false;
  }

  private remember(move: Move) {
    this.moves.push(move);
    this.placesKept += move.places.length / 2;
    while (this.placesKept > MAX_PLACES_KEPT && this.moves.length > 0) {
      const old = this.moves.shift()!;
      this.placesKept -= old.places.length / 2;
      this.movesFrom = old.to;
    }
  }

  /** The name of an organization with a slot in the index, as of the last sync. */
  organizationName(id: string): string | undefined {
    return this.names.get(id);
  }

  private async sync() {
    if (this.lastSeq < 0) return this.reload();
    const changes = await this.changesAfter.execute({ seq: this.lastSeq });
    if (changes.length === 0) return;
    // The log is pruned; if rows we never saw are gone, start over rather than miss a change.
    const [first] = await this.firstSeq.all();
    if ((first?.seq ?? 0) > this.lastSeq + 1) return this.reload();
    const ids = [...new Set(changes.map((c) => c.slotId))];
    const fresh = new Map<string, SlotForMatching>();
    for (let i = 0; i < ids.length; i += ID_CHUNK)
      for (const slot of await this.load(inArray(slots.id, ids.slice(i, i + ID_CHUNK))))
        fresh.set(slot.id, slot);
    const renamed = await this.readNames([...new Set(Array.from(fresh.values(), (s) => s.organizationId))]);
    const places: number[] = [];
    for (const id of ids) {
      const before = this.index.get(id);
      const slot = fresh.get(id);
      // A change matching does not see (a description, a contact) leaves the index and the places
      // untouched, so every kept answer still holds (the object stays too: matches.ts keys by it).
      if (before && slot && sameForMatching(before, slot)) continue;
      if (before) places.push(before.lat, before.lon);
      if (slot && slot.status === 'open') {
        this.index.upsert(slot);
        places.push(slot.lat, slot.lon);
      } else this.index.remove(id);
    }
    const from = this.lastSeq;
    const to = changes[changes.length - 1]!.seq;
    this.lastSeq = to;
    // A new name shows with every slot of its employer, wherever they are: every kept answer is made
    // again. Not only the slots this sync read: a rename committed between reading the log and the
    // names is read here while its own log rows come with the next sync, which then finds no change.
    if (renamed) this.forgetMoves();
    // A sync with no place to tell of need not be kept: `changedWhere` looks only at kept places.
    else if (places.length > 0) this.remember({ from, to, places });
  }

  /** From here on nothing before is known: every kept answer is made again. */
  private forgetMoves() {
    this.moves = [];
    this.placesKept = 0;
    this.movesFrom = this.lastSeq;
  }

  private async reload() {
    // Read the log position first: changes committed while loading are re-applied by the next sync.
    const [last] = await this.db
      .select({ seq: slotChanges.seq })
      .from(slotChanges)
      .orderBy(desc(slotChanges.seq))
      .limit(1);
    // `+status` keeps SQLite off the status index, so pages walk the primary key in order without sorting.
    const loaded = await this.load(sql`+${slots.status} = 'open'`);
    const names = new Map<string, string>();
    for (const o of await this.nameRows()) names.set(o.id, o.name);
    this.index = buildSlotIndex(loaded);
    this.names = names;
    this.lastSeq = last?.seq ?? 0;
    this.forgetMoves();
  }

  /**
   * The names of these organizations, read again (their slots changed, or they were renamed):
   * whether a name the catalog had changed.
   */
  private async readNames(ids: readonly string[]): Promise<boolean> {
    let renamed = false;
    for (let i = 0; i < ids.length; i += ID_CHUNK)
      for (const o of await this.nameRows(inArray(organizations.id, ids.slice(i, i + ID_CHUNK)))) {
        const known = this.names.get(o.id);
        if (known !== undefined && known !== o.name) renamed = true;
        this.names.set(o.id, o.name);
      }
    return renamed;
  }

  /** Organizations' ids and names (all of them, or those `where` picks). */
  private nameRows(where?: SQL) {
    return this.db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(where);
  }

  /**
   * Slots matching a condition, with their supervisors' room (kept on the slot row by triggers), as
   * the engine wants them: the cells every path reads (rows.ts `slotCells`, without the description),
   * a page at a time walking the key in order.
   */
  private async load(where: SQL): Promise<SlotForMatching[]> {
    const out: SlotForMatching[] = [];
    let after = '';
    for (;;) {
      const page = await this.db.values<SlotCells>(sql`
        SELECT ${slotCells} FROM ${slots} WHERE ${where} AND ${slots.id} > ${after}
        ORDER BY ${slots.id} LIMIT ${PAGE}`);
      for (const row of page) out.push(fromCells(Array.isArray(row) ? row : (Array.from(row) as SlotCells)));
      if (page.length < PAGE) break;
      after = out[out.length - 1]!.id;
    }
    return out;
  }
}
