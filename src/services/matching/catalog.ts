/**
 * The in-memory slot index that matching ranks against, kept in step with the database by the
 * append-only `slot_changes` log: every slot write (and every change of places or supervisor room)
 * adds a row in the same batch, so before ranking a request reads only the log rows after the last
 * one it applied and reloads those slots. One cheap indexed query per request; correct across any
 * number of instances (each keeps its own copy) and on D1 and libSQL alike.
 */
import { asc, desc, eq, gt, inArray, min, type SQL } from 'drizzle-orm';
import { slotChanges, slotSupervisors, slots, supervisors } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { buildSlotIndex, type SlotForMatching, type SlotIndex } from '../../matching';
import { slotForMatching } from './rows';

/** D1 binds at most 100 parameters per statement; changed slots are reloaded in chunks below that. */
const ID_CHUNK = 90;

export class SlotCatalog {
  private index: SlotIndex = buildSlotIndex([]);
  private lastSeq = -1;
  private syncing: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  /** The index, brought up to date with every change committed before this call. */
  async current(): Promise<SlotIndex> {
    // Requests that arrive during a sync share it instead of each reading the log.
    this.syncing ??= this.sync().finally(() => {
      this.syncing = null;
    });
    await this.syncing;
    return this.index;
  }

  private async sync() {
    if (this.lastSeq < 0) return this.reload();
    const changes = await this.db
      .select({ seq: slotChanges.seq, slotId: slotChanges.slotId })
      .from(slotChanges)
      .where(gt(slotChanges.seq, this.lastSeq))
      .orderBy(asc(slotChanges.seq));
    if (changes.length === 0) return;
    // The log is pruned; if rows we never saw are gone, start over rather than miss a change.
    const [first] = await this.db.select({ seq: min(slotChanges.seq) }).from(slotChanges);
    if ((first?.seq ?? 0) > this.lastSeq + 1) return this.reload();
    const ids = [...new Set(changes.map((c) => c.slotId))];
    const fresh = new Map<string, SlotForMatching>();
    for (let i = 0; i < ids.length; i += ID_CHUNK)
      for (const slot of await this.load(inArray(slots.id, ids.slice(i, i + ID_CHUNK))))
        fresh.set(slot.id, slot);
    for (const id of ids) {
      const slot = fresh.get(id);
      if (slot && slot.status === 'open') this.index.upsert(slot);
      else this.index.remove(id);
    }
    this.lastSeq = changes[changes.length - 1]!.seq;
  }

  private async reload() {
    // Read the log position first: changes committed while loading are re-applied by the next sync.
    const [last] = await this.db
      .select({ seq: slotChanges.seq })
      .from(slotChanges)
      .orderBy(desc(slotChanges.seq))
      .limit(1);
    this.index = buildSlotIndex(await this.load(eq(slots.status, 'open')));
    this.lastSeq = last?.seq ?? 0;
  }

  /** Slots matching a condition, with their supervisors' room, as the engine wants them. */
  private async load(where: SQL): Promise<SlotForMatching[]> {
    const [rows, links] = await Promise.all([
      this.db.select().from(slots).where(where),
      this.db
        .select({
          slotId: slotSupervisors.slotId,
          id: supervisors.id,
          maxParticipants: supervisors.maxParticipants,
          activePlacements: supervisors.activePlacements,
          trained: supervisors.trained,
        })
        .from(slotSupervisors)
        .innerJoin(supervisors, eq(supervisors.id, slotSupervisors.supervisorId))
        .innerJoin(slots, eq(slots.id, slotSupervisors.slotId))
        .where(where),
    ]);
    const bySlot = new Map<string, (typeof links)[number][]>();
    for (const l of links) {
      const list = bySlot.get(l.slotId);
      if (list) list.push(l);
      else bySlot.set(l.slotId, [l]);
    }
    return rows.map((r) => slotForMatching(r, bySlot.get(r.id) ?? []));
  }
}
