/**
 * Requests take turns on the event loop (src/adapters/http/turns.ts): first come, first served, and
 * the loop comes round between two turns, so a timer that fell due meanwhile runs before the next.
 */
import { describe, expect, it } from 'vitest';
import { turnTaker } from '../../src/adapters/http/turns';

/** Holds the thread as a request on the synchronous driver does. */
const hold = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy, as a statement running on this thread
  }
};

describe('turns', () => {
  it('lets each waiting caller go in the order it came, one per turn of the loop', async () => {
    const turn = turnTaker();
    const order: string[] = [];
    const request = async (name: string) => {
      await turn();
      order.push(name);
      hold(3);
    };
    const done = Promise.all(['a', 'b', 'c'].map(request));
    // Due after the first request's hold: it runs between two turns, not after all three.
    setTimeout(() => order.push('timer'), 1);
    await done;
    expect(order.filter((x) => x !== 'timer')).toEqual(['a', 'b', 'c']);
    expect(order.indexOf('timer')).toBeGreaterThan(0);
    expect(order.indexOf('timer')).toBeLessThan(3);
  });

  it('serves a caller that comes when none waits', async () => {
    const turn = turnTaker();
    await turn();
    await turn();
    const late: string[] = [];
    await Promise.all([turn().then(() => late.push('x')), turn().then(() => late.push('y'))]);
    expect(late).toEqual(['x', 'y']);
  });
});
