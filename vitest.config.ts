import { defineConfig } from 'vitest/config';

// One runner for everything `npm test` runs: unit and integration tests under test/ (mirroring
// the source tree) and the browser end-to-end tests under e2e/. Every test is time-boxed; files
// run in separate forks so a PTY or server left by one cannot leak into another.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'e2e/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
