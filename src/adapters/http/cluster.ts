/**
 * Several Node processes serving one port (node:cluster), for NODE_PROCESSES > 1. The embedded libSQL
 * driver runs every statement on its process's event loop, so one process uses one core; over one
 * database file in WAL mode, readers never wait for each other and writers wait for the write lock
 * (busy timeout). What each process keeps to itself stays correct: its resident matching index
 * follows the slot change log, cached keys are dropped when the auth revision moves, rate limits are
 * counted in the database, and outbox rows are claimed with a lease by one process at a time.
 *
 * The primary prepares the database (migrations, demo seed) before any worker starts, then only
 * forks, restarts a worker that dies, passes on SIGUSR2 (the event-loop report) and shuts down.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../../lib/logger';

export const isClusterWorker = () => cluster.isWorker;

export function runWorkers(
  count: number,
  logger: Logger,
  onAllListening: (port: number | undefined) => void,
): void {
  let stopping = false;
  let listening = 0;
  const fork = () => cluster.fork();
  cluster.on('listening', (_worker: Worker, address) => {
    listening++;
    if (listening === count) onAllListening(address.port);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A worker that was told to stop (Ctrl-C reaches the whole process group, and a worker may act on
    // it before this process does) is not replaced: the server is stopping. Restarting it then forked
    // workers whose output went to a reader that had gone (EPIPE).
    if (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') return shutdown();
    logger.error('server process exited; starting another', { pid: worker.process.pid, code, signal });
    fork();
  });
  for (let i = 0; i < count; i++) fork();

  const workers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  process.on('SIGUSR2', () => {
    for (const w of workers()) w.process.kill('SIGUSR2');
  });
  function shutdown() {
    if (stopping) return;
    stopping = true;
    for (const w of workers()) w.process.kill('SIGTERM');
    let left = workers().length;
    if (left === 0) process.exit(0);
    cluster.on('exit', () => {
      left--;
      if (left <= 0) process.exit(0);
    });
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
