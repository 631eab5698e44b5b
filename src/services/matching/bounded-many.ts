/**
 * Several participants' best slots (allocation) by score bounds, as bounded.ts does for one: every
 * index entry of their merged plan is read once, as a narrow row with the slot's stored terms; each
 * participant's bound (src/matching/bound.ts) is computed for the slots that pass their own tests;
 * then whole slots are read in rounds: each participant whose next bound can still reach the score
 * their list is settled above asks for its next batch (twice the last, cut where the bounds fall
 * below that score, slots read in an earlier round passed over), the round reads the union of what
 * was asked once, in as few D1 calls as memory allows (a batch of statements each), and every
 * participant who asked is ranked over each call's slots (scores only: nothing is described). A
 * participant stops when that score is above every bound left. At 100,000 slots, 50 participants
 * spread over Sweden then read a few hundred whole slots each instead of every candidate (the
 * union, about 45,000).
 *
 * The list: the top `limit`, or with `disjoint` (allocation's n) the shortest prefix of the ranking
 * holding n supervisor-disjoint slots (src/matching/allocation/disjoint-prefix.ts), at most `limit`
 * long. Its length is not known in advance and grows inside the rounds, with no second pass: each
 * round the prefix is worked out again over the ranked slots, and its last score is the one the list
 * is settled above. That score can fall (a better slot arriving may clash with counted ones, so the
 * n-th disjoint slot comes later), never below the `limit`-th, so each participant keeps everything
 * ranked for them down to the `limit`-th (the ranking's floor stays there) and the cut in their
 * candidates is kept, not skipped: the next round goes on from it when the score fell.
 *
 * Exact: each participant's list is a prefix of the slots the engine itself scored, and a slot never
 * read has a bound, hence a score, below that prefix's last score. A participant asks every round
 * from the first until settled, and one who asks nothing in a round is settled for good (nothing
 * more is ranked for them, so their score stays), so every slot read before a round was ranked for
 * everyone asking in it: passing over those loses nothing. A slot another participant asked for may
 * be ranked for someone who did not ask for it yet; it is a real score, so that is only sooner
 * (duplicates are dropped when merging). Between calls the index holds the slots some list names
 * (down to the `limit`-th); at the end, each list cut to its prefix, exactly the union of the
 * prefixes, compiled once for the allocation problem too. The property tests compare it with the
 * full index (test/matching-api/candidates.property.test.ts, allocation-prefix.property.test.ts).
 */
import type { Db } from '../../adapters/db/types';
import { boundingBox } from '../../lib/geo';
import {
  compareIds,
  disjointPrefixLength,
  mergeRankings,
  type ParticipantForMatching,
  type RankOptions,
  rankScores,
  type ScoredSlot,
  SlotIndex,
  storedTextNeedles,
  textNeedles,
} from '../../matching';
import { type PreparedBoundSlot, prepareBoundSlot, preparedScoreBound } from '../../matching/bound';
import { keysAreCurrent, matchTermsVersion } from '../../matching/terms';
import { FIRST_BATCH } from './bounded';
import {
  boundFieldsOf,
  candidateTerms,
  PAGE,
  passesLimits,
  planLimits,
  slotsByIdInOneCall,
  type TermsSizes,
} from './candidates';
import type { CatalogSlot } from './rows';

interface Bounded {
  id: string;
  bound: number;
}

/** Needle lists as SQL's `instr` looks for them (' key '), empty keys dropped. */
const spaced = (lists: readonly (readonly string[])[]) =>
  lists.map((list) => list.filter((k) => k !== '').map((k) => ` ${k} `));

/**
 * How many of the lists the stored terms meet, as SQL counts them (candidates.ts `textMatchCount`:
 * a list is met when one of its keys is a whole term): a substring test a key, so a slot's terms
 * are never split into a set of strings (45,000 candidates of 25 terms each for 50 participants).
 */
function listsMet(terms: string, lists: readonly (readonly string[])[]): number {
  let met = 0;
  for (const list of lists)
    for (const key of list)
      if (terms.includes(key)) {
        met++;
        break;
      }
  return met;
}

