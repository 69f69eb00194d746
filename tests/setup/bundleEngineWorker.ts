/**
 * Vitest global setup: the host starts its engine worker from a built script (out/node/host or
 * out/main), but unit tests run host/ from TypeScript. So the worker is bundled once per run, with
 * rolldown (the bundler electron-vite uses), into a temporary file the tests' setup file points the
 * host at (tests/setup/useEngineWorker.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'rolldown';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    engineWorkerScript: string;
  }
}

export default async function bundleEngineWorker(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-engine-worker-'));
  const file = path.join(dir, 'engineWorker.js');
  await build({
    input: path.resolve(__dirname, '../../host/engineWorker.ts'),
    platform: 'node',
    logLevel: 'warn',
    output: { file, format: 'cjs' },
  });
  project.provide('engineWorkerScript', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
