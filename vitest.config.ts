import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // each file gets its own databases; two workers fit the machines this runs on
    maxWorkers: 2,
    fileParallelism: true,
  },
});
