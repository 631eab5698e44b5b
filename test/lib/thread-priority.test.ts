/**
 * Background threads lower their own scheduling priority on Linux (src/adapters/threads/priority.ts):
 * the thread that calls it gets the nice value, the others (the request thread) keep theirs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lowerThreadPriority, threadId } from '../../src/adapters/threads/priority';

/** A thread's nice value from /proc (field 19 of its stat line, after the name in parentheses). */
const niceOf = (tid: number) => {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

describe.skipIf(!existsSync('/proc/thread-self'))('thread priority (Linux)', () => {
  it('lowers only the calling thread', async () => {
    const main = threadId()!;
    const before = niceOf(main);
    const source = `
      import('tsx/esm/api').then(async (tsx) => {
        tsx.register();
        const { parentPort } = await import('node:worker_threads');
        const p = await import(${JSON.stringify(new URL('../../src/adapters/threads/priority.ts', import.meta.url).href)});
        const lowered = p.lowerThreadPriority(7);
        parentPort.postMessage({ tid: p.threadId(), lowered });
        setTimeout(() => {}, 60000);
      });`;
    const worker = new Worker(source, { eval: true });
    try {
      const answer = await new Promise<{ tid: number; lowered: boolean }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(answer.lowered).toBe(true);
      expect(answer.tid).not.toBe(main);
      expect(niceOf(answer.tid)).toBe(7);
      expect(niceOf(main)).toBe(before);
    } finally {
      await worker.terminate();
    }
    // Zero changes nothing.
    expect(lowerThreadPriority(0)).toBe(false);
    expect(niceOf(main)).toBe(before);
  });
});
