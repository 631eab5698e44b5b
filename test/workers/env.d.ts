/**
 * Types for the `cloudflare:test` module, limited to what this suite uses. The project is typed for
 * Node (tsconfig.json), and loading @cloudflare/workers-types globally would clash with those types,
 * so the few runtime shapes used here are declared locally.
 */
declare module 'cloudflare:test' {
  import type { D1DatabaseLike } from '../../src/adapters/db/d1';

  export interface D1Migration {
    name: string;
    queries: string[];
  }

  interface TestEnv {
    DB: D1DatabaseLike;
    TEST_MIGRATIONS: D1Migration[];
    [setting: string]: unknown;
  }

  interface TestExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
    props: unknown;
  }

  export const env: TestEnv;
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export function applyD1Migrations(db: D1DatabaseLike, migrations: D1Migration[]): Promise<void>;
  export function createExecutionContext(): TestExecutionContext;
  export function waitOnExecutionContext(ctx: TestExecutionContext): Promise<void>;
}
