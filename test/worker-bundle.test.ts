/**
 * The Worker bundles for Cloudflare exactly as `wrangler deploy` would, without Node APIs:
 * wrangler.toml has no `nodejs_compat`, so any `node:` import anywhere in the Worker's import graph
 * (e.g. src/adapters/db/libsql.ts reaching it by mistake) fails this test, not a deployment.
 * Runs in the Node suite because it drives the wrangler CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const outdir = mkdtempSync(join(tmpdir(), 'se-registry-worker-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the Worker bundle', () => {
  it('builds with `wrangler deploy --dry-run` and imports nothing from Node', () => {
    const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
    const run = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', outdir], {
      encoding: 'utf8',
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('env.DB');

    const bundle = readFileSync(join(outdir, 'worker.js'), 'utf8');
    expect(bundle.match(/(?:from|import|require\()\s*["']node:[\w/]+["']/g) ?? []).toEqual([]);
    const gzipKiB = gzipSync(bundle).length / 1024;
    console.log(`worker.js: ${(bundle.length / 1024).toFixed(0)} KiB, ${gzipKiB.toFixed(0)} KiB gzipped`);
    // Workers allow 3 MiB (free) / 10 MiB (paid) compressed; flag growth long before that.
    expect(gzipKiB).toBeLessThan(1024);
  }, 120_000);
});
