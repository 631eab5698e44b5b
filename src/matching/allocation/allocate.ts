/**
 * Optimal allocation of participants to slots: maximum TOTAL score subject to one slot per
 * participant, a slot's free places, and each supervisor's free room. Solved as a min-cost flow:
 *
 *   T → participant (cap 1) → slot-in (cost −score×10⁶) → slot-out (cap free places)
 *     → each of the slot's supervisors with room (cap free places) → supervisor → T (cap room)
 *
 * where T is the merged source/sink (see min-cost-flow.ts). Participants are offered in id order and
 * a unit is only pushed when it raises the total, so the result maximises the total score rather than
 * the number placed: placing one more person by moving others to clearly worse slots is not done.
 * Pairs scoring 0 add nothing and are never used.
 */
import { compareIds } from '../rank';
import type { SlotIndex } from '../slot-index';
import type { MatchOptions, ParticipantForMatching, Reason, SlotForMatching, UnassignedCode } from '../types';
import { FlowNetwork, IncrementalMinCostFlow } from './min-cost-flow';
import {
  type AllocationProblem,
  buildAllocationProblem,
  buildAllocationProblemOver,
  SCORE_SCALE,
} from './problem';

export interface Assignment {
  participantId: string;
  slotId: string;
  /** The slot's supervisor whose room this placement uses. */
  supervisorId: string;
  score: number;
}

export interface AllocationResult {
  /** Sorted by participant id. */
  assignments: Assignment[];
  unassigned: { participantId: string; reason: Reason<UnassignedCode> }[];
  /** Sum of the assigned scores, rounded to 4 decimals. */
  totalScore: number;
}

export function allocate(
  participants: readonly ParticipantForMatching[],
  slots: readonly SlotForMatching[],
  opts: MatchOptions,
): AllocationResult {
  return solveAllocation(buildAllocationProblem(participants, slots, opts));
}

/** `allocate` over the slots an index holds (a caller that has them compiled already). */
export function allocateOver(
  participants: readonly ParticipantForMatching[],
  index: SlotIndex,
  opts: MatchOptions,
): AllocationResult {
  return solveAllocation(buildAllocationProblemOver(participants, index, opts));
}

export function solveAllocation(problem: AllocationProblem): AllocationResult {
  const { participantIds, slots, supervisors, pairParticipant, pairSlot, pairScore } = problem;
  const P = participantIds.length;
  const S = slots.length;
  const terminal = 0;
  const participantNode = (p: number) => 1 + p;
  const slotInNode = (s: number) => 1 + P + s;
  const slotOutNode = (s: number) => 1 + P + S + s;
  const supervisorNode = (u: number) => 1 + P + 2 * S + u;
  const slotSupervisorEdges = slots.reduce((n, s) => n + s.supervisors.length, 0);
  const net = new FlowNetwork(
    1 + P + 2 * S + supervisors.length,
    P + pairScore.length + S + slotSupervisorEdges + supervisors.length,
  );

  // Edges are added in reverse of the order we want them searched (adjacency lists are LIFO).
  const entryEdge = new Int32Array(P);
  for (let p = 0; p < P; p++) entryEdge[p] = net.addEdge(terminal, participantNode(p), 1, 0);
  const pairEdge = new Int32Array(pairScore.length);
  for (let k = pairScore.length - 1; k >= 0; k--) {
    pairEdge[k] = net.addEdge(
      participantNode(pairParticipant[k]!),
      slotInNode(pairSlot[k]!),
      1,
      -pairScore[k]!,
    );
  }
  const supervisorEdges = slots.map((slot, s) => {
    net.addEdge(slotInNode(s), slotOutNode(s), slot.freePlaces, 0);
    return [...slot.supervisors]
      .reverse()
      .map((u) => ({ u, edge: net.addEdge(slotOutNode(s), supervisorNode(u), slot.freePlaces, 0) }))
      .reverse();
  });
  supervisors.forEach((sup, u) => {
    net.addEdge(supervisorNode(u), terminal, sup.room, 0);
  });

  const flow = new IncrementalMinCostFlow(net, terminal);
  for (let p = 0; p < P; p++) flow.offerUnit(entryEdge[p]!);

  return readResult(problem, net, pairEdge, supervisorEdges);
}

function readResult(
  problem: AllocationProblem,
  net: FlowNetwork,
  pairEdge: Int32Array,
  supervisorEdges: { u: number; edge: number }[][],
): AllocationResult {
  const { participantIds, slots, supervisors, pairParticipant, pairSlot, pairScore } = problem;
  const eligibleCount = new Int32Array(participantIds.length);
  const slotOf = new Int32Array(participantIds.length).fill(-1);
  const scoreOf = new Int32Array(participantIds.length);
  for (let k = 0; k < pairScore.length; k++) {
    const p = pairParticipant[k]!;
    eligibleCount[p]!++;
    if (net.flow(pairEdge[k]!) > 0) {
      slotOf[p] = pairSlot[k]!;
      scoreOf[p] = pairScore[k]!;
    }
  }

  // Hand each slot's supervisor units to its participants, both in id order.
  const supervisorOf = new Map<number, string>();
  const bySlot = new Map<number, number[]>();
  slotOf.forEach((s, p) => {
    if (s < 0) return;
    const members = bySlot.get(s);
    if (members) members.push(p);
    else bySlot.set(s, [p]);
  });
  for (const [s, members] of bySlot) {
    const units: string[] = [];
    for (const { u, edge } of supervisorEdges[s]!) {
      for (let i = 0; i < net.flow(edge); i++) units.push(supervisors[u]!.id);
    }
    members.forEach((p, i) => {
      supervisorOf.set(p, units[i]!);
    });
  }

  const assignments: Assignment[] = [];
  const unassigned: AllocationResult['unassigned'] = [];
  let totalMicro = 0;
  participantIds.forEach((participantId, p) => {
    const s = slotOf[p]!;
    if (s >= 0) {
      totalMicro += scoreOf[p]!;
      assignments.push({
        participantId,
        slotId: slots[s]!.id,
        supervisorId: supervisorOf.get(p)!,
        score: scoreOf[p]! / SCORE_SCALE,
      });
    } else if (eligibleCount[p] === 0) {
      unassigned.push({ participantId, reason: { code: 'no_eligible_slot', params: {} } });
    } else {
      unassigned.push({
        participantId,
        reason: { code: 'places_taken', params: { eligibleSlots: eligibleCount[p]! } },
      });
    }
  });
  assignments.sort((a, b) => compareIds(a.participantId, b.participantId));
  return { assignments, unassigned, totalScore: Math.round(totalMicro / 100) / 10_000 };
}
