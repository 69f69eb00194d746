/** Browser mode's server: local-only, validated API, event stream, static renderer with CSP. */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/api/contract';
import { startWebServer, type WebServer } from '../../../web/server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  server: WebServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens an event stream and resolves once the server answered (200 and streaming, or a refusal). */
function openStream(
  server: WebServer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Promise<string>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      const ended = new Promise<string>((done) => res.on('end', () => done(body)));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: ended, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

/** Sends raw bytes and resolves with everything the server wrote back before closing. */
function rawRequest(server: WebServer, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

function post(server: WebServer, method: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return request(server, { method: 'POST', path: `/api/${method}`, body, headers: { 'Content-Type': 'application/json', ...headers } });
}

function snapshot(revision: number): ClusterSnapshot {
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
    settings: {
      podCIDR: '',
      serviceCIDR: '',
      proxyMode: 'iptables',
      loadBalancer: 'none',
      seed: 1,
      externalClientIP: '',
      cni: 'flannel',
      networkPolicyEnforced: false,
      externalHosts: [],
    },
    networkPolicies: [],
    podPolicies: {},
    ingress: { ingresses: [], controllers: {} },
  };
}

/** A stand-in host that records calls; the real session is exercised in session.test.ts. */
function fakeApi() {
  const calls: string[] = [];
  const listeners = new Set<(s: ClusterSnapshot) => void>();
  let current = snapshot(1);
  return {
    calls,
    emit(s: ClusterSnapshot) {
      current = s;
      for (const l of listeners) l(s);
    },
    listenerCount: () => listeners.size,
    getSnapshot: async () => current,
    getChoices: async () => ({ sources: [{ id: 'external', label: 'External client' }], targets: [] }),
    sendRequest: async (req: unknown) => {
      calls.push(`sendRequest ${JSON.stringify(req)}`);
      return { ok: true as const, value: { request: req, traces: [], events: [], duration: 0 } as never };
    },
    matchSelector: async (s: string) => ({ ok: true as const, value: [`matched ${s}`] }),
    getReachability: async (req: unknown) => {
      calls.push(`getReachability ${JSON.stringify(req)}`);
      return { ok: true as const, value: { sources: [], targets: [], outcomes: [], reasons: [] } };
    },
    operate: async () => ({ ok: true as const, value: current }),
    openFolder: async (p?: string) => (p ? { ok: true as const, value: current } : { ok: false as const, error: 'No folder given' }),
    getRecentFolders: async () => ['/recent'],
    readSource: async (file: string) => ({ ok: true as const, value: { file, text: 'kind: Pod\n' } }),
    getScenarios: async () => ({ saved: [], lessons: [], problems: [] }),
    saveScenario: async (s: unknown) => {
      calls.push(`saveScenario ${JSON.stringify(s)}`);
      return { ok: true as const, value: { saved: [], lessons: [], problems: [] } };
    },
    deleteScenario: async () => ({ ok: true as const, value: { saved: [], lessons: [], problems: [] } }),
    onSnapshot: (l: (s: ClusterSnapshot) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}

let server: WebServer;
let api: ReturnType<typeof fakeApi>;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-web-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Kube Traffic</title>');
  api = fakeApi();
  server = await startWebServer({ api, rendererDir, port: 0 });
});

afterAll(async () => {
  await server.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

describe('startWebServer', () => {
  it('listens on 127.0.0.1 only, on a free port, and reports its URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('is not reachable on the machine’s other addresses', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return; // a machine with loopback only has nothing else to try
    await expect(
      new Promise((resolve, reject) => {
        const req = http.get({ host: external.address, port: server.port, path: '/', timeout: 2000 }, resolve);
        req.on('error', reject);
        req.on('timeout', () => req.destroy(new Error('timeout')));
      }),
    ).rejects.toThrow();
  });

  it('serves the renderer with the CSP header', async () => {
    const page = await request(server, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Kube Traffic</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await request(server, { path: '/nope.js' })).status).toBe(404);
    expect((await request(server, { path: '/favicon.ico' })).status).toBe(204);
    expect((await request(server, { path: '/../../etc/passwd' })).status).toBe(404);
    expect((await request(server, { path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
  });

  it('answers API calls: JSON arguments in, JSON result out', async () => {
    const reply = await post(server, 'matchSelector', '["app=pod"]');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: ['matched app=pod'] });
    const recent = await post(server, 'getRecentFolders', '');
    expect(JSON.parse(recent.body)).toEqual(['/recent']);
    const opened = await post(server, 'openFolder', '[null]');
    expect(JSON.parse(opened.body)).toEqual({ ok: false, error: 'No folder given' });
    const reach = await post(server, 'getReachability', '[{"from":"pod=a","port":"80"}]');
    expect(JSON.parse(reach.body)).toEqual({ ok: true, value: { sources: [], targets: [], outcomes: [], reasons: [] } });
    expect(api.calls).toContain('getReachability {"from":"pod=a","port":"80"}');
  });

  it('answers an invalid payload with 400 and never calls the host', async () => {
    api.calls.length = 0;
    const bad = await post(server, 'sendRequest', '[{"from":"external","to":"svc/svc-1:9000","count":0}]');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/request.count: Invalid value: 0/);
    expect((await post(server, 'sendRequest', '{not json')).status).toBe(400);
    expect((await post(server, 'sendRequest', '{"from":"external"}')).status).toBe(400);
    expect((await post(server, 'rmrf', '[]')).status).toBe(400);
    expect(api.calls).toEqual([]);
  });

  it('refuses other sites: foreign Host (DNS rebinding) or Origin → 403, non-JSON bodies → 415', async () => {
    const rebinding = await post(server, 'getSnapshot', '[]', { Host: `evil.example:${server.port}` });
    expect(rebinding.status).toBe(403);
    const staticRebinding = await request(server, { path: '/', headers: { Host: 'evil.example' } });
    expect(staticRebinding.status).toBe(403);
    const crossSite = await post(server, 'openFolder', '["/etc"]', { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const form = await request(server, {
      method: 'POST',
      path: '/api/openFolder',
      body: '["/etc"]',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(form.status).toBe(415);
    const sameOrigin = await post(server, 'getRecentFolders', '[]', { Origin: `http://127.0.0.1:${server.port}` });
    expect(sameOrigin.status).toBe(200);
    const localhost = await post(server, 'getRecentFolders', '[]', { Host: `localhost:${server.port}` });
    expect(localhost.status).toBe(200);
  });

  it('streams the current snapshot on connect and every later one, and forgets closed streams', async () => {
    const received: number[] = [];
    const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events' });
    const response = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    response.setEncoding('utf8');
    let buffer = '';
    const done = new Promise<void>((resolve) => {
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (const match of buffer.matchAll(/event: snapshot\nid: \d+\ndata: (.*)\n\n/g)) {
          const revision = JSON.parse(match[1]).revision as number;
          if (!received.includes(revision)) received.push(revision);
        }
        if (received.includes(2)) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    api.emit(snapshot(2));
    await done;
    expect(received).toEqual([1, 2]);
    req.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(api.listenerCount()).toBe(0);
  });

  it('answers a body over 1 MiB with 413, not a connection reset, whether its length is announced or not', async () => {
    const big = JSON.stringify(['x'.repeat(2 << 20)]);
    const announced = await post(server, 'matchSelector', big);
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body).error).toMatch(/larger than 1048576 bytes/);
    const chunked = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/matchSelector',
          headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 24; i++) req.write('x'.repeat(64 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    // The server is fine afterwards.
    expect((await post(server, 'getRecentFolders', '[]')).status).toBe(200);
  });

  it('caps the event streams open at once with a clear 503, and frees a slot when a stream closes', async () => {
    const capped = await startWebServer({ api: fakeApi(), rendererDir, port: 0, maxEventStreams: 2 });
    try {
      const first = await openStream(capped);
      const second = await openStream(capped);
      expect([first.status, second.status]).toEqual([200, 200]);
      const third = await openStream(capped);
      expect(third.status).toBe(503);
      expect(third.headers['retry-after']).toBe('10');
      expect(JSON.parse(await third.body).error).toBe('Too many event streams open (2): close other Kube Traffic tabs');
      first.close();
      await expect.poll(async () => (await openStream(capped)).status, { timeout: 5000 }).toBe(200);
    } finally {
      await capped.close();
    }
  });

  it('sends Cross-Origin-Resource-Policy: same-origin on every response', async () => {
    const replies = [
      await request(server, { path: '/' }),
      await request(server, { path: '/nope.js' }),
      await request(server, { path: '/favicon.ico' }),
      await request(server, { method: 'DELETE', path: '/' }),
      await request(server, { path: '/', headers: { Host: 'evil.example' } }),
      await post(server, 'getRecentFolders', '[]'),
      await post(server, 'getRecentFolders', '{not json'),
      await post(server, 'matchSelector', JSON.stringify(['x'.repeat(2 << 20)])),
      await request(server, { method: 'POST', path: '/api/getSnapshot', body: '[]', headers: { 'Content-Type': 'text/plain' } }),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 404, 204, 405, 403, 200, 400, 413, 415]);
    for (const reply of replies) expect(reply.headers['cross-origin-resource-policy']).toBe('same-origin');
    const stream = await openStream(server);
    stream.close();
    expect(stream.headers['cross-origin-resource-policy']).toBe('same-origin');
    // Even Node's own answer to a request it cannot parse.
    const garbage = await rawRequest(server, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(garbage).toContain('Cross-Origin-Resource-Policy: same-origin\r\n');
  });

  it('only accepts the methods each route expects', async () => {
    expect((await request(server, { path: '/api/getSnapshot' })).status).toBe(405);
    expect((await request(server, { method: 'POST', path: '/api/events' })).status).toBe(405);
    expect((await request(server, { method: 'DELETE', path: '/' })).status).toBe(405);
  });
});
