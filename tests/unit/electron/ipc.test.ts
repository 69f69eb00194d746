/** The IPC boundary: only our own page's main frame may call, and only with valid arguments. */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../src/api/contract';
import type { HostApi } from '../../../host/dispatch';
import { type InvokeEventLike, type IpcMainLike, isTrustedSender, registerIpcHandlers } from '../../../electron/ipc';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpc(): IpcMainLike & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
}

function fakeApi(): HostApi & { calls: string[] } {
  const calls: string[] = [];
  const record = (name: string, value: unknown) =>
    vi.fn(async (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
      return value;
    });
  return {
    calls,
    getSnapshot: record('getSnapshot', { revision: 1 }) as never,
    getChoices: record('getChoices', { sources: [], targets: [] }) as never,
    sendRequest: record('sendRequest', { ok: true, value: { traces: [] } }) as never,
    matchSelector: record('matchSelector', { ok: true, value: ['pod/pod-1'] }) as never,
    getReachability: record('getReachability', { ok: true, value: { sources: [], targets: [], outcomes: [], reasons: [] } }) as never,
    operate: record('operate', { ok: true, value: { revision: 2 } }) as never,
    openFolder: record('openFolder', { ok: true, value: { revision: 3 } }) as never,
    getRecentFolders: record('getRecentFolders', ['/a']) as never,
    readSource: record('readSource', { ok: true, value: { file: 'a.yaml', text: 'kind: Pod\n' } }) as never,
    getScenarios: record('getScenarios', { saved: [], lessons: [], problems: [] }) as never,
    saveScenario: record('saveScenario', { ok: true, value: { saved: [], lessons: [], problems: [] } }) as never,
    deleteScenario: record('deleteScenario', { ok: true, value: { saved: [], lessons: [], problems: [] } }) as never,
  };
}

const fromApp: InvokeEventLike = { senderFrame: { url: 'app://app/index.html', parent: null } };
const ORIGINS = ['app://app'];

describe('isTrustedSender', () => {
  it.each([
    ['app://app/index.html', null, true],
    ['app://app/', null, true],
    ['app://app/index.html', { url: 'app://app/' }, false], // a sub-frame
    ['app://app.evil.com/index.html', null, false], // prefix trick
    ['app://evil/index.html', null, false],
    ['https://app/index.html', null, false],
    ['file:///home/me/index.html', null, false],
    ['not a url', null, false],
  ])('%s (parent %j) → %s', (url, parent, trusted) => {
    expect(isTrustedSender({ senderFrame: { url, parent } }, ORIGINS)).toBe(trusted);
  });

  it('rejects an invoke whose frame is gone', () => {
    expect(isTrustedSender({ senderFrame: null }, ORIGINS)).toBe(false);
  });

  it('accepts the dev server origin only when it is listed', () => {
    const dev = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    expect(isTrustedSender(dev, ORIGINS)).toBe(false);
    expect(isTrustedSender(dev, [...ORIGINS, 'http://localhost:5173'])).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'http://localhost:5174/', parent: null } }, [...ORIGINS, 'http://localhost:5173'])).toBe(
      false,
    );
  });
});

describe('registerIpcHandlers', () => {
  it('handles one prefixed channel per API method', () => {
    const ipc = fakeIpc();
    registerIpcHandlers(ipc, fakeApi(), ORIGINS);
    // saveFile is the window's own handler (registerSaveFileHandler, tests/unit/electron/saveFile.test.ts).
    const expected = Object.entries(CHANNELS)
      .filter(([name]) => name !== 'snapshot' && name !== 'menuCommand' && name !== 'saveFile')
      .map(([, channel]) => channel);
    expect([...ipc.handlers.keys()].sort()).toEqual(expected.sort());
    for (const channel of ipc.handlers.keys()) expect(channel.startsWith('kube-traffic:')).toBe(true);
  });

  it('passes validated calls from our page through to the host', async () => {
    const ipc = fakeIpc();
    const api = fakeApi();
    registerIpcHandlers(ipc, api, ORIGINS);
    await expect(ipc.handlers.get(CHANNELS.matchSelector)!(fromApp, 'app=pod')).resolves.toEqual({ ok: true, value: ['pod/pod-1'] });
    await expect(ipc.handlers.get(CHANNELS.getRecentFolders)!(fromApp)).resolves.toEqual(['/a']);
    await expect(ipc.handlers.get(CHANNELS.getReachability)!(fromApp, { port: ' 80 ' })).resolves.toMatchObject({ ok: true });
    expect(api.calls).toEqual(['matchSelector("app=pod")', 'getRecentFolders()', 'getReachability({"port":"80"})']);
  });

  it('refuses calls from another origin or a sub-frame without reaching the host', async () => {
    const ipc = fakeIpc();
    const api = fakeApi();
    registerIpcHandlers(ipc, api, ORIGINS);
    const evil: InvokeEventLike = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const iframe: InvokeEventLike = { senderFrame: { url: 'app://app/index.html', parent: {} } };
    await expect(ipc.handlers.get(CHANNELS.openFolder)!(evil, '/etc')).rejects.toThrow(/untrusted sender \(https:\/\/evil.example\/\)/);
    await expect(ipc.handlers.get(CHANNELS.getSnapshot)!(iframe)).rejects.toThrow(/untrusted sender/);
    expect(api.calls).toEqual([]);
  });

  it('answers bad arguments with a refusal the renderer can show, and never calls the host', async () => {
    const ipc = fakeIpc();
    const api = fakeApi();
    registerIpcHandlers(ipc, api, ORIGINS);
    await expect(ipc.handlers.get(CHANNELS.sendRequest)!(fromApp, { from: 'external', to: 'svc/svc-1:9000', count: -4 })).resolves.toEqual({
      ok: false,
      error: 'request.count: Invalid value: -4: must be between 1 and 1000, inclusive',
    });
    await expect(ipc.handlers.get(CHANNELS.operate)!(fromApp, { op: 'format-disk' })).resolves.toMatchObject({ ok: false });
    await expect(ipc.handlers.get(CHANNELS.getReachability)!(fromApp, { namespace: 'x' })).resolves.toMatchObject({ ok: false });
    // Methods without a Result reject the call instead.
    await expect(ipc.handlers.get(CHANNELS.getChoices)!(fromApp, 'extra')).rejects.toThrow(/at most 0 arguments/);
    expect(api.calls).toEqual([]);
  });

  it('returns an unregister function that removes every handler', () => {
    const ipc = fakeIpc();
    const unregister = registerIpcHandlers(ipc, fakeApi(), ORIGINS);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});
