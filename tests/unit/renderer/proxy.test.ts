/** The inspector lays out an ingress-nginx hop's note as the request it read, and words the HTTP status. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../host/session';
import { httpStatusText, httpSummary, proxyLabel, proxyRequestView } from '../../../renderer/model/proxy';
import type { Trace } from '../../../src/model/trace';

const INGRESS = path.resolve(__dirname, '../../../assets/examples/ingress');

/** One request through the example's controller, as the app sends it. */
async function sendThroughIngress(target: (nodeIP: string, nodePort: number) => string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-proxy-'));
  const session = new Session({ configDir: tmp, watch: false });
  try {
    const opened = await session.openFolder(INGRESS);
    if (!opened.ok) throw new Error(opened.error);
    const svc = opened.value.services.find((s) => s.name === 'ingress-nginx-controller');
    const nodePort = svc?.ports.find((p) => p.port === 80)?.nodePort ?? 0;
    const sent = await session.sendRequest({ from: 'external', to: target(opened.value.nodes[1].ip, nodePort), count: 1 });
    if (!sent.ok) throw new Error(sent.error);
    return sent.value;
  } finally {
    session.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

describe('proxyRequestView', () => {
  it('splits a routed request into who read it, the request lines and the route', async () => {
    const run = await sendThroughIngress((ip, port) => `curl -H 'Host: shop.example.com' http://${ip}:${port}/api`);
    const proxy = run.events.find((e) => e.action === 'proxy');
    expect(proxy).toBeDefined();
    const view = proxyRequestView(proxy!);
    expect(view?.intro).toMatch(/^ingress-nginx in ingress-nginx-controller-\S+ ends the client's connection and reads$/);
    expect(view?.tls).toBe(false);
    expect(view?.lines[0]).toBe('GET /api HTTP/1.1');
    expect(view?.lines[1]).toBe('Host: shop.example.com');
    expect(view?.lines.slice(2).map((l) => l.split(':')[0])).toEqual(['X-Forwarded-For', 'X-Real-IP']);
    expect(view?.rest).toMatch(/^Ingress shop matches path \/api \(Prefix\) → Service api:80; nginx picks/);
    expect(proxyLabel(proxy!)).toBe('L7 ingress-nginx · GET /api');
  });

  it('reads an answered request too (404 from the default backend)', async () => {
    const run = await sendThroughIngress((ip, port) => `curl -H 'Host: nobody.example.com' http://${ip}:${port}/`);
    const view = proxyRequestView(run.events.find((e) => e.action === 'proxy')!);
    expect(view?.lines[1]).toBe('Host: nobody.example.com');
    expect(view?.rest).toMatch(/^404 Not Found/);
    expect(httpStatusText(run.traces[0].http!)).toMatch(/^HTTP 404 from the default backend/);
  });

  it('leaves other hops and unknown notes alone', () => {
    expect(proxyRequestView({ action: 'dnat', explanation: 'GET / HTTP/1.1 · X-Real-IP: 1.2.3.4' })).toBeNull();
    expect(proxyRequestView({ action: 'proxy', explanation: 'something else' })).toBeNull();
    expect(proxyLabel({ action: 'proxy', explanation: 'something else' })).toBe('L7 ingress-nginx');
    expect(proxyLabel({ action: 'deliver', explanation: '' })).toBeNull();
  });
});

describe('httpSummary', () => {
  const t = (status?: number): Trace => ({
    outcome: 'delivered',
    reason: '',
    hops: [],
    http: status === undefined ? undefined : { host: 'h', path: '/', status },
  });
  it('counts statuses, and says nothing without a proxy', () => {
    expect(httpSummary([t(200)])).toBe('HTTP 200');
    expect(httpSummary([t(404), t(200), t(200)])).toBe('HTTP 200 ×2, 404');
    expect(httpSummary([t()])).toBeNull();
    expect(httpStatusText({ host: 'h', path: '/', status: 200 })).toBe('HTTP 200 OK');
  });
});
