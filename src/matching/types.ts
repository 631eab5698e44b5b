/**
 * Inputs and outputs of the matching engine. Field names mirror the database columns so the service
 * layer can map rows onto them without renaming; the engine itself never touches the database.
 */
import type { AdaptationCode, Level, SlotKind } from '../domain/vocabulary';
import type { Interval } from '../lib/schedule';

export interface SupervisorForMatching {
  id: string;
  maxParticipants: number;
  activePlacements: number;
  trained: boolean;
}

export interface SlotForMatching {
  id: string;
  organizationId: string;
  title: string;
  description: string;
  tasks: string[];
  occupationLabel: string;
  ssyk: string | null;
  kind: SlotKind;
  status: 'open' | 'paused' | 'closed';
  lat: number;
  lon: number;
  /** Free places = capacity - taken. */
  capacity: number;
  taken: number;
  supervisors: SupervisorForMatching[];
  /** Supervised windows in minutes of the week, sorted and disjoint. */
  schedule: Interval[];
  /** Hours per week the slot can offer. */
  hoursMin: number;
  hoursMax: number;
  openEnded: boolean;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string | null;
  adaptations: { code: AdaptationCode; status: 'in_place' | 'can_arrange' }[];
  socialIntensity: Level;
  physicalDemand: Level;
  leadsToHire: boolean;
  /** Strength codes the work suits ("careful"): a participant naming one meets the slot by it. */
  suits?: readonly string[];
}

export interface ParticipantForMatching {
  id: string;
  strengths: string[];
  interests: string[];
  avoid: string[];
  availability: Interval[];
  hoursNow: number;
  hoursTarget: number;
  /** Planned steps up, in weeks after the start; may be empty. */
  rampUp: { afterWeeks: number; hoursPerWeek: number }[];
  adaptationNeeds: { code: AdaptationCode; priority: 'must' | 'nice' }[];
  lat: number;
  lon: number;
  maxTravelKm: number;
  preferences: { socialIntensity?: Level; physicalDemand?: Level; kinds?: SlotKind[] };
}

/** Why a slot fails a hard constraint; each is listed by `explain`. */
export type FailureCode =
  | 'slot_not_open'
  | 'no_free_place'
  | 'no_supervisor_room'
  | 'must_adaptation_missing'
  | 'too_few_overlapping_hours'
  | 'slot_minimum_above_current_hours'
  | 'too_far'
  | 'kind_not_wanted'
  | 'avoided_task';

/** What fits. */
export type FitCode =
  | 'strengths_match'
  | 'interests_match'
  | 'can_grow'
  | 'ramp_up_fits'
  | 'adaptations_offered'
  | 'open_ended'
  | 'open_ended_leads_to_hire'
  | 'long_term'
  | 'leads_to_hire'
  | 'distance'
  | 'environment_fits'
  | 'trained_supervisor';

/** What is missing. */
export type GapCode =
  | 'no_interest_match'
  | 'target_out_of_reach'
  | 'ramp_up_step_not_possible'
  | 'adaptations_missing'
  | 'short_term'
  | 'environment_mismatch'
  | 'avoid_conflict'
  | 'supervisor_not_trained';

/** Why the allocation left a participant without a slot. */
export type UnassignedCode = 'no_eligible_slot' | 'places_taken';

export type ReasonCode = FailureCode | FitCode | GapCode | UnassignedCode;
export type ReasonParams = Record<string, string | number | string[]>;

/** A reason is data: a code plus parameters, rendered into Swedish or English by `renderReason`. */
export interface Reason<C extends ReasonCode = ReasonCode> {
  code: C;
  params: ReasonParams;
}

export interface ScoreComponents {
  text: number;
  growth: number;
  adaptations: number;
  duration: number;
  distance: number;
  environment: number;
  supervisor: number;
}

export interface Match {
  slotId: string;
  participantId: string;
  /** Weighted sum of the components, 0..1, rounded to 4 decimals. */
  score: number;
  components: ScoreComponents;
  distanceKm: number;
  /** Hours per week in both the slot's supervised windows and the participant's availability. */
  overlapHours: number;
  reasons: Reason<FitCode>[];
  gaps: Reason<GapCode>[];
}

export type Explanation =
  | { eligible: true; match: Match }
  | { eligible: false; failures: Reason<FailureCode>[] };

export interface MatchOptions {
  /** YYYY-MM-DD; the engine never reads the clock, so "today" is always passed in. */
  today: string;
}

export interface RankOptions extends MatchOptions {
  /** Most results to return, best first (default 50). */
  limit?: number;
}
