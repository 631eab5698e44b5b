/**
 * The README's example session runs as written from a fresh start: the block is taken from the
 * README, run by bash against a real server (`npm start`, embedded libSQL, a fresh database so the
 * demo is seeded), and every step answers the status its `# →` line states. `curl` is wrapped only
 * to note each status; the block itself is not changed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## An example session'));
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const expected = [...block.matchAll(/^# → (\d{3})/gm)].map((m) => Number(m[1]));

/** Notes each API call's status in $STATUS_LOG and passes the body on; the readiness wait is not a step. */
const curlWrapper = `
curl() {
  case "$*" in *"/health"*) command curl "$@"; return;; esac
  local out; out=$(command curl -w '\\n%{http_code}' "$@") || return
  printf '%s\\n' "\${out##*$'\\n'}" >> "$STATUS_LOG"
  printf '%s\\n' "\${out%$'\\n'*}"
}
`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'readme-session-'));
let child: ChildProcess | undefined;
afterAll(() => {
  // The block leaves the server running in the background: end its whole process group.
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the README example session', () => {
  it('states a status for each step', () => {
    expect(block).toContain('npm start');
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(block).not.toMatch(/'\{[^']*…[^']*'/); // no elided JSON in what is sent
  });

  it('runs as written from a fresh start, each step answering its stated status', async () => {
    const statusLog = join(dir, 'statuses');
    writeFileSync(join(dir, 'session.sh'), `set -euo pipefail\n${curlWrapper}\n${block}`);
    writeFileSync(statusLog, '');
    const port = await freePort();
    child = spawn('bash', [join(dir, 'session.sh')], {
      cwd: root,
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        DATABASE_URL: `file:${join(dir, 'registry.db')}`,
        LOG_LEVEL: 'warn',
        STATUS_LOG: statusLog,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    const statuses = readFileSync(statusLog, 'utf8').split('\n').filter(Boolean).map(Number);
    expect({ code, statuses }, output).toEqual({ code: 0, statuses: expected });
  }, 240_000);
});
