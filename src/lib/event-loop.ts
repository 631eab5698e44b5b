import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * How long this process's event loop was held, for `npm run load` (EVENT_LOOP_REPORT): on `signal`
 * one JSON line `{"eventLoop":{pid,maxMs,p99Ms,meanMs,cpuMs,busyMs}}` goes to stdout and the figures start
 * afresh, so the runner can measure each phase. The local libSQL driver runs statements on the event
 * loop, so `maxMs` is the longest time the loop was held in one go (within 5 ms): one long request, or
 * the requests that arrived together, each run to its end.
 */
export function reportEventLoopDelay(signal: NodeJS.Signals = 'SIGUSR2') {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  let cpu = process.cpuUsage();
  let utilization = performance.eventLoopUtilization();
  process.on(signal, () => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const loop = performance.eventLoopUtilization(utilization);
    utilization = performance.eventLoopUtilization();
    const eventLoop = {
      pid: process.pid,
      maxMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      meanMs: ms(histogram.mean),
      // CPU time this process used since the last report: per request, it does not grow while the
      // process waits for a core on a busy machine, unlike latencies.
      cpuMs: Math.round((used.user + used.system) / 1000),
      // How long this thread's event loop was busy (not waiting for I/O or timers): what requests cost
      // the thread that serves them. CPU time above counts every thread, the background one too.
      busyMs: Math.round(loop.active),
    };
    process.stdout.write(`${JSON.stringify({ eventLoop })}\n`);
    histogram.reset();
  });
}
