/**
 * Ranking speed of the matching engine: build an index of 10,000 and 100,000 open slots spread over
 * Sweden, then rank 1,000 varied participants against it and report per-ranking latency.
 * Target (DESIGN-NOTES): p99 < 5 ms per ranking at 100,000 slots. Prints figures; asserts nothing.
 *
 * Two clocks: wall time (what a caller waits) and CPU time of the process (what the ranking costs;
 * it does not grow while the process waits for a core). On a shared 2-core machine the wall-time
 * tail mostly measures the other processes, so the load average is printed too.
 *   npx tsx bench/matching-engine.ts
 */
import { buildSlotIndex, rankParticipant } from '../src/matching';
import { GENERATOR_TODAY, generateParticipants, generateSlot, generateSlots } from './lib/generate';
import { createRng } from './lib/random';
import {
  isMain,
  loadAverage,
  round3,
  type Summary,
  settleHeap,
  summarize,
  timed,
  timedBoth,
} from './lib/stats';

export interface RankingFigures {
  slots: number;
  buildMs: number;
  /** Per-ranking wall time and CPU time over the measured participants. */
  rankMs: Summary;
  rankCpuMs: Summary;
  meanResults: number;
  /** Keeping the index current: replace a slot (upsert of a changed slot) or remove one. */
  upsertMs: Summary;
  removeMs: Summary;
  loadAverage: number;
}

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
    const cpu: number[] = [];
    for (const p of participants) {
      const t = timedBoth(() => rankParticipant(index, p, rankOpts));
      results += t.result.length;
      wall.push(t.ms);
      cpu.push(t.cpu);
    }
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
      rankCpuMs: summarize(cpu),
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
        clock: 'wall',
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
        clock: 'cpu',
        p50: r.rankCpuMs.p50,
        p95: r.rankCpuMs.p95,
        p99: r.rankCpuMs.p99,
        max: r.rankCpuMs.max,
        mean: r.rankCpuMs.mean,
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
