import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { staticBandSize } from '../../../src/cluster/allocators';
import type { Cluster } from '../../../src/model/cluster';
import { ipInCidr, parseIPv4 } from '../../../src/util/ip';
import { trace1 } from '../trace/helpers';
import { container, load, service, settings, workload } from './fixtures';

const svc = (c: Cluster, name: string) => c.services.find((s) => s.name === name && !s.builtIn)!;

describe('Service allocation', () => {
  test('static bands: 256 ClusterIPs of a /12, 86 node ports of 30000-32767', () => {
    expect(staticBandSize(2 ** 20, 16, 256, 16)).toBe(256);
    expect(staticBandSize(2768, 16, 128, 32)).toBe(86);
    expect(staticBandSize(16, 16, 256, 16)).toBe(0);
  });

  test('automatic ClusterIPs are random, in the range, above the static band, never sequential', () => {
    const objs = Array.from({ length: 30 }, (_, i) => service(`s${i}`, { selector: { app: `a${i}` } }));
    const c = buildCluster(load(...objs), { seed: 1 });
    const ips = objs.map((o) => svc(c, o.metadata.name).clusterIP as string);
    expect(new Set(ips).size).toBe(30);
    const upperBandStart = parseIPv4('10.96.1.1')!;
    for (const ip of ips) {
      expect(ipInCidr(ip, '10.96.0.0/12')).toBe(true);
      expect(parseIPv4(ip)!).toBeGreaterThanOrEqual(upperBandStart);
    }
    const sorted = ips.map((ip) => parseIPv4(ip)!).sort((a, b) => a - b);
    expect(sorted.some((n, i) => i > 0 && n - sorted[i - 1] === 1)).toBe(false);
  });

  test('adding a Service does not move the others; another seed gives other IPs', () => {
    const a = buildCluster(load(service('web', { selector: { app: 'web' } })), { seed: 1 });
    const b = buildCluster(load(service('api', { selector: { app: 'api' } }), service('web', { selector: { app: 'web' } })), { seed: 1 });
    const other = buildCluster(load(service('web', { selector: { app: 'web' } })), { seed: 2 });
    expect(svc(b, 'web').clusterIP).toBe(svc(a, 'web').clusterIP);
    expect(svc(other, 'web').clusterIP).not.toBe(svc(a, 'web').clusterIP);
  });

  test('an explicit clusterIP is honoured; a taken one is rejected in API-server words, the Service left out', () => {
    const first = service('first', { clusterIP: '10.96.5.5', selector: { a: 'b' } });
    const second = service('second', { clusterIP: '10.96.5.5', selector: { a: 'b' } });
    const c = buildCluster(load(first, second), { seed: 1 });
    expect(svc(c, 'first').clusterIP).toBe('10.96.5.5');
    expect(svc(c, 'second')).toBeUndefined();
    const d = c.diagnostics.find((x) => x.name === 'second')!;
    expect(d).toMatchObject({
      severity: 'error',
      kind: 'Service',
      path: 'spec.clusterIPs',
      file: 'second.yaml',
      line: second.locate('spec.clusterIP').line,
    });
    expect(d.message).toBe(
      'spec.clusterIPs: Invalid value: []string{"10.96.5.5"}: failed to allocate IP 10.96.5.5: provided IP is already allocated',
    );
    expect(c.objects.filter((o) => o.kind === 'Service').map((o) => o.name)).toEqual(['first']);
  });

  test('a clusterIP outside the service CIDR is rejected', () => {
    const c = buildCluster(load(service('out', { clusterIP: '10.0.0.5' })), { seed: 1 });
    expect(c.diagnostics.at(-1)!.message).toBe(
      'spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  test('explicit values win over random ones regardless of file order', () => {
    const objs = Array.from({ length: 40 }, (_, i) => service(`r${i}`, { type: 'NodePort' }));
    const c = buildCluster(load(...objs, service('fixed', { type: 'NodePort', ports: [{ port: 80, nodePort: 30086 }] })), { seed: 3 });
    expect(svc(c, 'fixed').ports[0].nodePort).toBe(30086);
  });

  test('NodePorts: random from the upper band, unique, explicit ones honoured, duplicates rejected', () => {
    const objs = Array.from({ length: 20 }, (_, i) => service(`np${i}`, { type: 'NodePort', selector: { app: 'x' } }));
    const dupe = service('dupe', { type: 'NodePort', ports: [{ port: 80 }, { port: 81, name: 'b', nodePort: 30000 }] });
    const c = buildCluster(
      load(service('svc-2', { type: 'NodePort', ports: [{ port: 9000, targetPort: 8080, nodePort: 30000 }] }), ...objs, dupe),
      { seed: 1 },
    );
    expect(svc(c, 'svc-2').ports[0].nodePort).toBe(30000);
    const ports = objs.map((o) => svc(c, o.metadata.name).ports[0].nodePort!);
    expect(new Set(ports).size).toBe(20);
    for (const p of ports) expect(p >= 30086 && p <= 32767).toBe(true);
    expect(svc(c, 'dupe')).toBeUndefined();
    const d = c.diagnostics.find((x) => x.name === 'dupe')!;
    expect(d.message).toBe('spec.ports[1].nodePort: Invalid value: 30000: provided port is already allocated');
    expect(d.path).toBe('spec.ports[1].nodePort');
  });

  test('a nodePort outside the range is rejected with the range', () => {
    const c = buildCluster(load(service('low', { type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] })), { seed: 1 });
    expect(c.diagnostics.at(-1)!.message).toBe(
      'spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  test('one port number over TCP and UDP shares one node port', () => {
    const c = buildCluster(
      load(
        service('dns', {
          type: 'NodePort',
          ports: [
            { name: 'u', port: 53, protocol: 'UDP' },
            { name: 't', port: 53, protocol: 'TCP' },
          ],
        }),
      ),
      { seed: 1 },
    );
    const [u, t] = svc(c, 'dns').ports;
    expect(u.nodePort).toBe(t.nodePort);
  });

  test('LoadBalancer without a provider: node ports, no address, <pending> with a reason', () => {
    const c = buildCluster(
      load(service('svc-3', { type: 'LoadBalancer', selector: { app: 'pod' }, ports: [{ port: 9000, targetPort: 8080 }] })),
      { seed: 1 },
    );
    const s = svc(c, 'svc-3');
    expect(s.loadBalancerIP).toBeNull();
    expect(s.pendingReason).toMatch(/no load-balancer provider/);
    expect(s.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(s.externalTrafficPolicy).toBe('Cluster');
    expect(s.healthCheckNodePort).toBeUndefined();
  });

  test('LoadBalancer + externalTrafficPolicy Local gets a healthCheckNodePort', () => {
    const c = buildCluster(load(service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })), { seed: 1 });
    const s = svc(c, 'lb');
    expect(s.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(s.healthCheckNodePort).not.toBe(s.ports[0].nodePort);
  });

  test("MetalLB: the pool's first free addresses, a requested one honoured, exhaustion stays pending", () => {
    const pool = settings({ loadBalancer: { provider: 'metallb', addresses: ['192.168.64.240-192.168.64.241'] } });
    const c = buildCluster(
      load(
        pool,
        service('a', { type: 'LoadBalancer' }),
        service('b', { type: 'LoadBalancer', loadBalancerIP: '192.168.64.240' }),
        service('c', { type: 'LoadBalancer' }),
        service('d', { type: 'LoadBalancer', loadBalancerIP: '10.1.1.1' }),
      ),
      { seed: 1 },
    );
    expect(svc(c, 'b').loadBalancerIP).toBe('192.168.64.240');
    expect(svc(c, 'a').loadBalancerIP).toBe('192.168.64.241');
    expect(svc(c, 'c').loadBalancerIP).toBeNull();
    expect(svc(c, 'c').pendingReason).toContain('no available IPs');
    expect(svc(c, 'd').pendingReason).toContain('not in any configured address pool');
  });

  test('MetalLB serves only its own loadBalancerClass: another class (or, with --lb-class, none) stays <pending>', () => {
    const pool = { provider: 'metallb' as const, addresses: ['192.168.64.240-192.168.64.245'] };
    const plain = buildCluster(
      load(
        settings({ loadBalancer: pool }),
        service('mine', { type: 'LoadBalancer' }),
        service('theirs', { type: 'LoadBalancer', loadBalancerClass: 'example.com/other-lb' }),
      ),
      { seed: 1 },
    );
    expect(svc(plain, 'mine').loadBalancerIP).toBe('192.168.64.240');
    expect(svc(plain, 'theirs').loadBalancerIP).toBeNull();
    expect(svc(plain, 'theirs').pendingReason).toContain(
      'MetalLB serves only Services without a loadBalancerClass and this Service has loadBalancerClass "example.com/other-lb"',
    );

    const classed = buildCluster(
      load(
        settings({ loadBalancer: { ...pool, loadBalancerClass: 'example.com/metallb' } }),
        service('unclassed', { type: 'LoadBalancer' }),
        service('classed', { type: 'LoadBalancer', loadBalancerClass: 'example.com/metallb' }),
      ),
      { seed: 1 },
    );
    expect(svc(classed, 'classed').loadBalancerIP).toBe('192.168.64.240');
    expect(svc(classed, 'unclassed').loadBalancerIP).toBeNull();
    expect(svc(classed, 'unclassed').pendingReason).toContain(
      'MetalLB serves only Services with loadBalancerClass "example.com/metallb" and this Service has no loadBalancerClass',
    );
  });

  test('the load-balancer-source-ranges annotation is honoured like spec.loadBalancerSourceRanges (the field wins)', () => {
    const ann = { 'service.beta.kubernetes.io/load-balancer-source-ranges': ' 10.0.0.0/8 , 172.16.0.0/12' };
    const objs = [
      settings({ loadBalancer: { provider: 'metallb', addresses: ['192.168.64.240/30'] } }),
      workload('Deployment', 'web', [container('web', 'kubetm/app', { ports: [8080] })], { labels: { app: 'web' } }),
      service('web', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], annotations: ann }),
      service('both', { type: 'LoadBalancer', loadBalancerSourceRanges: ['192.168.64.0/24'], annotations: ann }),
    ];
    const c = buildCluster(load(...objs), { seed: 1 });
    expect(svc(c, 'web').loadBalancerSourceRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
    expect(svc(c, 'both').loadBalancerSourceRanges).toEqual(['192.168.64.0/24']);
    // The external client (192.168.64.1) is outside the annotation's ranges: KUBE-FW drops it.
    const t = trace1(c, 'external', 'lb/web:80');
    expect(t.outcome).toBe('dropped');
    expect(t.reason).toContain("not in web's loadBalancerSourceRanges (10.0.0.0/8, 172.16.0.0/12)");
  });

  test('headless and ExternalName Services get no ClusterIP', () => {
    const c = buildCluster(
      load(
        service('db', { clusterIP: 'None', selector: { app: 'db' } }),
        service('ext', { type: 'ExternalName', externalName: 'db.example.com', ports: [] }),
      ),
      { seed: 1 },
    );
    expect(svc(c, 'db').clusterIP).toBe('None');
    expect(svc(c, 'ext')).toMatchObject({ clusterIP: null, externalName: 'db.example.com' });
    expect(svc(c, 'ext').internalTrafficPolicy).toBeUndefined();
  });

  test('refs point at the lines that decide traffic', () => {
    const obj = service('svc-2', {
      type: 'NodePort',
      selector: { app: 'pod' },
      externalTrafficPolicy: 'Local',
      ports: [{ port: 9000, targetPort: 8080, nodePort: 30000 }],
    });
    const c = buildCluster(load(obj), { seed: 1 });
    const s = svc(c, 'svc-2');
    expect(s.refs.externalTrafficPolicy).toEqual({
      ...obj.locate('spec.externalTrafficPolicy'),
      path: 'spec.externalTrafficPolicy',
      label: 'externalTrafficPolicy: Local',
    });
    expect(s.refs.selector!.label).toBe('selector: app=pod');
    expect(s.refs.type!.label).toBe('type: NodePort');
    expect(s.ports[0].source).toEqual(obj.locate('spec.ports[0]'));
    expect(s.sessionAffinity).toBe('None');
  });

  test('ClientIP affinity defaults its timeout to 10800 s', () => {
    const c = buildCluster(load(service('sticky', { sessionAffinity: 'ClientIP' })), { seed: 1 });
    expect(svc(c, 'sticky').sessionAffinityTimeoutSeconds).toBe(10800);
  });
});
