/** The preload's bridge: exactly KubeTrafficApi, one channel per method, no IPC objects leaking out. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type KubeTrafficApi } from '../../../src/api/contract';

const exposed = new Map<string, unknown>();
/** What the preload put on `window.kubeTraffic`. */
const bridge = (): KubeTrafficApi => exposed.get('kubeTraffic') as KubeTrafficApi;
const invoked: unknown[][] = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve('answer');
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
  },
  webUtils: {
    getPathForFile: (file: { fakePath?: string }) => {
      if (!file.fakePath) throw new Error('not a File');
      return file.fakePath;
    },
  },
}));

beforeAll(async () => {
  await import('../../../electron/preload');
});

describe('preload', () => {
  it('exposes one object, window.kubeTraffic, with exactly the API methods', () => {
    expect([...exposed.keys()]).toEqual(['kubeTraffic']);
    expect(Object.keys(bridge()).sort()).toEqual(
      [
        'deleteScenario',
        'getChoices',
        'getReachability',
        'getRecentFolders',
        'getScenarios',
        'getSnapshot',
        'matchSelector',
        'onMenuCommand',
        'onSnapshot',
        'openFolder',
        'operate',
        'pathForFile',
        'readSource',
        'saveScenario',
        'saveFile',
        'sendRequest',
      ].sort(),
    );
    for (const value of Object.values(bridge())) expect(typeof value).toBe('function');
  });

  it('each method invokes its own channel with its argument', async () => {
    const api = bridge();
    invoked.length = 0;
    await api.getSnapshot();
    await api.sendRequest({ from: 'external', to: 'svc/svc-1:9000', count: 1 });
    await api.matchSelector('app=pod');
    await api.operate({ op: 'cordon', node: 'k8s-node1' });
    await api.openFolder('/x');
    await api.getChoices();
    await api.getRecentFolders();
    await api.getReachability({ from: 'pod=a', port: '80' });
    await api.readSource('3-clusterip/pod-1.yaml');
    await api.getScenarios();
    await api.saveScenario({ name: 'a', from: 'external', to: 'svc/svc-1:9000', count: 2 });
    await api.deleteScenario('a');
    await api.saveFile({ suggestedName: 'map.svg', data: '<svg/>', mimeType: 'image/svg+xml' });
    expect(invoked).toEqual([
      [CHANNELS.getSnapshot],
      [CHANNELS.sendRequest, { from: 'external', to: 'svc/svc-1:9000', count: 1 }],
      [CHANNELS.matchSelector, 'app=pod'],
      [CHANNELS.operate, { op: 'cordon', node: 'k8s-node1' }],
      [CHANNELS.openFolder, '/x'],
      [CHANNELS.getChoices],
      [CHANNELS.getRecentFolders],
      [CHANNELS.getReachability, { from: 'pod=a', port: '80' }],
      [CHANNELS.readSource, '3-clusterip/pod-1.yaml'],
      [CHANNELS.getScenarios],
      [CHANNELS.saveScenario, { name: 'a', from: 'external', to: 'svc/svc-1:9000', count: 2 }],
      [CHANNELS.deleteScenario, 'a'],
      [CHANNELS.saveFile, { suggestedName: 'map.svg', data: '<svg/>', mimeType: 'image/svg+xml' }],
    ]);
  });

  it('listeners get the payload only, never the IPC event, and unsubscribe really removes them', () => {
    const api = bridge();
    const seen: unknown[][] = [];
    const off = api.onSnapshot((...args: unknown[]) => seen.push(args));
    const offMenu = api.onMenuCommand!((...args: unknown[]) => seen.push(args));
    const fakeEvent = { sender: 'ipcRenderer itself' };
    for (const fn of listeners.get(CHANNELS.snapshot)!) fn(fakeEvent, { revision: 7 });
    for (const fn of listeners.get(CHANNELS.menuCommand)!) fn(fakeEvent, 'play-pause');
    expect(seen).toEqual([[{ revision: 7 }], ['play-pause']]);
    off();
    offMenu();
    expect(listeners.get(CHANNELS.snapshot)!.size).toBe(0);
    expect(listeners.get(CHANNELS.menuCommand)!.size).toBe(0);
  });

  it('pathForFile gives a dropped item’s path, or "" for something that is not a file', () => {
    const api = bridge();
    expect(api.pathForFile!({ fakePath: '/home/me/cluster' })).toBe('/home/me/cluster');
    expect(api.pathForFile!({})).toBe('');
  });
});
