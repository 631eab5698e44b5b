/**
 * Requests take turns on the event loop: each starts in a loop iteration of its own. The embedded
 * driver runs statements synchronously, so a request runs from its start to its first real wait
 * (usually its end) in one go; requests that arrived together used to run back to back in one poll
 * phase, holding timers and other sockets for the sum of them (50 requests of 2 ms: 100 ms). Taking
 * turns, the loop comes round between two requests: timers fire, answers are written, new requests
 * are read, so what holds the loop is one request, not the crowd. The order stays first come, first
 * served, and a turn costs one `setImmediate`.
 */
export function turnTaker() {
  const waiting: (() => void)[] = [];
  let scheduled = false;

  const next = () => {
    waiting.shift()?.();
    // Immediates queued while this one runs wait for the next iteration of the loop.
    if (waiting.length) setImmediate(next);
    else scheduled = false;
  };

  /** Resolves when it is this caller's turn. */
  return function turn(): Promise<void> {
    return new Promise((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
  };
}
