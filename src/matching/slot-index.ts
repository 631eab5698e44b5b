/**
 * The compiled form of the slots, kept in memory by the service and updated on every change.
 *
 * Layout, for speed: every per-slot field lives in a typed array indexed by row, and the variable-length
 * data (schedule intervals, text term ids) lives in two flat Int32Array pools addressed by per-row
 * start/length. Rows are kept ordered by grid cell (a coarse lat/lon grid), so a ranking that visits
 * the cells near a participant reads memory sequentially; that alone is a 3–4× difference at 100,000
 * slots. `upsert` and `remove` are O(1) and may leave rows out of cell order or dead space in the
 * pools; once a quarter of the rows are out of place or half the pools are dead space, the index
 * re-packs itself (`compact`, O(n), tens of milliseconds at 100,000 slots).
 */
import { adaptationMask, type Level, levels, slotKinds } from '../domain/vocabulary';
import { avoidVocabulary } from '../domain/work-vocabulary';
import type { BoundingBox } from '../lib/geo';
import { stemKey } from '../lib/swedish/keys';
import { dayNumber, NO_END_DAY } from './dates';
import { unitVector } from './sphere';
import { contentStems, ssykTerm, suitsTerm } from './text';
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
const MAX_CACHED_TEXTS = 100_000;
/** Re-pack when this share of rows is out of cell order… */
const DISPLACED_SHARE = 0.25;
const MIN_DISPLACED = 1024;
/** …or this share of the pools is dead space. */
const DEAD_SHARE = 0.5;
const MIN_DEAD = 65_536;

export const levelRank = (level: Level): number => levels.indexOf(level);
const HIGH = levels.indexOf('high');
const DAY_MINUTES = 1440;
/** Supervised windows starting before 07:00 are early mornings; ending after 18:00 or on a Saturday or Sunday, evenings and weekends. */
const EARLY_BEFORE = 7 * 60;
const LATE_AFTER = 18 * 60;
const WEEKEND_FROM = 5 * DAY_MINUTES;
/** Each avoid category's slot words, as keys. */
const avoidKeys = avoidVocabulary.map((c) => c.keys.map((k) => (k.startsWith('ssyk') ? k : stemKey(k))));
/** The avoid categories (bits by vocabulary position) one of whose keys a term is. */
function avoidBitsOfTerm(term: string): number {
  let bits = 0;
  avoidKeys.forEach((keys, bit) => {
    if (keys.includes(term)) bits |= 1 << bit;
  });
  return bits;
}
export const kindBit = (kind: string): number => 1 << slotKinds.indexOf(kind as (typeof slotKinds)[number]);

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const latCell = (lat: number) => clamp(Math.floor((lat + 90) / CELL_LAT_DEG), 0, GRID_ROWS - 1);
const lonCell = (lon: number) => clamp(Math.floor((lon + 180) / CELL_LON_DEG), 0, GRID_COLS - 1);
const cellKey = (lat: number, lon: number) => latCell(lat) * GRID_COLS + lonCell(lon);
/** Centre of a grid cell, for visiting the nearest cells first. */
export const cellCentre = (key: number) => ({
  lat: (Math.floor(key / GRID_COLS) + 0.5) * CELL_LAT_DEG - 90,
  lon: ((key % GRID_COLS) + 0.5) * CELL_LON_DEG - 180,
});

/**
 * Fixed-size per-row columns, one typed array each, all resized and permuted together. Built as one
 * object literal so V8 gives it a fixed shape: the ranking loop reads these fields per slot, and a
 * dictionary-mode object here made every read ~10× slower.
 */
