import { defineConfig } from 'vitest/config';

/** Tests of hostile input run in processes whose heap is capped, as the audit asks: a blow-up fails them, not the machine. */
const HOSTILE = ['tests/unit/load/**/*.test.ts', 'tests/unit/cli/hostileFolder.test.ts', 'tests/unit/cluster/podBudget.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    // The host's engine worker runs built JavaScript: bundle it once for tests that run host/ from sources.
    globalSetup: ['tests/setup/bundleEngineWorker.ts'],
    setupFiles: ['tests/setup/useEngineWorker.ts'],
    testTimeout: 60_000,
    passWithNoTests: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/output/results/vitest.json' },
    projects: [
      {
        extends: true,
        test: { name: 'hostile-input', include: HOSTILE, execArgv: ['--max-old-space-size=1536'] },
      },
      {
        // A process-wide --max-old-space-size would override the engine worker's own heap budget
        // (V8's flag wins over a worker's resourceLimits), so everything else runs uncapped, as the app does.
        extends: true,
        test: { name: 'engine', include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts'], exclude: HOSTILE },
      },
    ],
  },
});