/** Each participant's candidates with their bounds, best bound first (ties: id), the hopeless left out. */
async function boundsOfEach(
  db: Db,
  people: readonly ParticipantForMatching[],
  today: string,
  sizes: TermsSizes | undefined,
) {
  const version = `${matchTermsVersion()} `;
  const each = people.map((p) => ({
    bound: preparedScoreBound(p, today),
    // Terms of the current version are searched for each strength's derived term (a few keys where
    // the whole lists have some thirty), terms of the current key function for the whole lists.
    stored: spaced(storedTextNeedles(p)),
    whole: spaced(textNeedles(p)),
    limits: planLimits(p),
    box: boundingBox(p.lat, p.lon, p.maxTravelKm),
    out: [] as Bounded[],
  }));
  for await (const rows of candidateTerms(db, people, sizes))
    for (const row of rows) {
      const [id, lat, lon, mask] = row;
      const [kind, daysMask, hoursMin, terms] = [row[13], row[14], row[15], row[16]];
      // Worked out once per slot, on the first participant it reaches (each slot reaches a few).
      let slot: PreparedBoundSlot | undefined;
      let lists: 'stored' | 'whole' | null = null;
      for (const e of each) {
        // Outside the box the engine never looks; the plan's tests as SQL makes them for one.
        if (lat < e.box.minLat || lat > e.box.maxLat || lon < e.box.minLon || lon > e.box.maxLon) continue;
        if (!e.limits || !passesLimits(e.limits, { adaptationMask: mask, daysMask, hoursMin, kind }))
          continue;
        if (slot === undefined) {
          slot = prepareBoundSlot(boundFieldsOf(row, null));
          lists =
            terms === null
              ? null
              : terms.startsWith(version)
                ? 'stored'
                : keysAreCurrent(terms)
                  ? 'whole'
                  : null;
        }
        const b = e.bound(slot, lists === null ? null : listsMet(terms!, e[lists]));
        if (b > Number.NEGATIVE_INFINITY) e.out.push({ id, bound: b });
      }
    }
  return each.map((e) => e.out.sort((a, b) => b.bound - a.bound || compareIds(a.id, b.id)));
}

/** Two rankings of one participant as one, a slot ranked in both counted once. */
function mergeOnce(best: ScoredSlot[], more: ScoredSlot[], limit: number): ScoredSlot[] {
  const seen = new Set(best.map((m) => m.slotId));
  return mergeRankings([best, more.filter((m) => !seen.has(m.slotId))], limit, 'slotId');
}

interface Queue {
  person: ParticipantForMatching;
  candidates: Bounded[];
  next: number;
  size: number;
  /** Everything ranked for them so far, best first, cut at `limit`. */
  best: ScoredSlot[];
}

/**
 * The score a queue's list is settled above: every unread candidate with a bound below it cannot
 * enter the part of `best` that is kept. Without `disjoint` that is the `limit`-th score; with it,
 * the score that closes the shortest prefix of `best` holding `disjoint` supervisor-disjoint slots,
 * or the `limit`-th while there is none. That one can fall as better slots arrive (a new slot can
 * clash with counted ones), but never below the `limit`-th, which only rises.
 */
function settledAbove(q: Queue, limit: number, disjoint: number | undefined, index: SlotIndex): number {
  const length = prefixLength(q, disjoint, index);
  if (length !== null) return length === 0 ? Number.POSITIVE_INFINITY : q.best[length - 1]!.score;
  return q.best.length >= limit ? q.best[limit - 1]!.score : Number.NEGATIVE_INFINITY;
}

/** With `disjoint`, the length of the shortest prefix of `best` holding that many supervisor-disjoint slots (null: none, or no `disjoint`). */
function prefixLength(q: Queue, disjoint: number | undefined, index: SlotIndex): number | null {
  if (disjoint === undefined) return null;
  return disjointPrefixLength(
    q.best.map((m) => index.get(m.slotId)!),
    disjoint,
  );
}

/**
 * The ids a participant asks for this round (none once settled): the next batch, cut where the
 * bounds fall below the score their list is settled above (the candidates are in bound order), so
 * no slot is read that the stopping rule already rules out. The cut is kept, not skipped: with
 * `disjoint` that score may fall after this round's slots are ranked, and the next round goes on from
 * there. A participant who asks nothing is settled for good (nothing more is ranked for them, so the
 * score stays). Slots read before are passed over: a participant asks every round from the first
 * until settled, and every round's slots are ranked for everyone asking in it, so those already
 * count in their best list. A batch of only such slots is done with, and the next one is taken.
 */
function nextAsk(q: Queue, kth: number, read: ReadonlySet<string>): string[] {
  const ids: string[] = [];
  while (ids.length === 0 && q.next < q.candidates.length) {
    const end = Math.min(q.candidates.length, q.next + q.size);
    for (; q.next < end && q.candidates[q.next]!.bound >= kth; q.next++) {
      const id = q.candidates[q.next]!.id;
      if (!read.has(id)) ids.push(id);
    }
    q.size *= 2;
    // Cut: what is left has bounds below that score (for now).
    if (q.next < end) break;
  }
  return ids;
}

