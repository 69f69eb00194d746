import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errors, find, load, messages, service } from './helpers';

const SETTINGS = (spec: string, name = 'cluster') =>
  `apiVersion: kube-traffic.dev/v1alpha1\nkind: ClusterSettings\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

describe('ClusterSettings', () => {
  it('loads a complete settings object', () => {
    const r = load(
      SETTINGS(`  nodes:
  - name: k8s-master
    ip: 192.168.64.30
    roles: [control-plane]
    cpu: "2"
    memory: 4Gi
    pods: 110
    taints:
    - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
  - {name: k8s-node1, ip: 192.168.64.31, labels: {zone: a}}
  podCIDR: 10.244.0.0/16
  serviceCIDR: 10.96.0.0/12
  nodeCIDRMaskSize: 24
  nodePortRange: 30000-32767
  proxyMode: iptables
  loadBalancer:
    provider: metallb
    addresses: [192.168.64.200-192.168.64.250, 192.168.65.0/28]
  nodeNetwork: 192.168.64.0/24
  externalClientIP: 192.168.64.1
`),
    );
    expect(r.diagnostics).toEqual([]);
    const s = find(r, 'ClusterSettings', 'cluster');
    expect(s.metadata.namespace).toBe('');
    expect(s.spec.nodes?.map((n) => n.name)).toEqual(['k8s-master', 'k8s-node1']);
    expect(s.spec.nodes?.[0]).toMatchObject({ cpu: '2', memory: '4Gi', pods: 110, taints: [{ effect: 'NoSchedule' }] });
    expect(s.spec.loadBalancer).toEqual({ provider: 'metallb', addresses: ['192.168.64.200-192.168.64.250', '192.168.65.0/28'] });
  });

  it("takes MetalLB's loadBalancerClass (its --lb-class), a qualified name", () => {
    const ok = load(
      SETTINGS('  loadBalancer: {provider: metallb, addresses: [192.168.64.240/28], loadBalancerClass: example.com/metallb}\n'),
    );
    expect(ok.diagnostics).toEqual([]);
    expect(find(ok, 'ClusterSettings', 'cluster').spec.loadBalancer?.loadBalancerClass).toBe('example.com/metallb');
    const bad = load(SETTINGS('  loadBalancer: {provider: metallb, addresses: [192.168.64.240/28], loadBalancerClass: "-lb"}\n'));
    expect(messages(bad)).toEqual([
      expect.stringMatching(
        /^spec\.loadBalancer\.loadBalancerClass: Invalid value: "-lb": name part must consist of alphanumeric characters/,
      ),
    ]);
  });

  it('loads the documented example (tests/fixtures/load/cluster-settings.yaml) cleanly', () => {
    const r = load({ 'cluster-settings.yaml': readFileSync('tests/fixtures/load/cluster-settings.yaml', 'utf8') });
    expect(r.diagnostics).toEqual([]);
    const s = find(r, 'ClusterSettings', 'cluster').spec;
    expect(s.nodes?.map((n) => [n.name, n.ip])).toEqual([
      ['k8s-master', '192.168.64.30'],
      ['k8s-node1', '192.168.64.31'],
      ['k8s-node2', '192.168.64.32'],
    ]);
    expect(s.loadBalancer?.provider).toBe('metallb');
  });

  it('rejects malformed networks, ranges and node entries', () => {
    const r = load(
      SETTINGS(`  podCIDR: 10.244.0.0/33
  serviceCIDR: 10.244.0.0/16
  nodePortRange: 32767-30000
  proxyMode: ipvs
  loadBalancer: {provider: metallb, addresses: [192.168.64.250-192.168.64.200]}
  nodes:
  - {name: Node_1, ip: 300.1.1.1, memory: lots}
`),
    );
    expect(messages(r)).toEqual([
      "spec.nodes[0].name: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.nodes[0].ip: Invalid value: "300.1.1.1": must be a valid IPv4 address',
      'spec.nodes[0].memory: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      'spec.proxyMode: Unsupported value: "ipvs": supported values: "iptables"',
      'spec.loadBalancer.addresses[0]: Invalid value: "192.168.64.250-192.168.64.200": must be a CIDR (192.168.64.240/28) or a range (192.168.64.200-192.168.64.250)',
      'spec.podCIDR: Invalid value: "10.244.0.0/33": must be an IPv4 CIDR, e.g. 10.244.0.0/16',
      'spec.serviceCIDR: Invalid value: "10.244.0.0/16": the pod and service networks must not overlap',
      'spec.nodePortRange: Invalid value: "32767-30000": must be a port range such as 30000-32767',
    ]);
    expect(r.objects).toHaveLength(0);
  });

  it('allows only one settings object: the extra one is an error', () => {
    const r = load({ 'a.yaml': SETTINGS('  podCIDR: 10.244.0.0/16\n', 'one'), 'b.yaml': SETTINGS('  podCIDR: 10.200.0.0/16\n', 'two') });
    expect(errors(r).map((e) => [e.file, e.line, e.message])).toEqual([
      ['b.yaml', 2, 'only one ClusterSettings object is allowed per folder; the one in a.yaml:1 is used'],
    ]);
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['one']);
  });

  it("applies the settings' node-port range to Services in other files", () => {
    const r = load({
      'svc.yaml': service('np', 'type: NodePort\nports:\n- port: 80\n  nodePort: 31000'),
      'settings.yaml': SETTINGS('  nodePortRange: 20000-22767\n'),
    });
    expect(messages(r)).toEqual([
      'spec.ports[0].nodePort: Invalid value: 31000: provided port is not in the valid range. The range of valid ports is 20000-22767',
    ]);
  });
});

describe('Node manifests', () => {
  it('parses capacity and defaults allocatable to it', () => {
    const r = load(`apiVersion: v1
kind: Node
metadata:
  name: k8s-node1
  labels: {kubernetes.io/hostname: k8s-node1}
spec:
  podCIDR: 10.244.1.0/24
  unschedulable: true
  taints:
  - {key: dedicated, value: gpu, effect: NoSchedule}
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  addresses:
  - {type: InternalIP, address: 192.168.64.31}
`);
    const n = find(r, 'Node', 'k8s-node1');
    expect(n.spec).toEqual({
      podCIDR: '10.244.1.0/24',
      podCIDRs: ['10.244.1.0/24'],
      unschedulable: true,
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
    });
    expect(n.status.capacity).toEqual({ cpu: 4000, memory: 8 * 1024 ** 3, pods: 110 });
    expect(n.status.allocatable).toEqual(n.status.capacity);
    expect(n.status.addresses).toEqual([{ type: 'InternalIP', address: '192.168.64.31' }]);
    expect(n.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'k8s-node1' });
  });

  it('validates taints and whole pods', () => {
    const r = load(`apiVersion: v1
kind: Node
metadata:
  name: node-a
spec:
  taints:
  - {key: a, effect: NoScheduled}
  - {key: b, effect: NoSchedule}
  - {key: b, effect: NoSchedule}
status:
  capacity: {pods: 1.5}
`);
    expect(errors(r).map((e) => [e.message, e.line])).toEqual([
      ['metadata.taints[0].effect: Unsupported value: "NoScheduled": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"', 7],
      [
        'metadata.taints[2]: Duplicate value: core.Taint{Key:"b", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
        9,
      ],
      ['status.capacity.pods: Invalid value: "1500m": must be an integer', 11],
    ]);
  });
});
