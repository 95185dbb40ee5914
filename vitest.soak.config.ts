import { defineConfig } from 'vitest/config';

// `npm run test:soak`: longer runs of the real headless host (about two minutes in all), kept out
// of `npm test`. One file at a time: each measures a host process's memory and must not share
// the two cores with another soak.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['soak/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
