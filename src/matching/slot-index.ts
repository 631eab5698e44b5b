/**
 * The compiled form of the open slots, kept in memory by the service and updated on every change.
 * Hot fields live in typed arrays indexed by row (one row per slot) so a ranking touches flat memory;
 * variable-length data (schedule, text terms) is one small Int32Array per row so an upsert never has
 * to shift other rows. A coarse lat/lon grid lets a ranking visit only the cells near the participant.
 */
import { adaptationMask, type Level, levels, slotKinds } from '../domain/vocabulary';
import type { BoundingBox } from '../lib/geo';
import { dayNumber, NO_END_DAY } from './dates';
import { contentStems, needleMatches } from './text';
import type { SlotForMatching } from './types';

export const FLAG_ALIVE = 1;
export const FLAG_OPEN = 2;
export const FLAG_FREE_PLACE = 4;
export const FLAG_SUPERVISOR_ROOM = 8;
export const FLAG_TRAINED_WITH_ROOM = 16;
export const FLAG_OPEN_ENDED = 32;
export const FLAG_LEADS_TO_HIRE = 64;
/** All of these must be set before a slot can be proposed at all (hard constraint 1). */
export const FLAGS_PROPOSABLE = FLAG_ALIVE | FLAG_OPEN | FLAG_FREE_PLACE | FLAG_SUPERVISOR_ROOM;

// About 22 km × 22 km at Swedish latitudes: a 30 km radius touches a handful of cells.
const CELL_LAT_DEG = 0.2;
const CELL_LON_DEG = 0.4;
const GRID_ROWS = Math.ceil(180 / CELL_LAT_DEG);
const GRID_COLS = Math.ceil(360 / CELL_LON_DEG);
const MAX_CACHED_NEEDLES = 50_000;

export const levelRank = (level: Level): number => levels.indexOf(level);
export const kindBit = (kind: string): number => 1 << slotKinds.indexOf(kind as (typeof slotKinds)[number]);

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : Math.min(x, hi));
const latCell = (lat: number) => clamp(Math.floor((lat + 90) / CELL_LAT_DEG), 0, GRID_ROWS - 1);
const lonCell = (lon: number) => clamp(Math.floor((lon + 180) / CELL_LON_DEG), 0, GRID_COLS - 1);
const cellKey = (lat: number, lon: number) => latCell(lat) * GRID_COLS + lonCell(lon);

export class SlotIndex {
  /** Row → slot id; '' for a removed row waiting for reuse. */
  ids: string[] = [];
  slots: (SlotForMatching | undefined)[] = [];
  lat = new Float64Array(0);
  lon = new Float64Array(0);
  flags = new Uint8Array(0);
  kind = new Int32Array(0);
  /** Adaptation bits offered at all (in place or can arrange), and those already in place. */
  offered = new Int32Array(0);
  inPlace = new Int32Array(0);
  hoursMin = new Float64Array(0);
  hoursMax = new Float64Array(0);
  startDay = new Int32Array(0);
  endDay = new Int32Array(0);
  social = new Uint8Array(0);
  physical = new Uint8Array(0);
  /** Per row: [start0, end0, start1, end1, …] minutes of the week. */
  schedule: Int32Array[] = [];
  /** Per row: term ids; the first `avoidScopeLength[row]` come from the title and tasks. */
  terms: Int32Array[] = [];
  avoidScopeLength = new Int32Array(0);
  private cellOf = new Int32Array(0);
  private posInCell = new Int32Array(0);
  private readonly cells = new Map<number, number[]>();
  private readonly rowById = new Map<string, number>();
  private readonly freeRows: number[] = [];
  private rowsAllocated = 0;
  /** The term dictionary only grows: ids stay valid for cached needles; removed slots leave unused terms. */
  private readonly termIds = new Map<string, number>();
  readonly termText: string[] = [];
  private readonly needleCache = new Map<string, { scanned: number; ids: number[] }>();

  /** Number of slots held (any status). */
  get size(): number {
    return this.rowById.size;
  }

  /** Upper bound (exclusive) of row numbers in use. */
  get rowCount(): number {
    return this.rowsAllocated;
  }

  has(slotId: string): boolean {
    return this.rowById.has(slotId);
  }

  get(slotId: string): SlotForMatching | undefined {
    const row = this.rowById.get(slotId);
    return row === undefined ? undefined : this.slots[row];
  }

  /** Add a slot or replace the slot with the same id. Slots of every status are kept (and skipped). */
  upsert(slot: SlotForMatching): void {
    let row = this.rowById.get(slot.id);
    if (row === undefined) {
      row = this.freeRows.pop() ?? this.newRow();
      this.rowById.set(slot.id, row);
    } else this.leaveCell(row);
    this.fill(row, slot);
    this.enterCell(row, cellKey(slot.lat, slot.lon));
  }

  /** Forget a slot; returns whether it was there. */
  remove(slotId: string): boolean {
    const row = this.rowById.get(slotId);
    if (row === undefined) return false;
    this.leaveCell(row);
    this.rowById.delete(slotId);
    this.ids[row] = '';
    this.slots[row] = undefined;
    this.flags[row] = 0;
    this.schedule[row] = new Int32Array(0);
    this.terms[row] = new Int32Array(0);
    this.freeRows.push(row);
    return true;
  }

