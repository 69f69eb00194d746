/**
 * Requests through the ingress-nginx add-on (assets/examples/ingress): the client's connection ends at
 * the controller Pod, which routes by host and path and opens a new connection to an endpoint it picks.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { loadManifests } from '../../../src/load/index';
import { readFolder } from '../../../src/load/fsFolder';
import type { Cluster } from '../../../src/model/cluster';
import { traceRequests } from '../../../src/trace';

const FOLDER = readFolder('assets/examples/ingress').files;

function cluster(extra = ''): Cluster {
  const files = extra ? [...FOLDER, { path: 'extra.yaml', text: extra }] : FOLDER;
  return buildCluster(loadManifests(files), { seed: 1 });
}

function nodePort(c: Cluster, name: 'http' | 'https'): number {
  const svc = c.services.find((s) => s.name === 'ingress-nginx-controller');
  return svc?.ports.find((p) => p.name === name)?.nodePort as number;
}

function curl(c: Cluster, host: string, path: string, scheme: 'http' | 'https' = 'http') {
  const port = nodePort(c, scheme);
  return traceRequests(c, { from: 'external', to: `curl -H 'Host: ${host}' ${scheme}://192.168.64.31:${port}${path}` }).run.traces[0];
}

describe('ingress-nginx (the add-on)', () => {
  it('routes by host and path, and the backend sees the controller as its client', () => {
    const c = cluster();
    const t = curl(c, 'shop.example.com', '/api/cart');
    expect(t.outcome).toBe('delivered');
    expect(t.http).toEqual({ host: 'shop.example.com', path: '/api/cart', status: 200 });
    expect(t.pod).toMatch(/^api-/);
    const proxy = t.hops.findIndex((h) => h.action === 'proxy');
    const controller = t.hops[proxy].at;
    expect(controller).toMatch(/^pod\/ingress-nginx\/ingress-nginx-controller-/);
    expect(t.hops[proxy].note).toContain('GET /api/cart HTTP/1.1 · Host: shop.example.com');
    expect(t.hops[proxy].refs?.[0]).toMatchObject({ file: 'shop.yaml', path: 'spec.rules[0].http.paths[1]' });
    // A new connection leaves the controller Pod: its source is the controller's Pod IP.
    const up = t.hops[proxy + 1];
    expect(up).toMatchObject({ at: controller, action: 'send' });
    const controllerIP = c.pods.find((p) => p.namespace === 'ingress-nginx')?.ip;
    expect(t.hops[t.hops.length - 1].src.startsWith(`${controllerIP}:`)).toBe(true);
    expect(t.reason).toContain('X-Forwarded-For');
  });

  it('/ goes to web, a path element boundary is respected (/apix is not /api)', () => {
    const c = cluster();
    expect(curl(c, 'shop.example.com', '/').pod).toMatch(/^web-/);
    expect(curl(c, 'shop.example.com', '/apix').pod).toMatch(/^web-/);
  });

  it('an unknown host gets the default backend’s 404 from the controller itself', () => {
    const t = curl(cluster(), 'other.example.com', '/');
    expect(t.outcome).toBe('delivered');
    expect(t.http?.status).toBe(404);
    expect(t.pod).toMatch(/^ingress-nginx-controller-/);
  });

  it('a host with TLS is redirected from http with 308, and served over https', () => {
    const c = cluster();
    const plain = curl(c, 'admin.example.com', '/admin');
    expect(plain.http?.status).toBe(308);
    const secure = curl(c, 'admin.example.com', '/admin', 'https');
    expect(secure.http?.status).toBe(200);
    const proxy = secure.hops.find((h) => h.action === 'proxy')?.note;
    expect(proxy).toContain('rewritten to / (rewrite-target)');
    // The folder has no Secret admin-tls: nginx falls back to its fake certificate.
    expect(proxy).toContain('Secret admin-tls is not in the folder');
  });

  it('a backend Service without ready endpoints is a 503', () => {
    const c = cluster(
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: ghost }\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: ghost.example.com\n    http:\n      paths:\n      - { path: /, pathType: Prefix, backend: { service: { name: nobody, port: { number: 80 } } } }\n',
    );
    expect(curl(c, 'ghost.example.com', '/').http?.status).toBe(503);
  });

  it('the answer comes back in two connections: the backend’s reply to the controller, then the controller’s to the client', () => {
    const t = curl(cluster(), 'shop.example.com', '/api');
    const back = t.response?.hops ?? [];
    const delivers = back.filter((h) => h.action === 'deliver').map((h) => h.at);
    expect(delivers).toHaveLength(2);
    expect(delivers[0]).toMatch(/^pod\/ingress-nginx\//);
    expect(delivers[1]).toBe('client');
  });
});

describe('ingress-nginx brought by the folder (its own deploy.yaml)', () => {
  const deploy = readFolder('tests/fixtures/corpus/kubernetes__ingress-nginx/deploy/static/provider/baremetal').files;
  const app = FOLDER.filter((f) => f.path === 'shop.yaml');

  it('is recognised by its image and IngressClass, and routes like the add-on', () => {
    const c = buildCluster(loadManifests([...deploy, ...app]), { seed: 1 });
    expect(c.settings.addons).toEqual([]);
    const t = curl(c, 'shop.example.com', '/api');
    expect(t.http).toEqual({ host: 'shop.example.com', path: '/api', status: 200 });
    expect(t.pod).toMatch(/^api-/);
  });

  it('without any controller an Ingress routes nothing: the node port is not there', () => {
    const c = buildCluster(loadManifests(app), { seed: 1 });
    const t = traceRequests(c, { from: 'external', to: "curl -H 'Host: shop.example.com' http://192.168.64.31:30080/api" }).run.traces[0];
    expect(t.outcome).toBe('refused');
    expect(t.http).toBeUndefined();
  });
});
