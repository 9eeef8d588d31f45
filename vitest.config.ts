import { defineConfig } from 'vitest/config';

// One runner for everything; each workspace is a project so `--project server` can be run alone.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['core/src/**/*.test.ts'] } },
      { test: { name: 'contracts', include: ['contracts/src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          globalSetup: ['server/src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      { test: { name: 'cli', include: ['cli/src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, globalSetup: ['server/src/test/global-setup.ts'] } },
      // The eval tests walk every labelled message.
      { test: { name: 'eval', include: ['eval/src/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
