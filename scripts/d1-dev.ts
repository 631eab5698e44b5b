/**
 * `npm run dev:worker`: the Worker on this machine, in workerd, against a local D1 database.
 *
 * 1. Writes .dev.vars (git-ignored; overrides the production [vars] of wrangler.toml) with
 *    development settings and a generated ADMIN_API_KEY, unless it exists.
 * 2. Applies db/migrations to the local D1 (`wrangler d1 migrations apply DB --local`).
 * 3. Seeds the demo registry into the local D1 if it is empty, through the app's own services over
 *    wrangler's platform proxy, and prints the demo keys.
 * 4. Runs `wrangler dev`; extra arguments are passed on (`npm run dev:worker -- --port 8788`).
 *    Cron runs locally on request: `curl http://127.0.0.1:8787/__scheduled`.
 *
 * `--prepare-only` stops after step 3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getPlatformProxy } from 'wrangler';
import { type D1DatabaseLike, openD1 } from '../src/adapters/db/d1';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { demoKeys, isEmpty, seedDemo } from '../src/demo/seed';
import { randomToken } from '../src/lib/crypto';
import { createLogger } from '../src/lib/logger';

const devVarsPath = '.dev.vars';
const wranglerBin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
// No request.cf lookup (the app does not use it; it needs the internet) and no usage metrics.
const wranglerEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? 'false',
  WRANGLER_SEND_METRICS: process.env.WRANGLER_SEND_METRICS ?? 'false',
};

function wrangler(args: string[]) {
  const run = spawnSync(process.execPath, [wranglerBin, ...args], { stdio: 'inherit', env: wranglerEnv });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

function readDevVars(): Record<string, string> {
  if (!existsSync(devVarsPath)) {
    writeFileSync(
      devVarsPath,
      [
        '# Local settings for `wrangler dev`; they override [vars] in wrangler.toml. Git-ignored.',
        '# Written by `npm run dev:worker`; edit freely.',
        'NODE_ENV=development',
        'LOG_LEVEL=info',
        `ADMIN_API_KEY=dev-admin-${randomToken(24)}`,
        '',
      ].join('\n'),
    );
    console.log(`Wrote ${devVarsPath} with a new ADMIN_API_KEY.`);
  }
  const vars: Record<string, string> = {};
  for (const line of readFileSync(devVarsPath, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (m) vars[m[1]!] = m[2]!;
  }
  return vars;
}

async function seedIfEmpty(vars: Record<string, string>) {
  const proxy = await getPlatformProxy<{ DB: D1DatabaseLike }>({ configPath: 'wrangler.toml' });
  try {
    const db = openD1(proxy.env.DB);
    const config = loadConfig({ ...vars, NODE_ENV: 'development' });
    const app = createApp({ config, db, logger: createLogger('warn') });
    const fresh = await isEmpty(db);
    if (fresh) console.log('\nSeeding the demo registry into the local D1 (first run only; about a minute)…');
    const keys = fresh ? await seedDemo(app.services) : await demoKeys(app.services);
    // Index the demo slots (and keep its mails) now rather than at the first cron run; retries wait.
    if (fresh) while ((await app.drainOutbox()).claimed > 0);
    if (keys.length) {
      console.log(`\nDemo keys (${fresh ? 'just seeded' : 'already there'}; local D1 only):`);
      for (const k of keys)
        console.log(`  ${k.role.padEnd(11)} ${k.key.padEnd(28)} ${k.person}, ${k.organization}`);
    }
  } finally {
    await proxy.dispose();
  }
}

const vars = readDevVars();
wrangler(['d1', 'migrations', 'apply', 'DB', '--local']);
await seedIfEmpty(vars);
console.log(`\nADMIN_API_KEY (from ${devVarsPath}): ${vars.ADMIN_API_KEY ?? '(not set)'}`);

if (!process.argv.includes('--prepare-only')) {
  const extra = process.argv.slice(2).filter((a) => a !== '--prepare-only');
  wrangler(['dev', '--ip', '127.0.0.1', '--test-scheduled', ...extra]);
}