/** Whole slots read in one D1 call at most (a batch of statements): about 1 KB each while held. */
const SLOTS_PER_CALL = 8000;

/**
 * `batch`: whole slots in a participant's first ask at least; `pageSize`: whole slots a statement
 * reads (a call batches several, and its slots are ranked together); `narrow`: narrow rows a call
 * and a statement bring (candidates.ts `candidateTerms`). Tests make them tiny to exercise the
 * rounds, the batches and the merging.
 */
export async function rankBoundedMany(
  db: Db,
  people: readonly ParticipantForMatching[],
  opts: RankOptions & { limit: number; disjoint?: number },
  {
    batch = FIRST_BATCH,
    pageSize = PAGE,
    narrow,
  }: { batch?: number; pageSize?: number; narrow?: TermsSizes } = {},
): Promise<{
  scores: Map<string, ScoredSlot[]>;
  slots: Map<string, CatalogSlot>;
  index: SlotIndex;
  /** With `disjoint`: some list reached `limit` slots without holding n disjoint ones. */
  capped: boolean;
}> {
  const limit = Number.isNaN(opts.limit) ? 0 : Math.max(0, Math.floor(opts.limit));
  const disjoint = opts.disjoint === undefined ? undefined : Math.max(0, Math.floor(opts.disjoint));
  const lists = limit === 0 ? people.map(() => []) : await boundsOfEach(db, people, opts.today, narrow);
  // The first ask as large as the list is expected to be (n slots at least with `disjoint`).
  const expected = disjoint === undefined ? limit : Math.min(limit, disjoint);
  const size = Math.max(batch, Math.min(expected * 2, 4 * batch));
  const queues: Queue[] = people.map((person, i) => ({
    person,
    candidates: lists[i]!,
    next: 0,
    size,
    best: [],
  }));
  // One index through the rounds: each call's slots are appended and ranked (only those rows), then
  // every slot no best list names is dropped, so between calls it holds the named slots alone (the
  // prefixes are worked out over them) and at the end exactly the union of the final lists.
  const index = new SlotIndex();
  const rankPage = (asking: readonly Queue[], page: readonly CatalogSlot[]) => {
    const fromRow = index.appendNew(page);
    for (const q of asking) {
      // Below the k-th best so far nothing can enter: the scan prunes from the start.
      const floor = q.best.length >= limit ? q.best[limit - 1]!.score : Number.NEGATIVE_INFINITY;
      q.best = mergeOnce(q.best, rankScores(index, q.person, { ...opts, limit, floor, fromRow }), limit);
    }
    const named = new Set<string>();
    for (const q of queues) for (const m of q.best) named.add(m.slotId);
    index.removeAll(index.ids.filter((id) => id !== '' && !named.has(id)));
  };
  // Every slot read so far: each participant still asking has been ranked over all of them.
  const read = new Set<string>();
  for (;;) {
    const asked = new Set<string>();
    const asking = queues.filter((q) => {
      const ids = nextAsk(q, settledAbove(q, limit, disjoint, index), read);
      for (const id of ids) asked.add(id);
      return ids.length > 0;
    });
    if (asking.length === 0) break;
    const unread = [...asked];
    for (const id of unread) read.add(id);
    // Ranked a call's worth at a time: each asking participant once per call, not once per statement.
    const perCall = Math.max(1, Math.floor(SLOTS_PER_CALL / pageSize)) * pageSize;
    for (let i = 0; i < unread.length; i += perCall)
      rankPage(asking, await slotsByIdInOneCall(db, unread.slice(i, i + perCall), pageSize));
  }
  // Each list cut to its final prefix, and the index to exactly their union.
  const scores = new Map<string, ScoredSlot[]>();
  let capped = false;
  for (const q of queues) {
    const length = prefixLength(q, disjoint, index);
    if (disjoint !== undefined && length === null && limit > 0 && q.best.length >= limit) capped = true;
    scores.set(q.person.id, length === null ? q.best : q.best.slice(0, length));
  }
  const kept = new Set<string>();
  for (const list of scores.values()) for (const m of list) kept.add(m.slotId);
  index.removeAll(index.ids.filter((id) => id !== '' && !kept.has(id)));
  const slots = new Map<string, CatalogSlot>();
  for (const slot of index.slots) if (slot) slots.set(slot.id, slot as CatalogSlot);
  return { scores, slots, index, capped };
}
