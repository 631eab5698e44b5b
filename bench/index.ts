/**
 * `npm run bench`: every benchmark, each in a fresh process so one's heap and JIT state do not
 * colour the next, after a header naming the machine. Prints figures; asserts nothing.
 *   npm run bench              all of them
 *   npm run bench -- search    only those whose file name contains "search"
 */
import { spawnSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

const benches = [
  'matching-engine',
  'matching-http',
  'allocation',
  'search',
  'occupations',
  'judged',
  'worker',
  'pages',
  'reports',
];
const only = process.argv.slice(2);
const selected = only.length ? benches.filter((b) => only.some((o) => b.includes(o))) : benches;

const cpu = cpus();
console.log(
  `Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM ` +
    `(${Math.round(freemem() / 2 ** 30)} free), Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);

let failed = false;
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