  /** Row lists of the grid cells that intersect the box (every row inside the box is in one of them). */
  cellsInBox(box: BoundingBox): number[][] {
    const out: number[][] = [];
    const wraps = box.minLon < -180 || box.maxLon > 180;
    const r0 = latCell(box.minLat);
    const r1 = latCell(box.maxLat);
    const c0 = lonCell(box.minLon);
    const c1 = lonCell(box.maxLon);
    // A huge or antimeridian-crossing box: walking the occupied cells is cheaper and still complete.
    if (wraps || (r1 - r0 + 1) * (c1 - c0 + 1) > this.cells.size) {
      for (const rows of this.cells.values()) out.push(rows);
      return out;
    }
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const rows = this.cells.get(r * GRID_COLS + c);
        if (rows) out.push(rows);
      }
    }
    return out;
  }

  /** Ids of the dictionary terms that contain the needle; cached, and extended as the dictionary grows. */
  termIdsFor(needle: string): readonly number[] {
    let entry = this.needleCache.get(needle);
    if (!entry) {
      if (this.needleCache.size >= MAX_CACHED_NEEDLES) this.needleCache.clear();
      entry = { scanned: 0, ids: [] };
      this.needleCache.set(needle, entry);
    }
    const terms = this.termText;
    for (let t = entry.scanned; t < terms.length; t++)
      if (needleMatches(needle, terms[t]!)) entry.ids.push(t);
    entry.scanned = terms.length;
    return entry.ids;
  }

  private fill(row: number, slot: SlotForMatching): void {
    const free = slot.capacity - slot.taken;
    const withRoom = slot.supervisors.filter((s) => s.maxParticipants - s.activePlacements > 0);
    let flags = FLAG_ALIVE;
    if (slot.status === 'open') flags |= FLAG_OPEN;
    if (free > 0) flags |= FLAG_FREE_PLACE;
    if (withRoom.length > 0) flags |= FLAG_SUPERVISOR_ROOM;
    if (withRoom.some((s) => s.trained)) flags |= FLAG_TRAINED_WITH_ROOM;
    if (slot.openEnded || slot.endDate === null) flags |= FLAG_OPEN_ENDED;
    if (slot.leadsToHire) flags |= FLAG_LEADS_TO_HIRE;

    this.ids[row] = slot.id;
    this.slots[row] = slot;
    this.flags[row] = flags;
    this.lat[row] = slot.lat;
    this.lon[row] = slot.lon;
    this.kind[row] = kindBit(slot.kind);
    this.offered[row] = adaptationMask(slot.adaptations.map((a) => a.code));
    this.inPlace[row] = adaptationMask(
      slot.adaptations.filter((a) => a.status === 'in_place').map((a) => a.code),
    );
    this.hoursMin[row] = slot.hoursMin;
    this.hoursMax[row] = slot.hoursMax;
    this.startDay[row] = dayNumber(slot.startDate);
    this.endDay[row] = slot.openEnded || slot.endDate === null ? NO_END_DAY : dayNumber(slot.endDate);
    this.social[row] = levelRank(slot.socialIntensity);
    this.physical[row] = levelRank(slot.physicalDemand);
    this.schedule[row] = Int32Array.from(slot.schedule.flat());
    this.compileTerms(row, slot);
  }

  private compileTerms(row: number, slot: SlotForMatching): void {
    const ids = new Set<number>();
    for (const text of [slot.title, ...slot.tasks])
      for (const s of contentStems(text)) ids.add(this.termId(s));
    const avoidScope = ids.size;
    for (const s of contentStems(slot.occupationLabel)) ids.add(this.termId(s));
    this.terms[row] = Int32Array.from(ids);
    this.avoidScopeLength[row] = avoidScope;
  }

  private termId(stem: string): number {
    let id = this.termIds.get(stem);
    if (id === undefined) {
      id = this.termText.length;
      this.termIds.set(stem, id);
      this.termText.push(stem);
    }
    return id;
  }

  private enterCell(row: number, key: number): void {
    let rows = this.cells.get(key);
    if (!rows) {
      rows = [];
      this.cells.set(key, rows);
    }
    this.cellOf[row] = key;
    this.posInCell[row] = rows.length;
    rows.push(row);
  }

  /** Swap-remove from the cell's row list: O(1), order inside a cell does not matter. */
  private leaveCell(row: number): void {
    const key = this.cellOf[row]!;
    const rows = this.cells.get(key)!;
    const pos = this.posInCell[row]!;
    const last = rows.pop()!;
    if (last !== row) {
      rows[pos] = last;
      this.posInCell[last] = pos;
    }
    if (rows.length === 0) this.cells.delete(key);
  }

  private newRow(): number {
    const row = this.rowsAllocated++;
    if (row >= this.lat.length) this.grow(Math.max(64, this.lat.length * 2));
    return row;
  }

  private grow(capacity: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a);
      return b;
    };
    this.lat = f64(this.lat);
    this.lon = f64(this.lon);
    this.flags = u8(this.flags);
    this.kind = i32(this.kind);
    this.offered = i32(this.offered);
    this.inPlace = i32(this.inPlace);
    this.hoursMin = f64(this.hoursMin);
    this.hoursMax = f64(this.hoursMax);
    this.startDay = i32(this.startDay);
    this.endDay = i32(this.endDay);
    this.social = u8(this.social);
    this.physical = u8(this.physical);
    this.avoidScopeLength = i32(this.avoidScopeLength);
    this.cellOf = i32(this.cellOf);
    this.posInCell = i32(this.posInCell);
  }
}

/** Compile slots into an index; later slots with an id already seen replace the earlier ones. */
export function buildSlotIndex(slots: Iterable<SlotForMatching>): SlotIndex {
  const index = new SlotIndex();
  for (const slot of slots) index.upsert(slot);
  return index;
}
