/**
 * One invocation takes on a bounded amount of outbox work (Workers cap queries per invocation);
 * what is left waits for the next cron run.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { drainUntilIdle } from '../../src/entry/worker';

/** An app whose outbox always has `due` rows left, counting the passes asked of it. */
function appWithBacklog(due: number) {
  const sizes: number[] = [];
  let left = due;
  const app = {
    drainOutbox: async ({ batchSize = 50 }: { batchSize?: number } = {}) => {
      sizes.push(batchSize);
      const claimed = Math.min(batchSize, left);
      left -= claimed;
      return { claimed, done: claimed, retried: 0, failed: 0 };
    },
  };
  return { app: app as unknown as App, sizes };
}

describe('drainUntilIdle', () => {
  it('stops after its passes even when more is due', async () => {
    const { app, sizes } = appWithBacklog(10_000);
    const result = await drainUntilIdle(app);
    expect(sizes.length).toBe(8);
    expect(result.claimed).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(result.claimed).toBeLessThan(10_000);
  });

  it('stops at the first short pass: nothing more is due', async () => {
    const { app, sizes } = appWithBacklog(30);
    expect((await drainUntilIdle(app)).claimed).toBe(30);
    expect(sizes.length).toBe(2);
  });

  it('after a write, runs one pass', async () => {
    const { app, sizes } = appWithBacklog(10_000);
    await drainUntilIdle(app, { passes: 1 });
    expect(sizes.length).toBe(1);
  });
});