function allocateColumns(capacity: number) {
  return {
    lat: new Float64Array(capacity),
    lon: new Float64Array(capacity),
    /** Position as a unit vector, for distances without trigonometry (see sphere.ts). */
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    z: new Float64Array(capacity),
    flags: new Uint8Array(capacity),
    kind: new Int32Array(capacity),
    offered: new Int32Array(capacity),
    inPlace: new Int32Array(capacity),
    hoursMin: new Float64Array(capacity),
    hoursMax: new Float64Array(capacity),
    startDay: new Int32Array(capacity),
    endDay: new Int32Array(capacity),
    social: new Uint8Array(capacity),
    physical: new Uint8Array(capacity),
    scheduleStart: new Int32Array(capacity),
    scheduleEnd: new Int32Array(capacity),
    /** Supervised minutes per week: an upper bound on any overlap, for the ranking's score bound. */
    scheduleMinutes: new Int32Array(capacity),
    termStart: new Int32Array(capacity),
    avoidScopeEnd: new Int32Array(capacity),
    termEnd: new Int32Array(capacity),
    /** Bits of the avoid categories (work-vocabulary.ts) the slot states, by vocabulary position. */
    avoidCategories: new Int32Array(capacity),
    cellOf: new Int32Array(capacity),
    posInCell: new Int32Array(capacity),
  };
}
type Columns = ReturnType<typeof allocateColumns>;
type ColumnName = keyof Columns;
const COLUMN_NAMES = Object.keys(allocateColumns(0)) as ColumnName[];

type Column = Columns[ColumnName];
/** dst[i] = src[order[i]]: one column at a time, so each loop sees a single array type. */
function permuteInto(src: Column, dst: Column, order: readonly number[]): void {
  for (let i = 0; i < order.length; i++) dst[i] = src[order[i]!]!;
}

/** Copy each row's pool values, in the new row order, into a fresh pool without dead space. */
function repackPool(
  pool: IntPool,
  order: readonly number[],
  oldStart: Int32Array,
  oldEnd: Int32Array,
  newStart: Int32Array,
  newEnd: Int32Array,
): IntPool {
  let total = 0;
  for (const from of order) total += oldEnd[from]! - oldStart[from]!;
  const packed = new IntPool(Math.max(1024, total));
  const src = pool.data;
  const dst = packed.data;
  let w = 0;
  for (let to = 0; to < order.length; to++) {
    const from = order[to]!;
    newStart[to] = w;
    for (let i = oldStart[from]!, end = oldEnd[from]!; i < end; i++) dst[w++] = src[i]!;
    newEnd[to] = w;
  }
  packed.used = w;
  return packed;
}

/** A growable Int32Array with append. */
class IntPool {
  data: Int32Array;
  used = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  append(values: ArrayLike<number>): number {
    const start = this.used;
    if (start + values.length > this.data.length) {
      const bigger = new Int32Array(Math.max(2 * this.data.length, start + values.length));
      bigger.set(this.data.subarray(0, start));
      this.data = bigger;
    }
    this.data.set(values, start);
    this.used += values.length;
    return start;
  }
}

export class SlotIndex {
  /** Row → slot id; '' for a removed row waiting for reuse. */
  ids: string[] = [];
  slots: (SlotForMatching | undefined)[] = [];
  /** Per-row columns; see allocateColumns. */
  col: Columns = allocateColumns(0);
  /** Schedule intervals [s0, e0, s1, e1, …] of row r are schedules.data[scheduleStart[r] .. scheduleEnd[r]). */
  schedules = new IntPool();
  /** Term ids of row r are terms.data[termStart[r] .. termEnd[r]); those before avoidScopeEnd[r] are from title and tasks. */
  terms = new IntPool();
  private readonly cells = new Map<number, number[]>();
  private readonly rowById = new Map<string, number>();
  private freeRows: number[] = [];
  private rowsAllocated = 0;
  /** Rows placed out of cell order since the last re-pack, and pool values no longer referenced. */
  private displacedRows = 0;
  private deadInts = 0;
  private autoCompact = true;
  /** The term dictionary only grows: ids stay valid for cached needles; removed slots leave unused terms. */
  private readonly termIds = new Map<string, number>();
  readonly termText: string[] = [];
  /** Per term id: the avoid categories (bits by vocabulary position) one of whose keys it is. */
  private readonly avoidNamedBits: number[] = [];
  /** Titles and tasks repeat a lot ("Plocka order"): their term ids are cached by text. */
  private readonly textTermsCache = new Map<string, readonly number[]>();

