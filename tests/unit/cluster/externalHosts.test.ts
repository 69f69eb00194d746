/** spec.externalHosts of the settings object: loaded, checked against the cluster's own addresses, errors at their line. */
import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { load } from '../load/helpers';

function settingsYaml(hosts: string): string {
  return `apiVersion: kube-traffic.dev/v1alpha1
kind: ClusterSettings
metadata:
  name: cluster
spec:
  loadBalancer: { provider: metallb, addresses: [192.168.64.200-192.168.64.210] }
  externalHosts:
${hosts}`;
}

function build(hosts: string) {
  return buildCluster(load({ 'cluster.yaml': settingsYaml(hosts) }), { seed: 1 });
}

describe('settings.externalHosts', () => {
  test('hosts load with their name, address and ports (a bare number is TCP, PORT/PROTOCOL otherwise)', () => {
    const c = build(`  - { name: db.example.com, ip: 192.168.64.100, ports: [5432] }
  - ip: 203.0.113.7
    ports: [6379, 53/UDP, "8125/udp"]
`);
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.settings.externalHosts).toEqual([
      { name: 'db.example.com', ip: '192.168.64.100', ports: [{ port: 5432, protocol: 'TCP' }] },
      {
        ip: '203.0.113.7',
        ports: [
          { port: 6379, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
          { port: 8125, protocol: 'UDP' },
        ],
      },
    ]);
    // The rest of the settings still applies.
    expect(c.settings.loadBalancer.provider).toBe('metallb');
  });

  test('a bad host is left out with errors in the API server words at its line; the good ones still load', () => {
    const c = build(`  - { name: good.example.com, ip: 192.168.64.100, ports: [5432] }
  - { name: bad-ip, ip: 300.1.2.3, ports: [80] }
  - { name: in-pods, ip: 10.244.1.9, ports: [80] }
  - { name: in-services, ip: 10.96.0.50, ports: [80] }
  - { name: a-node, ip: 192.168.64.31, ports: [80] }
  - { name: the-client, ip: 192.168.64.1, ports: [80] }
  - { name: in-pool, ip: 192.168.64.205, ports: [80] }
  - { name: good.example.com, ip: 192.168.64.101, ports: [80] }
  - { name: dup-ip, ip: 192.168.64.100, ports: [80] }
  - { name: Bad_Name, ip: 192.168.64.102, ports: [80] }
  - { name: bad-ports, ip: 192.168.64.103, ports: [70000, 53/ICMP, http, 80, 80] }
  - { name: no-ip, ports: [80] }
  - { name: loopback, ip: 127.0.0.2, ports: [80] }
  - { name: web.default.svc.cluster.local, ip: 192.168.64.104, ports: [80] }
`);
    expect(c.settings.externalHosts.map((h) => h.name)).toEqual(['good.example.com']);
    const errs = c.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.every((d) => d.file === 'cluster.yaml' && d.kind === 'ClusterSettings')).toBe(true);
    const at = (i: number) => errs.filter((d) => d.path?.startsWith(`spec.externalHosts[${i}]`));
    expect(at(1)[0].message).toBe(
      'spec.externalHosts[1].ip: Invalid value: "300.1.2.3": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
    expect(at(1)[0].line).toBe(9);
    expect(at(2)[0].message).toMatch(
      /^spec\.externalHosts\[2\]\.ip: Invalid value: "10\.244\.1\.9": may not be in the pod network 10\.244\.0\.0\/16/,
    );
    expect(at(3)[0].message).toMatch(/may not be in the Service range 10\.96\.0\.0\/12/);
    expect(at(4)[0].message).toMatch(/may not be the address of node k8s-node1$/);
    expect(at(5)[0].message).toMatch(/external client's address/);
    expect(at(6)[0].message).toMatch(/load-balancer address pool 192\.168\.64\.200-192\.168\.64\.210/);
    expect(at(7)[0].message).toBe('spec.externalHosts[7].name: Duplicate value: "good.example.com"');
    expect(at(8)[0].message).toBe('spec.externalHosts[8].ip: Duplicate value: "192.168.64.100"');
    expect(at(9)[0].message).toMatch(/^spec\.externalHosts\[9\]\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(at(10).map((d) => d.message)).toEqual([
      'spec.externalHosts[10].ports[0]: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.externalHosts[10].ports[1]: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.externalHosts[10].ports[2]: Invalid value: "http": must be a port number or PORT/PROTOCOL, e.g. 5432 or 53/UDP',
      'spec.externalHosts[10].ports[4]: Duplicate value: 80',
    ]);
    expect(at(11)[0].message).toBe('spec.externalHosts[11].ip: Required value');
    expect(at(12)[0].message).toMatch(/may not be in the loopback range/);
    expect(at(13)[0].message).toMatch(/may not be in the cluster domain cluster\.local/);
  });

  test('a wrong type is a decode error for the settings object, as the API server would refuse it', () => {
    const r = load({ 'cluster.yaml': settingsYaml('  - { ip: 192.168.64.100, ports: 5432 }\n') });
    const e = r.diagnostics.find((d) => d.severity === 'error');
    expect(e?.message).toMatch(/spec\.externalHosts\[0\]\.ports/);
  });
});
