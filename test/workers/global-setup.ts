/**
 * Runs in Node before the Workers suite: migrates a fresh libSQL file with the same migrator the
 * Node entry uses for Turso (`npm run migrate`), and serves it over libSQL's HTTP protocol (see
 * ./hrana-server.ts), so the suite can run the Worker against "Turso" as well as D1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateLibsql, openLibsql } from '../../src/adapters/db/libsql';
import { FAKE_RESEND_KEY, startFakeResend } from '../helpers/fake-resend';
import { startHranaServer } from './hrana-server';

export const TURSO_TEST_TOKEN = 'turso-test-token';

declare module 'vitest' {
  export interface ProvidedContext {
    tursoUrl: string;
    tursoToken: string;
    /** The stand-in for Resend's API (test/helpers/fake-resend.ts), driven over HTTP by flows/mail.ts. */
    resendUrl: string;
    resendKey: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'se-registry-turso-'));
  const url = `file:${join(dir, 'turso.db')}`;
  const database = await openLibsql(url);
  await migrateLibsql(database);
  database.close();

  const server = await startHranaServer(url, TURSO_TEST_TOKEN);
  project.provide('tursoUrl', server.url);
  project.provide('tursoToken', TURSO_TEST_TOKEN);
  const resend = await startFakeResend();
  project.provide('resendUrl', resend.url);
  project.provide('resendKey', FAKE_RESEND_KEY);
  return async () => {
    await server.close();
    await resend.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