  /** Number of slots held (any status). */
  get size(): number {
    return this.rowById.size;
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
    const key = cellKey(slot.lat, slot.lon);
    let row = this.rowById.get(slot.id);
    if (row === undefined) {
      const reused = this.freeRows.pop();
      // A reused row's pool space was counted dead when it was removed; it may be written again now.
      if (reused !== undefined) this.deadInts -= this.extent(reused);
      row = reused ?? this.newRow();
      this.rowById.set(slot.id, row);
      this.displacedRows++;
      this.fill(row, slot);
      this.enterCell(row, key);
    } else {
      const oldKey = this.col.cellOf[row]!;
      this.fill(row, slot);
      if (oldKey !== key) {
        this.leaveCell(row);
        this.enterCell(row, key);
        this.displacedRows++;
      }
    }
    this.compactIfDrifted();
  }

  /** Forget a slot; returns whether it was there. */
  remove(slotId: string): boolean {
    const row = this.rowById.get(slotId);
    if (row === undefined) return false;
    this.leaveCell(row);
    this.rowById.delete(slotId);
    this.ids[row] = '';
    this.slots[row] = undefined;
    this.col.flags[row] = 0;
    this.freeRows.push(row);
    this.deadInts += this.extent(row);
    this.compactIfDrifted();
    return true;
  }

  /** Pool values a row occupies. */
  private extent(row: number): number {
    const c = this.col;
    return c.scheduleEnd[row]! - c.scheduleStart[row]! + c.termEnd[row]! - c.termStart[row]!;
  }

