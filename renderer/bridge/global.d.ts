import type { KubeTrafficApi } from '../../src/api/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode (renderer/bridge/api.ts falls back to HTTP). */
    kubeTraffic?: KubeTrafficApi;
  }
}

export {};
