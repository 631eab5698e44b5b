/**
 * Where matching gets its slots from: the two ways are interchangeable and rank identically (a
 * property test compares them on random registries).
 * - `residentSlots`: the whole registry in an in-memory index that follows the slot change log
 *   (catalog.ts). Fastest per request; each process holds every open slot. Node uses it.
 * - `queriedSlots`: per request, SQL selects the candidates that can pass the hard constraints as
 *   narrow rows, and whole slots are read and ranked only while their score bound can reach a
 *   participant's top (candidates.ts, bounded.ts, bounded-many.ts). Nothing in memory grows with
 *   the registry and no statement returns it. Workers use it (short-lived isolates, 128 MB, D1's
 *   2 MB rows).
 */
import type { Db } from '../../adapters/db/types';
import {
  buildSlotIndex,
  disjointPrefixLength,
  type Match,
  type ParticipantForMatching,
  rankParticipant,
  rankScores,
  type SlotIndex,
} from '../../matching';
import { FIRST_BATCH, FIRST_PAGE, rankBounded } from './bounded';
import { rankBoundedMany } from './bounded-many';
import { PAGE, slotsById } from './candidates';
import { SlotCatalog } from './catalog';
import type { CatalogSlot } from './rows';

export interface Ranked {
  /** Each participant's best slots, best first (ties by slot id). */
  matches: Map<string, Match[]>;
  /** Every slot those matches name. */
  slots: Map<string, CatalogSlot>;
}

export interface BestSlotsOptions {
  limit: number;
  today: string;
  disjoint?: number;
}

export interface BestSlots {
  slots: Map<string, CatalogSlot>;
  index: SlotIndex;
  /** With `disjoint`: some list reached `limit` slots without holding n disjoint ones. */
  capped: boolean;
}

export interface SlotSource {
  readonly kind: 'resident' | 'queried';
  /** The best `limit` open slots for each participant. */
  rank(people: readonly ParticipantForMatching[], opts: { limit: number; today: string }): Promise<Ranked>;
  /**
   * Every slot among the best `limit` of at least one participant (allocation's union), as `rank`'s
   * `slots`, without describing the matches, and an index holding exactly those slots. With
   * `disjoint` (allocation's participant count n), each participant's list is instead the shortest
   * prefix of their ranking holding n supervisor-disjoint slots (all the allocation needs:
   * src/matching/allocation/disjoint-prefix.ts), at most `limit` long, or their whole list if shorter.
   */
  bestSlots(people: readonly ParticipantForMatching[], opts: BestSlotsOptions): Promise<BestSlots>;
  /** The open slots among these ids. */
  openSlots(ids: readonly string[]): Promise<Map<string, CatalogSlot>>;
}

export function residentSlots(db: Db): SlotSource & { catalog: SlotCatalog } {
  const catalog = new SlotCatalog(db);
  return {
    kind: 'resident',
    catalog,
    async rank(people, opts) {
      const index = await catalog.current();
      const matches = new Map<string, Match[]>();
      const slots = new Map<string, CatalogSlot>();
      for (const person of people) {
        const ranked = rankParticipant(index, person, opts);
        matches.set(person.id, ranked);
        for (const m of ranked) slots.set(m.slotId, index.get(m.slotId) as CatalogSlot);
      }
      return { matches, slots };
    },
    async bestSlots(people, opts) {
      const index = await catalog.current();
      const slots = new Map<string, CatalogSlot>();
      let capped = false;
      for (const person of people) {
        const prefix = residentPrefix(index, person, opts);
        capped ||= prefix.capped;
        for (const m of prefix.list) slots.set(m.slotId, index.get(m.slotId) as CatalogSlot);
      }
      return { slots, index: buildSlotIndex(slots.values()), capped };
    },
    async openSlots(ids) {
      const index = await catalog.current();
      const found = new Map<string, CatalogSlot>();
      for (const id of ids) {
        const slot = index.get(id);
        if (slot) found.set(id, slot as CatalogSlot);
      }
      return found;
    },
  };
}

/**
 * One participant's list for `bestSlots` from the whole index: ranked with a limit starting at n and
 * doubling (up to `limit`) until the ranking holds n supervisor-disjoint slots or runs out.
 */
function residentPrefix(index: SlotIndex, person: ParticipantForMatching, opts: BestSlotsOptions) {
  const { limit, today, disjoint } = opts;
  if (disjoint === undefined) return { list: rankScores(index, person, { limit, today }), capped: false };
  for (let k = Math.min(limit, Math.max(1, disjoint)); ; k = Math.min(limit, 2 * k)) {
    const ranked = rankScores(index, person, { limit: k, today });
    const length = disjointPrefixLength(
      ranked.map((m) => index.get(m.slotId)!),
      disjoint,
    );
    if (length !== null) return { list: ranked.slice(0, length), capped: false };
    if (ranked.length < k || !(k < limit)) return { list: ranked, capped: k > 0 && ranked.length >= k };
  }
}

/**
 * Whole slots in a participant's first ask and a statement's whole slots for `pageSize`, and below
 * the usual page (tests) narrow rows as few a statement and a call, so those are exercised too.
 */
const many = (pageSize: number) => ({
  batch: Math.min(pageSize, FIRST_BATCH),
  pageSize,
  narrow: pageSize < PAGE ? { perCall: 4 * pageSize, perStatement: pageSize } : undefined,
});

/** `pageSize`: slots ranked at a time (tests make it tiny to exercise the merging). */
export function queriedSlots(db: Db, { pageSize = PAGE } = {}): SlotSource {
  return {
    kind: 'queried',
    async rank(people, opts) {
      if (people.length === 1) {
        // One participant: whole slots read only while their score bound can reach the top.
        const batch = Math.min(pageSize, FIRST_BATCH);
        const { matches, slots } = await rankBounded(
          db,
          people[0]!,
          opts,
          batch,
          Math.min(pageSize, FIRST_PAGE),
        );
        return { matches: new Map([[people[0]!.id, matches]]), slots };
      }
      // Several: each index entry read once as a narrow row, whole slots by bound; each best list
      // then described over the slots they name (a participant's best slots are the best among any
      // slots that hold them).
      const { slots } = await rankBoundedMany(db, people, opts, many(pageSize));
      const index = buildSlotIndex(slots.values());
      return { matches: new Map(people.map((p) => [p.id, rankParticipant(index, p, opts)])), slots };
    },
    async bestSlots(people, opts) {
      const { slots, index, capped } = await rankBoundedMany(db, people, opts, many(pageSize));
      return { slots, index, capped };
    },
    async openSlots(ids) {
      const found = new Map<string, CatalogSlot>();
      for (let i = 0; i < ids.length; i += PAGE)
        for (const slot of await slotsById(db, ids.slice(i, i + PAGE)))
          if (slot.status === 'open') found.set(slot.id, slot);
      return found;
    },
  };
}
