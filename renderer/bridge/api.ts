/**
 * The renderer's only way to the engine: `window.kubeTraffic` from the Electron preload, or the
 * same interface over HTTP when the page is served by browser mode. Tests may install their own
 * implementation on `window.kubeTraffic` (Playwright addInitScript) before the app starts.
 */
import type { KubeTrafficApi } from '../../src/api/contract';
import { createHttpApi } from './httpApi';

export type ApiMode = 'electron' | 'browser';

let cached: KubeTrafficApi | null = null;

export function getApi(): KubeTrafficApi {
  if (cached) return cached;
  cached = typeof window !== 'undefined' && window.kubeTraffic ? window.kubeTraffic : createHttpApi();
  return cached;
}

/**
 * Electron can show a folder dialog and read dropped folders' paths; a browser can do neither, so
 * there the UI asks for a typed path instead.
 */
export function apiMode(): ApiMode {
  return typeof getApi().pathForFile === 'function' ? 'electron' : 'browser';
}

/** For tests: forget the chosen implementation. */
export function resetApiForTests(): void {
  cached = null;
}
