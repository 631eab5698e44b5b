/**
 * Allocation at the scale of a region: 1,000 participants competing for 10,000 slots (capacity 1–3,
 * supervisor room 1–3), mostly in the same cities. Reports the min-cost-flow time, the gain over a
 * greedy baseline, and a cross-check against HiGHS solving the same problem as an LP in the same
 * process. Targets: allocation < 5 s and faster than HiGHS. Prints figures; asserts nothing.
 *   npx tsx bench/allocation.ts
 */
import { buildAllocationProblem, solveAllocation } from '../src/matching';
import { allocationLp, greedyTotal } from './lib/allocation-baselines';
import { GENERATOR_TODAY, generateParticipants, generateSlots } from './lib/generate';
import { isMain, loadAverage, round3, timed } from './lib/stats';

export interface AllocationFigures {
  label: string;
  /** 1-minute load average when the scenario finished (the machine is shared). */
  loadAverage: number;
  participants: number;
  slots: number;
  eligiblePairs: number;
  /** Eligibility and scores for every pair (the matching engine), then the flow itself. */
  pairsMs: number;
  flowMs: number;
  assigned: number;
  totalScore: number;
  greedy: { ms: number; totalScore: number; assigned: number; gainPercent: number };
  highs: {
    lpBuildMs: number;
    solveMs: number;
    status: string;
    objective: number;
    /** |HiGHS − flow| / flow */
    relativeDifference: number;
    sameOptimum: boolean;
    /** HiGHS solve time ÷ flow time */
    timeRatio: number;
  } | null;
}

/** The required instance, and a scarcer one where greedy choices cost more. */
export const SCENARIOS = [
  { label: 'region: 1,000 participants, 10,000 slots', participants: 1_000, slots: 10_000 },
  { label: 'scarce places: 1,000 participants, 1,500 slots', participants: 1_000, slots: 1_500 },
];

export async function run(scenarios = SCENARIOS): Promise<AllocationFigures[]> {
  const figures: AllocationFigures[] = [];
  for (const scenario of scenarios) figures.push(await runScenario(scenario));
  return figures;
}

async function runScenario(opts: {
  label: string;
  participants: number;
  slots: number;
}): Promise<AllocationFigures> {
  const participantCount = opts.participants;
  const slotCount = opts.slots;
  const slots = generateSlots(slotCount, { seed: 11 });
  const participants = generateParticipants(participantCount, { seed: 12 });

  const { result: problem, ms: pairsMs } = timed(() =>
    buildAllocationProblem(participants, slots, { today: GENERATOR_TODAY }),
  );
  const { result, ms: flowMs } = timed(() => solveAllocation(problem));
  const { result: greedy, ms: greedyMs } = timed(() => greedyTotal(problem));

  let highs: AllocationFigures['highs'] = null;
  try {
    const solver = await (await import('highs')).default();
    const { result: lp, ms: lpBuildMs } = timed(() => allocationLp(problem));
    const { result: solution, ms: solveMs } = timed(() => solver.solve(lp, { output_flag: false }));
    const objective = solution.ObjectiveValue;
    const relativeDifference = Math.abs(objective - result.totalScore) / Math.max(1e-12, result.totalScore);
    highs = {
      lpBuildMs: round3(lpBuildMs),
      solveMs: round3(solveMs),
      status: solution.Status,
      objective,
      relativeDifference,
      sameOptimum: solution.Status === 'Optimal' && relativeDifference <= 1e-6,
      timeRatio: round3(solveMs / flowMs),
    };
  } catch (error) {
    console.error('HiGHS could not solve the LP:', error);
  }

  return {
    label: opts.label,
    loadAverage: loadAverage(),
    participants: participantCount,
    slots: slotCount,
    eligiblePairs: problem.pairScore.length,
    pairsMs: round3(pairsMs),
    flowMs: round3(flowMs),
    assigned: result.assignments.length,
    totalScore: result.totalScore,
    greedy: {
      ms: round3(greedyMs),
      totalScore: round3(greedy.total),
      assigned: greedy.assigned,
      gainPercent: round3((100 * (result.totalScore - greedy.total)) / greedy.total),
    },
    highs,
  };
}

function print(f: AllocationFigures): void {
  console.log(
    `Allocation, ${f.label}: ${f.eligiblePairs} eligible pairs (load average ${f.loadAverage})\n` +
      `  eligible pairs + scores   ${f.pairsMs} ms\n` +
      `  min-cost flow             ${f.flowMs} ms   → ${f.assigned} placed, total score ${f.totalScore}\n` +
      `  greedy baseline           ${f.greedy.ms} ms   → ${f.greedy.assigned} placed, total score ${f.greedy.totalScore}` +
      `   (flow gains ${f.greedy.gainPercent} %)`,
  );
  if (f.highs) {
    console.log(
      `  HiGHS LP                  build ${f.highs.lpBuildMs} ms, solve ${f.highs.solveMs} ms → ${f.highs.status}, ` +
        `objective ${f.highs.objective}\n` +
        `  same optimum: ${f.highs.sameOptimum} (relative difference ${f.highs.relativeDifference.toExponential(2)}); ` +
        `HiGHS solve time ÷ flow time = ${f.highs.timeRatio}`,
    );
  } else console.log('  HiGHS: no result (see error above)');
}

if (isMain(import.meta.url)) for (const f of await run()) print(f);
