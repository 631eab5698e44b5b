/**
 * When the Worker's bundle started evaluating: the entry imports this module first, so everything
 * else the bundle builds at import time runs after it (worker.ts reports the difference outside
 * production, in its timing header).
 */
export const evaluationStarted = Date.now();
