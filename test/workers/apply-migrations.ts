/**
 * Runs in workerd before each test file: applies db/migrations (read on the Node side by
 * vitest.workers.config.ts) to the test D1 database. Applied migrations are recorded, so files that
 * share the database apply each one once.
 */
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
