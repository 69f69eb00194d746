import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    passWithNoTests: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/output/results/vitest.json' },
  },
});
