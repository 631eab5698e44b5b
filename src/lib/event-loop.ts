import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * CPU time of this process's main thread alone (the one that serves requests), in ms, where Linux
 * tells it (/proc; Node 20 has no per-thread CPU call), else undefined. Unlike `busyMs` it does not
 * grow while the thread waits for a core on a busy machine; unlike `cpuMs` it leaves out the
 * background thread and the garbage collector's helpers.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis start at field 3; utime and stime are 14 and 15,
    // in clock ticks (100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * How long this process's event loop was held, for `npm run load` (EVENT_LOOP_REPORT): on `signal`
 * one JSON line `{"eventLoop":{pid,maxMs,p99Ms,meanMs,cpuMs,busyMs,threadCpuMs}}` goes to stdout and the figures start
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
  let threadCpu = mainThreadCpuMs();
  process.on(signal, () => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const loop = performance.eventLoopUtilization(utilization);
    utilization = performance.eventLoopUtilization();
    const threadCpuNow = mainThreadCpuMs();
    const threadCpuMs =
      threadCpu === undefined || threadCpuNow === undefined ? undefined : threadCpuNow - threadCpu;
    threadCpu = threadCpuNow;
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
      // The CPU time of that thread alone (Linux; 10 ms resolution).
      threadCpuMs,
    };
    process.stdout.write(`${JSON.stringify({ eventLoop })}\n`);
    histogram.reset();
  });
}
