/**
 * The Workers suite: tests that run inside workerd (the Workers runtime) against the real Worker
 * entry (src/entry/worker.ts) and a local D1 database with db/migrations applied.
 * Run with `npx vitest run --config vitest.workers.config.ts` (part of `npm test`).
 */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('db/migrations');
  return {
    plugins: [
      cloudflareTest({
        main: './src/entry/worker.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // Override the production vars in wrangler.toml; D1 storage is in memory per run.
          bindings: {
            TEST_MIGRATIONS: migrations,
            NODE_ENV: 'test',
            LOG_LEVEL: 'silent',
            ADMIN_API_KEY: 'worker-test-admin-key-0123456789abcdef',
            // Tests drain the outbox explicitly (the cron handler), so results never depend on timing.
            OUTBOX_DRAIN_AFTER_WRITE: 'false',
            // wrangler also reads a developer's .dev.vars; blank every setting that reaches an outside
            // service, so tests never send mail or touch a real search index or database.
            RESEND_API_KEY: '',
            RESEND_BASE_URL: '',
            MEILISEARCH_URL: '',
            MEILISEARCH_API_KEY: '',
            TURSO_DATABASE_URL: '',
            TURSO_AUTH_TOKEN: '',
          },
        },
      }),
    ],
    test: {
      include: ['test/workers/**/*.test.ts'],
      setupFiles: ['./test/workers/apply-migrations.ts'],
      globalSetup: ['./test/workers/global-setup.ts'],
      testTimeout: 20_000,
      hookTimeout: 30_000,
    },
  };
});
