import { defineConfig } from 'vitest/config';

// One runner for everything `npm test` runs: unit and integration tests under test/ (mirroring
// the source tree) and the browser end-to-end tests under e2e/. Every test is time-boxed; files
// run in separate forks so a PTY or server left by one cannot leak into another.
export default defineConfig({
  test: {
    pool: 'forks',
    // The real agent CLIs live in the test-only package test/agents; installed on first use.
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], testTimeout: 30_000 } },
      // Browser, host and agent processes share 2 cores with the unit tests: give each step room,
      // so a slow moment shows up as the step's own error, not as a bare test time-out.
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 120_000 } },
    ],
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
