/**
 * Ranking speed of the matching engine: build an index of 10,000 and 100,000 open slots spread over
 * Sweden, then rank 1,000 varied participants against it and report per-ranking latency.
 * Target (DESIGN-NOTES): p99 < 5 ms per ranking at 100,000 slots. Prints figures; asserts nothing.
 *
 * Two views, both wall time: one pass over the participants (what a caller waits), and per
 * participant the best of three passes (the ranking's own cost, without the moments the process was
 * preempted or a collection landed in the call). On a shared 2-core machine the one-pass tail mostly
 * measures the other processes, so the load average is printed next to it.
 *   npx tsx bench/matching-engine.ts
 */
import { buildSlotIndex, rankParticipant } from '../src/matching';
import { GENERATOR_TODAY, generateParticipants, generateSlot, generateSlots } from './lib/generate';
import { createRng } from './lib/random';
import { isMain, loadAverage, round3, type Summary, settleHeap, summarize, timed } from './lib/stats';

export interface RankingFigures {
  slots: number;
  buildMs: number;
  /** Per-ranking wall time over the measured participants, one pass. */
  rankMs: Summary;
  /**
   * Per participant, the best wall time of BEST_OF passes: what a ranking costs when the process is
   * not preempted and no collection lands in it (the other processes on a shared machine are gone).
   */
  rankBestOfMs: Summary;
  meanResults: number;
  /** Keeping the index current: replace a slot (upsert of a changed slot) or remove one. */
  upsertMs: Summary;
  removeMs: Summary;
  loadAverage: number;
}

const BEST_OF = 3;

export interface MatchingEngineFigures {
  participants: number;
  limit: number;
  runs: RankingFigures[];
}

export function run(
  opts: { sizes?: number[]; participants?: number; limit?: number } = {},
): MatchingEngineFigures {
  const sizes = opts.sizes ?? [10_000, 100_000];
  const participantCount = opts.participants ?? 1_000;
  const limit = opts.limit ?? 20;
  const participants = generateParticipants(participantCount, { seed: 2 });
  const warmUp = generateParticipants(300, { seed: 99 });
  const runs = sizes.map((size) => {
    const slots = generateSlots(size, { seed: 1 });
    settleHeap();
    const { result: index, ms: buildMs } = timed(() => buildSlotIndex(slots));
    const rankOpts = { limit, today: GENERATOR_TODAY };
    for (const p of warmUp) rankParticipant(index, p, rankOpts);
    settleHeap();

    let results = 0;
    const wall: number[] = [];
    for (const p of participants) {
      const t = timed(() => rankParticipant(index, p, rankOpts));
      results += t.result.length;
      wall.push(t.ms);
    }
    const best = wall.map((ms, i) => {
      let min = ms;
      for (let k = 1; k < BEST_OF; k++)
        min = Math.min(min, timed(() => rankParticipant(index, participants[i]!, rankOpts)).ms);
      return min;
    });
    const load = loadAverage();

    // Follow a stream of changes: replace random slots with new content, remove and re-add others.
    const rng = createRng(7);
    const upserts: number[] = [];
    const removes: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const id = slots[rng.int(0, slots.length - 1)]!.id;
      const changed = generateSlot(rng, id);
      upserts.push(timed(() => index.upsert(changed)).ms);
      removes.push(timed(() => index.remove(id)).ms);
      index.upsert(changed);
    }
    return {
      slots: size,
      buildMs: round3(buildMs),
      rankMs: summarize(wall),
      rankBestOfMs: summarize(best),
      meanResults: round3(results / participants.length),
      upsertMs: summarize(upserts),
      removeMs: summarize(removes),
      loadAverage: load,
    };
  });
  return { participants: participantCount, limit, runs };
}

function print(f: MatchingEngineFigures): void {
  console.log(`Ranking ${f.participants} participants (top ${f.limit}) — milliseconds per ranking`);
  console.table(
    f.runs.flatMap((r) => [
      {
        slots: r.slots,
        clock: 'one pass',
        p50: r.rankMs.p50,
        p95: r.rankMs.p95,
        p99: r.rankMs.p99,
        max: r.rankMs.max,
        mean: r.rankMs.mean,
        'build ms': r.buildMs,
        'results/ranking': r.meanResults,
        'load avg': r.loadAverage,
      },
      {
        slots: r.slots,
        clock: `best of ${BEST_OF}`,
        p50: r.rankBestOfMs.p50,
        p95: r.rankBestOfMs.p95,
        p99: r.rankBestOfMs.p99,
        max: r.rankBestOfMs.max,
        mean: r.rankBestOfMs.mean,
      },
    ]),
  );
  console.log('Keeping the index current (ms per change):');
  console.table(
    f.runs.map((r) => ({
      slots: r.slots,
      'upsert p50': r.upsertMs.p50,
      'upsert p99': r.upsertMs.p99,
      'upsert max': r.upsertMs.max,
      'remove p50': r.removeMs.p50,
      'remove p99': r.removeMs.p99,
    })),
  );
}

if (isMain(import.meta.url)) print(run());
