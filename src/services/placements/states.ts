/**
 * The placement state machine, in one table.
 *
 *   proposed ──accept──▶ accepted ──start──▶ started ──end──▶ ended
 *      │                    │
 *      ├──decline──▶ declined
 *      └──withdraw─▶ withdrawn ◀──withdraw──┘
 *
 * - A proposal uses nothing: many handlers may propose for the last place.
 * - `accept` takes a place on the slot and room with one supervisor (the contested step).
 * - `start` keeps them; `withdraw` after acceptance and `end` free them at once.
 * - `decline` and `withdraw` from `proposed` free nothing, as nothing was held.
 * - declined, withdrawn and ended are final. Anything else answers 409 (illegal transition).
 *
 * Who moves what: the provider side (handlers and admins of the participant's organization)
 * proposes, withdraws, starts and ends; the employer side (employer, enterprise and admin roles of
 * the slot's organization) accepts, declines, starts (either side may record the first day) and may
 * withdraw an acceptance before the start. Only the provider side ends, because the outcome
 * (work, studies, job-seeking…) is the follow-up the provider reports.
 */
import type { PlacementState } from '../../../db/schema';

export type Side = 'provider' | 'employer';
export type Action = 'accept' | 'decline' | 'withdraw' | 'start' | 'end';
/** What a transition does to the slot's places and the supervisor's room. */
export type PlaceEffect = 'take' | 'release' | 'none';

/** Where a transition can lead: every state but the first. */
export type TargetState = Exclude<PlacementState, 'proposed'>;

export interface Transition {
  from: PlacementState;
  to: TargetState;
  effect: PlaceEffect;
  sides: readonly Side[];
}

export const transitions: Record<Action, readonly Transition[]> = {
  accept: [{ from: 'proposed', to: 'accepted', effect: 'take', sides: ['employer'] }],
  decline: [{ from: 'proposed', to: 'declined', effect: 'none', sides: ['employer'] }],
  withdraw: [
    { from: 'proposed', to: 'withdrawn', effect: 'none', sides: ['provider'] },
    { from: 'accepted', to: 'withdrawn', effect: 'release', sides: ['provider', 'employer'] },
  ],
  start: [{ from: 'accepted', to: 'started', effect: 'none', sides: ['provider', 'employer'] }],
  end: [{ from: 'started', to: 'ended', effect: 'release', sides: ['provider'] }],
};

/** States in which a placement holds a place and a supervisor's room. */
export const holdingStates: readonly PlacementState[] = ['accepted', 'started'];
/** States that still lead somewhere (the unique index allows one per participant and slot). */
export const liveStates: readonly PlacementState[] = ['proposed', 'accepted', 'started'];

export const targetState: Record<Action, TargetState> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
  start: 'started',
  end: 'ended',
};

/** The transition an action makes from a state, or undefined when it is illegal there. */
export const transitionFrom = (action: Action, state: PlacementState) =>
  transitions[action].find((t) => t.from === state);

/**
 * Which follow-along records a placement that was in `state` may have: hours are recorded only on
 * started (or ended) placements and check-ins from acceptance on (records.ts), and states only move
 * forward, so one that was proposed has neither, and one that was accepted no hours. A move's answer
 * reads only those it may have.
 */
export const recordsAfter = (state: PlacementState) => ({
  hours: state !== 'proposed' && state !== 'accepted',
  checkIns: state !== 'proposed',
});
export type PossibleRecords = ReturnType<typeof recordsAfter>;
