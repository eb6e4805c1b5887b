import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: main-process code runs in Node with the real SQLite and the
// real engine; renderer code runs in happy-dom with a fake client.
export default defineConfig({
  test: {
    // Two test files at a time where there are two cores (vitest's default leaves one core idle): the
    // engine tests run llama.cpp on one thread each, so two of them share two cores without contention.
    maxWorkers: Math.max(1, Math.min(2, os.availableParallelism())),
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['main/**/*.test.ts', 'scripts/**/*.test.ts', 'preload/**/*.test.ts', 'test/**/*.test.ts'],
          // Engine and CLI tests spawn processes and load models: give them room,
          // and keep files in separate processes so a native crash stays contained.
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['test/globalSetup.ts'],
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          setupFiles: ['renderer/src/test/setupI18n.ts'],
        },
      },
    ],
  },
});
