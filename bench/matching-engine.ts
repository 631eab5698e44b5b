/**
 * Ranking speed of the matching engine: build an index of 10,000 and 100,000 open slots spread over
 * Sweden, then rank 1,000 varied participants against it and report per-ranking latency.
 * Target (DESIGN-NOTES): p99 < 5 ms per ranking at 100,000 slots. Prints figures; asserts nothing.
 *   npx tsx bench/matching-engine.ts
 */
import { buildSlotIndex, rankParticipant } from '../src/matching';
import { GENERATOR_TODAY, generateParticipants, generateSlot, generateSlots } from './lib/generate';
import { createRng } from './lib/random';
import { isMain, round3, type Summary, summarize, timed } from './lib/stats';

export interface RankingFigures {
  slots: number;
  buildMs: number;
  /** Per-ranking latency over the measured participants. */
  rankMs: Summary;
  meanResults: number;
  /** Latency of keeping the index current: one upsert (changed slot) or remove + re-add. */
  upsertMs: Summary;
  removeMs: Summary;
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
  const warmUp = generateParticipants(200, { seed: 99 });
  const runs = sizes.map((size) => {
    const slots = generateSlots(size, { seed: 1 });
    const { result: index, ms: buildMs } = timed(() => buildSlotIndex(slots));
    const opts = { limit, today: GENERATOR_TODAY };
    for (const p of warmUp) rankParticipant(index, p, opts);

    let results = 0;
    const times = participants.map((p) => {
      const { result, ms } = timed(() => rankParticipant(index, p, opts));
      results += result.length;
      return ms;
    });

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
      rankMs: summarize(times),
      meanResults: round3(results / participants.length),
      upsertMs: summarize(upserts),
      removeMs: summarize(removes),
    };
  });
  return { participants: participantCount, limit, runs };
}

function print(f: MatchingEngineFigures): void {
  console.log(`Ranking ${f.participants} participants (top ${f.limit}) — ms per ranking`);
  console.table(
    f.runs.map((r) => ({
      slots: r.slots,
      'build ms': r.buildMs,
      p50: r.rankMs.p50,
      p95: r.rankMs.p95,
      p99: r.rankMs.p99,
      max: r.rankMs.max,
      mean: r.rankMs.mean,
      'results/ranking': r.meanResults,
      'upsert p99': r.upsertMs.p99,
      'remove p99': r.removeMs.p99,
    })),
  );
}

if (isMain(import.meta.url)) print(run());
