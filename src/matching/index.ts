/** Public API of the matching engine: a pure module (no I/O, no clock; "today" is passed in). */
export {
  type AllocationResult,
  type Assignment,
  allocate,
  allocateOver,
  solveAllocation,
} from './allocation/allocate';
export { disjointPrefixLength } from './allocation/disjoint-prefix';
export {
  type AllocationProblem,
  buildAllocationProblem,
  buildAllocationProblemOver,
  SCORE_SCALE,
} from './allocation/problem';
export { type SlotBoundFields, scoreBound, storedTextNeedles, textNeedles } from './bound';
export { type Language, messages, renderReason } from './messages';
export {
  compareIds,
  explain,
  mergeRankings,
  rankCandidates,
  rankParticipant,
  rankScores,
  rankSlots,
  type ScoredSlot,
} from './rank';
export { type Reach, reachOf } from './reach';
export { buildSlotIndex, SlotIndex } from './slot-index';
export type * from './types';
export { SCORE_WEIGHTS } from './weights';
