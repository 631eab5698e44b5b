import type { ScoreComponents } from './types';

/**
 * Weights of the score components; they sum to 1 so the score stays in 0..1. Change them here only.
 * The order mirrors what the coaches in DOMAIN.md put first: the participant's own wishes, then the
 * chance to grow in their own pace, then the practical fit.
 */
export const SCORE_WEIGHTS: Readonly<ScoreComponents> = Object.freeze({
  /** Strengths and interests named in the slot's title, tasks or occupation: IPS places by preference. */
  text: 0.4,
  /**
   * The slot can follow the ramp-up and reach the target hours: "mogna och utvecklas i sin takt".
   * Below what the person wants (issue #14: a bakery 1.2 km away must beat a car workshop with more
   * hours for someone who wants to bake).
   */
  growth: 0.12,
  /** Nice-to-have adaptations offered (must-haves are a hard constraint); in place beats can-arrange. */
  adaptations: 0.15,
  /** Open-ended or long placements and a path to a hire; short "karusell" placements fail this group. */
  duration: 0.12,
  /** Closer is better, relative to the participant's own travel limit. */
  distance: 0.1,
  /** Social intensity and physical demand as the participant prefers. */
  environment: 0.06,
  /** A supervisor who has taken the handledar course and has room. */
  supervisor: 0.05,
});
