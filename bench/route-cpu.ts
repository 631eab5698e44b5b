/**
 * `npx tsx bench/route-cpu.ts`: the server's CPU per request for ONE kind of request at a time, on
 * the demo registry, measured from outside as `npm run load` does (the same server child, the same
 * client): the request thread's CPU and every thread's (the search and outbox threads too) per
 * request. `npm run load` gives the mix; this says which route costs what inside it. CPU time does not
 * grow while the server waits for a core, so the figures hold better than latencies on a busy machine.
 * Asserts nothing.
 *
 *   npx tsx bench/route-cpu.ts [--port 18850] [--seconds 5] [--connections 20] [--only slots,search]
 *     [--from registry.db]
 *   (kinds: health, slot, slots, matches, search, patch, pairs (a proposal and its decline or
 *   withdrawal), mix)
 *   SERVER_ARGS='--cpu-prof --cpu-prof-dir=prof' npx tsx bench/route-cpu.ts --only patch
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type LoadRequest, runPhase, type Script } from './lib/load-client';
import {
  HANDLER,
  LOAD_SEARCHES,
  mixedScript,
  pairOfUser,
  prepareWorkload,
  proposalPair,
  slotWrite,
} from './lib/load-mix';
import { buildLoadRegistry, LOAD_ADMIN_KEY, LOAD_EMPLOYER_KEY } from './lib/load-registry';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '18850' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    only: { type: 'string' },
    /**
     * Also each thread's CPU per request (Linux /proc of the server: main, search, outbox, V8's
     * helpers), and its read calls and KiB read per request.
     */
    threads: { type: 'boolean', default: false },
    /** A registry file to run on (copied first), e.g. the 100,000-slot one `npm run load` keeps. */
    from: { type: 'string' },
  },
});

/**
 * Read system calls and bytes of one thread so far (/proc/…/io; zeros where it cannot be read). A
 * database connection reads a page from the operating system when it is not in its page cache, which
 * SQLite drops whole when another connection has committed: reads per request show it (the request
 * thread's figure also counts its socket reads).
 */
function threadReads(pid: number, tid: string): { syscr: number; rchar: number } {
  try {
    const io = readFileSync(`/proc/${pid}/task/${tid}/io`, 'utf8');
    return {
      syscr: Number(/syscr: (\d+)/.exec(io)?.[1] ?? 0),
      rchar: Number(/rchar: (\d+)/.exec(io)?.[1] ?? 0),
    };
  } catch {
    return { syscr: 0, rchar: 0 };
  }
}

/** CPU ms of each thread of process `pid` by thread id, with its name and reads (Linux; empty elsewhere). */
function threadCpu(pid: number): Map<string, { name: string; ms: number; syscr: number; rchar: number }> {
  const out = new Map<string, { name: string; ms: number; syscr: number; rchar: number }>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ms: (Number(fields[11]) + Number(fields[12])) * 10, ...threadReads(pid, tid) });
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

interface Report {
  cpuMs: number;
  threadCpuMs?: number;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'se-route-cpu-'));
  const file = join(dir, 'load.db');
  if (args.from) copyFileSync(args.from, file);
  else await buildLoadRegistry(file, 0, new Date().toISOString().slice(0, 10));
  const child = spawn(
    process.execPath,
    [...(process.env.SERVER_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/entry/node.ts'],
    {
      env: {
        LOG_LEVEL: 'warn',
        NODE_PROCESSES: '1',
        ...process.env,
        PORT: args.port,
        DATABASE_URL: `file:${file}`,
        ADMIN_API_KEY: LOAD_ADMIN_KEY,
        SEED_DEMO: 'false',
        EVENT_LOOP_REPORT: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let reports: Report[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (process.env.SERVER_STDOUT) appendFileSync(process.env.SERVER_STDOUT, chunk);
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('{"eventLoop"'))
        reports.push((JSON.parse(line) as { eventLoop: Report }).eventLoop);
    }
  });
  const origin = `http://127.0.0.1:${args.port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const up = await fetch(`${origin}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 600) throw new Error('the server did not answer /health within a minute');
      await new Promise((r) => setTimeout(r, 100));
    }
    const report = async () => {
      reports = [];
      child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 300));
      return reports[0];
    };
    const w = await prepareWorkload(origin, args.from ? [LOAD_EMPLOYER_KEY] : []);
    const connections = Number(args.connections);
    const get = (route: string, path: string): LoadRequest => ({ route, method: 'GET', path, key: HANDLER });
    const pick = <T>(xs: readonly T[], u: number, step: number) => xs[(u * 7 + step) % xs.length]!;
    const scripts: Record<string, Script> = {
      health: async (send) => {
        await send({ route: 'health', method: 'GET', path: '/health' });
      },
      slot: async (send, u, s) => {
        await send(get('slot', `/v1/slots/${pick(w.readable, u, s)}`));
      },
      slots: async (send) => {
        await send(get('slots', '/v1/slots?limit=20'));
      },
      matches: async (send, u, s) => {
        await send(get('matches', `/v1/participants/${pick(w.participants, u, s)}/matches?limit=10`));
      },
      search: async (send, u, s) => {
        await send(get('search', `/v1/slots/search${pick(LOAD_SEARCHES, u, s)}`));
      },
      patch: async (send, u, s) => {
        await send(slotWrite(w.owned[u % w.owned.length]!, s));
      },
      // A proposal and its answer, as in the mix (two requests: the CPU per request is half a pair's),
      // each user its own participant–slot pair; the outbox work they cause is in the all-threads figure.
      pairs: async (send, u, s) => {
        const { participant, slot } = pairOfUser(w, u);
        await proposalPair(send, participant, slot, s);
      },
      mix: mixedScript(w, connections),
    };
    // Matching loads its index and the JIT settles.
    await runPhase(origin, 10, 2, scripts.mix!);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      '| requests | req/s | request thread CPU ms/req | all threads CPU ms/req | runner CPU ms/req | errors |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [name, script] of Object.entries(scripts)) {
      if (args.only && !args.only.split(',').includes(name)) continue;
      await report();
      const before = threadCpu(child.pid!);
      const phase = await runPhase(origin, connections, Number(args.seconds), script);
      const r = await report();
      const n = Math.max(1, phase.overall.requests);
      if (args.threads) {
        const parts: string[] = [];
        for (const [tid, t] of threadCpu(child.pid!)) {
          const ms = t.ms - (before.get(tid)?.ms ?? 0);
          const reads = t.syscr - (before.get(tid)?.syscr ?? 0);
          const kb = (t.rchar - (before.get(tid)?.rchar ?? 0)) / 1024;
          if (ms > 0)
            parts.push(
              `${tid === String(child.pid) ? 'main' : `${t.name}#${tid}`} ${(ms / n).toFixed(3)} (reads/req ${(reads / n).toFixed(2)}, KiB/req ${(kb / n).toFixed(1)})`,
            );
        }
        console.log(`  ${name} threads (ms/req): ${parts.join(', ')}`);
      }
      const thread = r?.threadCpuMs === undefined ? '–' : (r.threadCpuMs / n).toFixed(3);
      const all = r ? (r.cpuMs / n).toFixed(3) : '–';
      console.log(
        `| ${name} | ${phase.overall.perSecond} | ${thread} | ${all} | ${phase.runnerCpuMs.toFixed(3)} | ${phase.overall.errors} |`,
      );
    }
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
