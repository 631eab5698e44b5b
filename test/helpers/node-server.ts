/**
 * The real Node server (src/entry/node.ts) as a child process, for tests that must kill it: it listens
 * on a free port (PORT=0) and the port is read from its start line. `call` speaks to it over HTTP with
 * the same shape as the test app's, so the factories work against it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_KEY } from './app';
import { type Call, typedCall } from './call';

const root = join(import.meta.dirname, '..', '..');

export interface NodeServer {
  base: string;
  call: Call;
  /** Everything it wrote, for a failing test's message. */
  output(): string;
  /** SIGKILL: no shutdown handler runs, as when the machine or the process dies. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
  /** Sends a signal (e.g. SIGUSR2 for the event-loop report of EVENT_LOOP_REPORT). */
  signal(name: NodeJS.Signals): void;
}

export async function startNodeServer(env: Record<string, string>): Promise<NodeServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      ADMIN_API_KEY: ADMIN_KEY,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /registry on (http:\/\/localhost:\d+)/.exec(out);
      if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
  });

  const call = typedCall((path, init) => fetch(`${base}${path}`, init), ADMIN_KEY);

  return {
    base,
    call,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    signal(name) {
      child.kill(name);
    },
  };
}
