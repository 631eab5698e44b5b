import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How long this process's event loop was held, for `npm run load` (EVENT_LOOP_REPORT): on `signal`
 * one JSON line `{"eventLoop":{pid,maxMs,p99Ms,meanMs,cpuMs}}` goes to stdout and the figures start afresh,
 * so the runner can measure each phase. The local libSQL driver runs statements on the event loop,
 * so `maxMs` is the longest time one request kept every other request waiting (within 5 ms).
 */
export function reportEventLoopDelay(signal: NodeJS.Signals = 'SIGUSR2') {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  let cpu = process.cpuUsage();
  process.on(signal, () => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const eventLoop = {
      pid: process.pid,
      maxMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      meanMs: ms(histogram.mean),
      // CPU time this process used since the last report: per request, it does not grow while the
      // process waits for a core on a busy machine, unlike latencies.
      cpuMs: Math.round((used.user + used.system) / 1000),
    };
    process.stdout.write(`${JSON.stringify({ eventLoop })}\n`);
    histogram.reset();
  });
}
