/** Vitest setup file: the host's engine worker is the bundle tests/setup/bundleEngineWorker.ts built. */
import { inject } from 'vitest';
import { setDefaultEngineWorkerScript } from '../../host/engineThread';

setDefaultEngineWorkerScript(inject('engineWorkerScript'));
