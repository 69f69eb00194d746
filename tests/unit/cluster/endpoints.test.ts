import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import type { Cluster } from '../../../src/model/cluster';
import { container, load, pod, service, workload } from './fixtures';

const svc = (c: Cluster, name: string) => c.services.find((s) => s.name === name && !s.builtIn)!;
const web = (name: string, labels: Record<string, string>, extra: Parameters<typeof pod>[2] = {}) =>
  pod(name, [container('web', 'kubetm/app', { ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }] })], { labels, ...extra });

describe('endpoints (EndpointSlice semantics)', () => {
  test('pods whose labels contain the selector, in the same namespace, with their IPs', () => {
    const c = buildCluster(
      load(
        web('a', { app: 'pod', extra: 'x' }),
        web('b', { app: 'other' }),
        web('c', { app: 'pod' }, { namespace: 'other' }),
        service('s', { selector: { app: 'pod' }, ports: [{ port: 9000, targetPort: 8080 }] }),
      ),
      { seed: 1 },
    );
    const a = c.pods.find((p) => p.name === 'a')!;
    expect(svc(c, 's').endpoints).toEqual([
      {
        pod: 'a',
        namespace: 'default',
        ip: a.ip,
        node: a.nodeName,
        ready: true,
        serving: true,
        terminating: false,
        ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  test('no selector: no managed endpoints', () => {
    const c = buildCluster(load(web('a', { app: 'pod' }), service('manual', {})), { seed: 1 });
    expect(svc(c, 'manual').endpoints).toEqual([]);
    expect(svc(c, 'manual').selector).toBeNull();
  });

  test('a pod that is not Ready is listed with ready: false; publishNotReadyAddresses lists it as ready', () => {
    const broken = pod('dup', [container('a', 'nginx'), container('b', 'nginx')], { labels: { app: 'x' } });
    const c = buildCluster(
      load(broken, service('s', { selector: { app: 'x' } }), service('p', { selector: { app: 'x' }, publishNotReadyAddresses: true })),
      { seed: 1 },
    );
    expect(svc(c, 's').endpoints.map((e) => [e.pod, e.ready, e.serving])).toEqual([['dup', false, false]]);
    expect(svc(c, 'p').endpoints.map((e) => [e.pod, e.ready, e.serving])).toEqual([['dup', true, false]]);
  });

  test('Pending pods (no IP) and completed pods are not endpoints', () => {
    const c = buildCluster(
      load(
        pod('big', [container('c', 'nginx', { cpu: 9000 })], { labels: { app: 'x' } }),
        workload('Job', 'j', [container('c', 'busybox')], { labels: { app: 'x' }, restartPolicy: 'Never' }),
        service('s', { selector: { app: 'x' } }),
      ),
      { seed: 1 },
    );
    expect(svc(c, 's').endpoints).toEqual([]);
  });

  test('a named targetPort resolves per pod; pods without the name are left out', () => {
    const other = pod('alt', [container('web', 'example/app', { ports: [{ containerPort: 9090, name: 'http', protocol: 'TCP' }] })], {
      labels: { app: 'x' },
    });
    const unnamed = pod('plain', [container('web', 'kubetm/app', { ports: [8080] })], { labels: { app: 'x' } });
    const c = buildCluster(
      load(web('a', { app: 'x' }), other, unnamed, service('s', { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 'http' }] })),
      { seed: 1 },
    );
    const eps = svc(c, 's').endpoints;
    expect(Object.fromEntries(eps.map((e) => [e.pod, e.ports.map((p) => p.port)]))).toEqual({ a: [8080], alt: [9090] });
  });

  test('a multi-port Service: each pod lists the ports it can serve', () => {
    const c = buildCluster(
      load(
        web('a', { app: 'x' }),
        service('s', {
          selector: { app: 'x' },
          ports: [
            { name: 'web', port: 80, targetPort: 'http' },
            { name: 'metrics', port: 9100, targetPort: 'metrics' },
          ],
        }),
      ),
      { seed: 1 },
    );
    expect(svc(c, 's').endpoints[0].ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
  });

  test('endpoints are ordered by address', () => {
    const pods = Array.from({ length: 5 }, (_, i) => web(`p${i}`, { app: 'x' }));
    const c = buildCluster(load(...pods, service('s', { selector: { app: 'x' } })), { seed: 4 });
    const ips = svc(c, 's').endpoints.map((e) => e.ip.split('.').map(Number));
    const sorted = [...ips].sort((a, b) => a[2] - b[2] || a[3] - b[3]);
    expect(ips).toEqual(sorted);
    expect(ips).toHaveLength(5);
  });
});
