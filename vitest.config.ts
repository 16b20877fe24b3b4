import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One private PostgreSQL cluster and one demo target database for the whole run.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: keep load-generating files from starving each other.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
