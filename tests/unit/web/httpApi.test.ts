/** The renderer's browser-mode bridge: the same KubeTrafficApi, spoken over HTTP and SSE. */
import { describe, expect, it } from 'vitest';
import { createHttpApi } from '../../../renderer/bridge/httpApi';

function snapshot(revision: number) {
  return {
    nodes: [],
    pods: [],
    services: [],
    objects: [],
    diagnostics: [],
    events: [],
    revision,
    folder: '/f',
    clock: 0,
    settings: {},
    networkPolicies: [],
    podPolicies: {},
    ingress: { ingresses: [], controllers: {} },
  };
}

function fakeFetch(reply: (url: string, body: unknown) => { status: number; body: unknown }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const r = reply(url, JSON.parse(String(init.body)));
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  closed = false;
  listeners = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, cb: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, cb);
  }
  close() {
    this.closed = true;
  }
  emit(data: unknown) {
    this.listeners.get('snapshot')!({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent<string>);
  }
}

describe('createHttpApi', () => {
  it('POSTs the argument list as JSON to /api/<method>', async () => {
    const { calls, fetchImpl } = fakeFetch(() => ({ status: 200, body: { ok: true, value: { traces: [] } } }));
    const api = createHttpApi({ fetch: fetchImpl, EventSource: FakeEventSource as never });
    await api.sendRequest({ from: 'external', to: 'node/k8s-node1:30000', count: 2 });
    await api.openFolder();
    await api.getReachability({ port: '80' });
    expect(calls.map((c) => [c.url, c.init.method, (c.init.headers as Record<string, string>)['Content-Type'], c.init.body])).toEqual([
      ['/api/sendRequest', 'POST', 'application/json', '[{"from":"external","to":"node/k8s-node1:30000","count":2}]'],
      ['/api/openFolder', 'POST', 'application/json', '[]'],
      ['/api/getReachability', 'POST', 'application/json', '[{"port":"80"}]'],
    ]);
  });

  it('turns a 400 into a refusal for Result methods and an exception for the others', async () => {
    const { fetchImpl } = fakeFetch(() => ({ status: 400, body: { error: 'request.count: Invalid value: 0' } }));
    const api = createHttpApi({ fetch: fetchImpl, EventSource: FakeEventSource as never });
    await expect(api.sendRequest({ from: 'a', to: 'b', count: 0 })).resolves.toEqual({
      ok: false,
      error: 'request.count: Invalid value: 0',
    });
    await expect(api.getChoices()).rejects.toThrow('request.count: Invalid value: 0');
  });

  it('rejects a getSnapshot answer that is not a snapshot', async () => {
    const { fetchImpl } = fakeFetch(() => ({ status: 200, body: { hello: 'world' } }));
    const api = createHttpApi({ fetch: fetchImpl, EventSource: FakeEventSource as never });
    await expect(api.getSnapshot()).rejects.toThrow(/snapshot\.nodes/);
  });

  it('shares one event stream, drops repeats and malformed events, and closes when nobody listens', () => {
    FakeEventSource.instances = [];
    const api = createHttpApi({ fetch: fakeFetch(() => ({ status: 200, body: null })).fetchImpl, EventSource: FakeEventSource as never });
    const a: number[] = [];
    const b: number[] = [];
    const offA = api.onSnapshot((s) => a.push(s.revision));
    const offB = api.onSnapshot((s) => b.push(s.revision));
    expect(FakeEventSource.instances).toHaveLength(1);
    const stream = FakeEventSource.instances[0];
    expect(stream.url).toBe('/api/events');
    stream.emit(snapshot(1));
    stream.emit(snapshot(1)); // the server re-sends the current snapshot after a reconnect
    stream.emit('{not json');
    stream.emit({ revision: 5 });
    stream.emit(snapshot(2));
    offA();
    stream.emit(snapshot(3));
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 2, 3]);
    expect(stream.closed).toBe(false);
    offB();
    expect(stream.closed).toBe(true);
  });
});