  /**
   * Keys of the grid cells that intersect the box, nearest to (lat, lon) first, so a top-k search
   * meets good candidates early. Every slot inside the box is in one of these cells.
   */
  cellsInBox(box: BoundingBox, lat: number, lon: number): number[] {
    const keys: number[] = [];
    const r0 = latCell(box.minLat);
    const r1 = latCell(box.maxLat);
    const c0 = lonCell(box.minLon);
    const c1 = lonCell(box.maxLon);
    const wraps = box.minLon < -180 || box.maxLon > 180;
    // A huge or antimeridian-crossing box: walking the occupied cells is cheaper and still complete.
    if (wraps || (r1 - r0 + 1) * (c1 - c0 + 1) > this.cells.size) keys.push(...this.cells.keys());
    else {
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) if (this.cells.has(r * GRID_COLS + c)) keys.push(r * GRID_COLS + c);
      }
    }
    const cosLat = Math.cos((lat * Math.PI) / 180);
    const far = (key: number) => {
      const centre = cellCentre(key);
      return (centre.lat - lat) ** 2 + ((centre.lon - lon) * cosLat) ** 2;
    };
    const distance = new Map(keys.map((k) => [k, far(k)]));
    return keys.sort((a, b) => distance.get(a)! - distance.get(b)! || a - b);
  }

  /** Rows of one grid cell (do not modify). */
  rowsOfCell(key: number): readonly number[] {
    return this.cells.get(key) ?? [];
  }

  /** Ids of the dictionary terms a needle meets: the equal key (compound parts are terms of their own). */
  termIdsFor(needle: string): readonly number[] {
    const id = this.termIds.get(needle);
    return id === undefined ? [] : [id];
  }

  /** Re-pack rows in cell order and drop dead pool space. O(n); runs by itself when drift is large. */
  compact(): void {
    const order: number[] = [];
    for (const key of [...this.cells.keys()].sort((a, b) => a - b)) {
      for (const row of this.cells.get(key)!) order.push(row);
    }
    const n = order.length;
    const old = this.col;
    const col = allocateColumns(Math.max(64, n));
    for (const name of COLUMN_NAMES) permuteInto(old[name], col[name], order);
    this.schedules = repackPool(
      this.schedules,
      order,
      old.scheduleStart,
      old.scheduleEnd,
      col.scheduleStart,
      col.scheduleEnd,
    );
    this.terms = repackPool(this.terms, order, old.termStart, old.termEnd, col.termStart, col.termEnd);
    for (let to = 0; to < n; to++) {
      const from = order[to]!;
      col.avoidScopeEnd[to] = col.termStart[to]! + old.avoidScopeEnd[from]! - old.termStart[from]!;
    }
    const oldIds = this.ids;
    const oldSlots = this.slots;
    this.ids = new Array<string>(n);
    this.slots = new Array<SlotForMatching | undefined>(n);
    this.rowById.clear();
    for (let to = 0; to < n; to++) {
      const from = order[to]!;
      this.ids[to] = oldIds[from]!;
      this.slots[to] = oldSlots[from];
      this.rowById.set(oldIds[from]!, to);
    }
    this.col = col;
    this.rowsAllocated = n;
    this.freeRows = [];
    // Cells now hold consecutive rows.
    this.cells.clear();
    for (let row = 0; row < n; row++) this.enterCell(row, col.cellOf[row]!);
    this.displacedRows = 0;
    this.deadInts = 0;
  }

  /** Runs `change` without re-packing on the way, then re-packs once (instead of whenever the drift limit is passed). */
  private batched(change: () => void): void {
    this.autoCompact = false;
    try {
      change();
    } finally {
      this.autoCompact = true;
    }
    this.compact();
  }

  /** Upsert many slots, then re-pack once. */
  upsertAll(slots: Iterable<SlotForMatching>): void {
    this.batched(() => {
      for (const slot of slots) this.upsert(slot);
    });
  }

  /**
   * Add slots the index does not hold as rows after every row it has (no re-packing, no reused rows)
   * and return the first of them, so a caller can scan just these (`rankScores`' `fromRow`) and keep
   * the rows it wants for later: allocation's rounds keep the slots someone's best list names, and
   * the allocation problem is built over them without compiling those slots again.
   */
  appendNew(slots: Iterable<SlotForMatching>): number {
    const from = this.rowsAllocated;
    for (const slot of slots) {
      if (this.rowById.has(slot.id)) throw new Error(`slot ${slot.id} is already in the index`);
      const row = this.newRow();
      this.rowById.set(slot.id, row);
      this.displacedRows++;
      this.fill(row, slot);
      this.enterCell(row, cellKey(slot.lat, slot.lon));
    }
    return from;
  }

  /** Forget these slots, then re-pack once. */
  removeAll(slotIds: Iterable<string>): void {
    this.batched(() => {
      for (const id of slotIds) this.remove(id);
    });
  }

  private compactIfDrifted(): void {
    if (!this.autoCompact) return;
    const displaced = this.displacedRows > Math.max(MIN_DISPLACED, DISPLACED_SHARE * this.rowById.size);
    const dead = this.deadInts > Math.max(MIN_DEAD, DEAD_SHARE * (this.schedules.used + this.terms.used));
    if (displaced || dead) this.compact();
  }

  private fill(row: number, slot: SlotForMatching): void {
    const c = this.col;
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
    c.flags[row] = flags;
    c.lat[row] = slot.lat;
    c.lon[row] = slot.lon;
    const v = unitVector(slot.lat, slot.lon);
    c.x[row] = v.x;
    c.y[row] = v.y;
    c.z[row] = v.z;
    c.kind[row] = kindBit(slot.kind);
    c.offered[row] = adaptationMask(slot.adaptations.map((a) => a.code));
    c.inPlace[row] = adaptationMask(
      slot.adaptations.filter((a) => a.status === 'in_place').map((a) => a.code),
    );
    c.hoursMin[row] = slot.hoursMin;
    c.hoursMax[row] = slot.hoursMax;
    c.startDay[row] = dayNumber(slot.startDate);
    c.endDay[row] = slot.openEnded || slot.endDate === null ? NO_END_DAY : dayNumber(slot.endDate);
    c.social[row] = levelRank(slot.socialIntensity);
    c.physical[row] = levelRank(slot.physicalDemand);
    const schedule = slot.schedule.flat();
    const start = this.store(this.schedules, c.scheduleStart[row]!, c.scheduleEnd[row]!, schedule);
    c.scheduleStart[row] = start;
    c.scheduleEnd[row] = start + schedule.length;
    c.scheduleMinutes[row] = slot.schedule.reduce((sum, [from, to]) => sum + (to - from), 0);
    this.compileTerms(row, slot);
    c.avoidCategories[row] = this.avoidCategoriesOf(row, slot);
  }

  /** Which avoid categories the slot states: its demand levels, its words, its supervised windows. */
  private avoidCategoriesOf(row: number, slot: SlotForMatching): number {
    const c = this.col;
    // The categories one of whose keys is among the slot's terms.
    let namedMask = 0;
    for (let i = c.termStart[row]!; i < c.termEnd[row]!; i++)
      namedMask |= this.avoidNamedBits[this.terms.data[i]!]!;
    const quiet = slot.adaptations.some((a) => a.code === 'quiet_workspace');
    const early = slot.schedule.some(([from]) => from % DAY_MINUTES < EARLY_BEFORE);
    const late = slot.schedule.some(
      ([from, to]) => from >= WEEKEND_FROM || (to - 1) % DAY_MINUTES >= LATE_AFTER,
    );
    let mask = 0;
    avoidVocabulary.forEach((category, bit) => {
      const named = (namedMask & (1 << bit)) !== 0;
      let states = false;
      if ('physicalHigh' in category && c.physical[row] === HIGH) states = true;
      if ('socialHigh' in category && c.social[row] === HIGH) states = true;
      if ('noQuiet' in category) states = named && !quiet;
      else if (named) states = true;
      if ('schedule' in category) states = category.schedule === 'early' ? early : late;
      if (states) mask |= 1 << bit;
    });
    return mask;
  }

  private compileTerms(row: number, slot: SlotForMatching): void {
    const ids = new Set<number>();
    for (const text of [slot.title, ...slot.tasks]) for (const id of this.termIdsOfText(text)) ids.add(id);
    const avoidScope = ids.size;
    // The occupation and the description (which may say "passar den som är noggrann") count for
    // strengths and interests, not for the literal avoid words.
    for (const text of [slot.occupationLabel, slot.description])
      for (const id of this.termIdsOfText(text)) ids.add(id);
    if (slot.ssyk) ids.add(this.termId(ssykTerm(slot.ssyk)));
    for (const code of slot.suits ?? []) ids.add(this.termId(suitsTerm(code)));
    const c = this.col;
    const start = this.store(this.terms, c.termStart[row]!, c.termEnd[row]!, [...ids]);
    c.termStart[row] = start;
    c.avoidScopeEnd[row] = start + avoidScope;
    c.termEnd[row] = start + ids.size;
  }

  /**
   * Put a row's values in a pool: over its old values when they fit (most updates change a status or
   * a count, not the schedule or the words), otherwise at the end. Returns the start.
   */
  private store(pool: IntPool, oldStart: number, oldEnd: number, values: readonly number[]): number {
    if (values.length <= oldEnd - oldStart) {
      pool.data.set(values, oldStart);
      this.deadInts += oldEnd - oldStart - values.length;
      return oldStart;
    }
    this.deadInts += oldEnd - oldStart;
    return pool.append(values);
  }

  private termIdsOfText(text: string): readonly number[] {
    let ids = this.textTermsCache.get(text);
    if (!ids) {
      if (this.textTermsCache.size >= MAX_CACHED_TEXTS) this.textTermsCache.clear();
      ids = contentStems(text).map((stem) => this.termId(stem));
      this.textTermsCache.set(text, ids);
    }
    return ids;
  }

  private termId(stem: string): number {
    let id = this.termIds.get(stem);
    if (id === undefined) {
      id = this.termText.length;
      this.termIds.set(stem, id);
      this.termText.push(stem);
      this.avoidNamedBits.push(avoidBitsOfTerm(stem));
    }
    return id;
  }

  private enterCell(row: number, key: number): void {
    let rows = this.cells.get(key);
    if (!rows) {
      rows = [];
      this.cells.set(key, rows);
    }
    this.col.cellOf[row] = key;
    this.col.posInCell[row] = rows.length;
    rows.push(row);
  }

  /** Swap-remove from the cell's row list: O(1), order inside a cell does not matter. */
  private leaveCell(row: number): void {
    const key = this.col.cellOf[row]!;
    const rows = this.cells.get(key)!;
    const pos = this.col.posInCell[row]!;
    const last = rows.pop()!;
    if (last !== row) {
      rows[pos] = last;
      this.col.posInCell[last] = pos;
    }
    if (rows.length === 0) this.cells.delete(key);
  }

  private newRow(): number {
    const row = this.rowsAllocated++;
    if (row >= this.col.lat.length) {
      const bigger = allocateColumns(Math.max(64, this.col.lat.length * 2));
      for (const name of COLUMN_NAMES) bigger[name].set(this.col[name]);
      this.col = bigger;
    }
    return row;
  }
}

/** Compile slots into an index; later slots with an id already seen replace the earlier ones. */
export function buildSlotIndex(slots: Iterable<SlotForMatching>): SlotIndex {
  const index = new SlotIndex();
  index.upsertAll(slots);
  return index;
}
