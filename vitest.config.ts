import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts'],
    environment: 'node',
    // The host's engine worker runs built JavaScript: bundle it once for tests that run host/ from sources.
    globalSetup: ['tests/setup/bundleEngineWorker.ts'],
    setupFiles: ['tests/setup/useEngineWorker.ts'],
    testTimeout: 60_000,
    passWithNoTests: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/output/results/vitest.json' },
  },
});
