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
      // First, at most two end-to-end files at once: each drives a browser, a host and often a
      // real agent CLI, and more of them side by side made the agents' own timing (paste
      // detection, start-up) miss on 2 cores. Each step gets room, so a slow moment shows up as
      // the step's own error, not as a bare test time-out.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      // Then the unit and integration tests, four files at once: they mostly wait (timers, fakes,
      // the agent CLIs thinking), and with two workers the whole suite used ~0.7 of a core.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
        },
      },
    ],
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
    fileParallelism: true,
    maxWorkers: 4,
    reporters: ['default'],
  },
});
