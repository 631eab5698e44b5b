/**
 * Baselines to judge the min-cost-flow allocation against: a greedy pass and the same problem as a
 * linear program in CPLEX LP format (for HiGHS). The network matrix is totally unimodular, so the LP
 * optimum is integral and equals the best allocation.
 */
import type { AllocationProblem } from '../../src/matching';
import { SCORE_SCALE } from '../../src/matching';

/**
 * Take eligible pairs from the highest score down, each one if the participant is still free, the
 * slot has a place and one of its supervisors (first in id order) has room. Returns the total score.
 */
export function greedyTotal(problem: AllocationProblem): { total: number; assigned: number } {
  const { pairParticipant, pairSlot, pairScore } = problem;
  const order = Array.from(pairScore.keys()).sort(
    (a, b) =>
      pairScore[b]! - pairScore[a]! ||
      pairParticipant[a]! - pairParticipant[b]! ||
      pairSlot[a]! - pairSlot[b]!,
  );
  const placed = new Uint8Array(problem.participantIds.length);
  const places = problem.slots.map((s) => s.freePlaces);
  const room = problem.supervisors.map((s) => s.room);
  let micro = 0;
  let assigned = 0;
  for (const k of order) {
    const p = pairParticipant[k]!;
    const s = pairSlot[k]!;
    if (placed[p] || places[s]! <= 0) continue;
    const sup = problem.slots[s]!.supervisors.find((u) => room[u]! > 0);
    if (sup === undefined) continue;
    placed[p] = 1;
    places[s]!--;
    room[sup]!--;
    micro += pairScore[k]!;
    assigned++;
  }
  return { total: micro / SCORE_SCALE, assigned };
}

/** Write `terms` as LP-format lines of a few terms each (HiGHS reads continuation lines). */
function sum(terms: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(`  ${terms.slice(i, i + 8).join(' + ')}`);
  return lines.join('\n   + ').replace(/\+ -/g, '- ');
}

/**
 * The allocation as an LP: x_k ∈ [0, 1] per eligible pair, y_{s,u} ≥ 0 per slot–supervisor edge.
 * Maximise Σ score·x subject to one slot per participant, places per slot, slot flow = supervisor
 * flow, and room per supervisor.
 */
export function allocationLp(problem: AllocationProblem): string {
  const { pairParticipant, pairSlot, pairScore } = problem;
  const byParticipant = problem.participantIds.map(() => [] as string[]);
  const bySlot = problem.slots.map(() => [] as string[]);
  const objective: string[] = [];
  for (let k = 0; k < pairScore.length; k++) {
    objective.push(`${pairScore[k]! / SCORE_SCALE} x${k}`);
    byParticipant[pairParticipant[k]!]!.push(`x${k}`);
    bySlot[pairSlot[k]!]!.push(`x${k}`);
  }
  const bySupervisor = problem.supervisors.map(() => [] as string[]);
  const rows: string[] = [];
  byParticipant.forEach((xs, p) => {
    if (xs.length > 0) rows.push(` p${p}:\n${sum(xs)} <= 1`);
  });
  problem.slots.forEach((slot, s) => {
    const ys = slot.supervisors.map((u) => {
      bySupervisor[u]!.push(`y${s}_${u}`);
      return `-1 y${s}_${u}`;
    });
    rows.push(` cap${s}:\n${sum(bySlot[s]!)} <= ${slot.freePlaces}`);
    rows.push(` flow${s}:\n${sum([...bySlot[s]!, ...ys])} = 0`);
  });
  problem.supervisors.forEach((sup, u) => {
    if (bySupervisor[u]!.length > 0) rows.push(` room${u}:\n${sum(bySupervisor[u]!)} <= ${sup.room}`);
  });
  return `Maximize\n obj:\n${sum(objective)}\nSubject To\n${rows.join('\n')}\nEnd\n`;
}
