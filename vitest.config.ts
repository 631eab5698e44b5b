import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/workers/**', 'node_modules/**'],
    // Each test file opens its own libSQL database file; files run in parallel workers.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
