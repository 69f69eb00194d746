/** NodePort and externalTrafficPolicy: every node, masquerade addresses, Local and its exceptions. */
import { describe, expect, it } from 'vitest';
import { traceRequests } from '../../../src/trace';
import { cluster, pod, pod1, pod2, seedCluster, seedNodes, service } from './fixtures';
import { ipOf, lastHop, path, trace1, traceWhere } from './helpers';

/** svc-c: like the seed's svc-2 but externalTrafficPolicy: Cluster, nodePort 30080. */
function clusterPolicy(pods = [pod1(), pod2()]) {
  const svc = service(
    {
      name: 'svc-c',
      type: 'NodePort',
      clusterIP: '10.100.1.1',
      selector: { app: 'pod' },
      ports: [{ port: 9000, targetPort: 8080, nodePort: 30080 }],
    },
    pods,
  );
  return cluster(seedNodes(), pods, [svc]);
}

describe('NodePort, externalTrafficPolicy: Cluster', () => {
  it('opens on every node, the control plane included', () => {
    const c = clusterPolicy();
    for (const n of ['k8s-master', 'k8s-node1', 'k8s-node2']) {
      const t = trace1(c, 'external', `node/${n}:30080`);
      expect(t.outcome).toBe('delivered');
      expect(t.hops.find((h) => h.action === 'dnat')).toMatchObject({ at: 'svc/svc-c', node: n });
    }
  });

  it('masquerades to flannel.1 (10.244.N.0) when the backend is on another node', () => {
    const t = traceWhere(clusterPolicy(), 'external', 'node/k8s-node1:30080', (x) => x.pod === 'pod-2');
    expect(path(t)).toEqual([
      'send@client',
      'dnat@svc/svc-c',
      'snat@node/k8s-node1',
      'encap@node/k8s-node1',
      'decap@node/k8s-node2',
      'deliver@pod/pod-2',
    ]);
    const snat = t.hops[2];
    expect(snat.changed).toEqual(['src']);
    expect(ipOf(snat.src)).toBe('10.244.1.0');
    expect(ipOf(lastHop(t).src)).toBe('10.244.1.0');
    expect(t.hops[3].note).toContain('outer header 192.168.64.31 → 192.168.64.32, UDP 8472, VNI 1');
    expect(t.refs?.some((r) => r.label === 'externalTrafficPolicy: Cluster')).toBe(true);
    expect(t.refs?.some((r) => r.label === 'nodePort: 30080')).toBe(true);
  });

  it('masquerades to cni0 (10.244.N.1) when the backend is on the receiving node', () => {
    const t = traceWhere(clusterPolicy(), 'external', 'node/k8s-node1:30080', (x) => x.pod === 'pod-1');
    expect(ipOf(lastHop(t).src)).toBe('10.244.1.1');
    expect(t.hops.some((h) => h.action === 'forward')).toBe(false);
  });

  it('the response undoes both rewrites on the receiving node', () => {
    const t = traceWhere(clusterPolicy(), 'external', 'node/k8s-node1:30080', (x) => x.pod === 'pod-2');
    const back = t.response!.hops;
    const unnat = back.filter((h) => h.action === 'un-nat');
    expect(unnat.map((h) => h.node)).toEqual(['k8s-node1', 'k8s-node1']);
    expect(back[back.length - 1]).toMatchObject({ at: 'client', src: '192.168.64.31:30080', dst: t.hops[0].src });
  });

  it('a Service with no endpoints REJECTs on the node port too', () => {
    const t = trace1(clusterPolicy([]), 'external', 'node/k8s-node2:30080');
    expect(t.outcome).toBe('refused');
    expect(lastHop(t)).toMatchObject({ action: 'reject', rule: 'KUBE-EXTERNAL-SERVICES -j REJECT' });
  });
});

describe('a node port nobody uses', () => {
  it("is refused by the node kernel's RST", () => {
    const t = trace1(seedCluster(), 'external', 'node/k8s-node1:30001');
    expect(t.outcome).toBe('refused');
    expect(lastHop(t)).toMatchObject({ at: 'node/k8s-node1', action: 'rst' });
    expect(t.reason).toContain('no Service uses nodePort 30001');
    expect(t.response!.hops.map((h) => h.action)).toEqual(['reply', 'deliver']);
  });

  it('while the kubelet answers on 10250', () => {
    expect(trace1(seedCluster(), 'external', 'node/k8s-node1:10250')).toMatchObject({ outcome: 'delivered', node: 'k8s-node1' });
  });
});

describe('externalTrafficPolicy: Local exceptions', () => {
  it("a Pod calling its own node's node port short-circuits to any endpoint, without SNAT", () => {
    const c = seedCluster({ withoutPod2: false });
    const t = traceWhere(c, 'pod/pod-1', '192.168.64.31:30000', (x) => x.pod === 'pod-2');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.some((h) => h.action === 'snat')).toBe(false);
    expect(ipOf(lastHop(t).src)).toBe('10.244.1.2');
  });

  it('the node itself is masqueraded and may use any endpoint', () => {
    const t = traceWhere(seedCluster(), 'node/k8s-node1', 'node/k8s-node1:30000', (x) => x.pod === 'pod-2');
    expect(t.hops.find((h) => h.action === 'snat')!.src.startsWith('10.244.1.0:')).toBe(true);
  });

  it('from the control plane, which has no endpoint, the node itself still gets an answer', () => {
    expect(trace1(seedCluster(), 'node/k8s-master', 'node/k8s-master:30000').outcome).toBe('delivered');
  });

  it("a Pod calling another node's port is masqueraded by flannel and treated as external there (CNI-dependent)", () => {
    const client = pod({ name: 'client', node: 'k8s-node1', ip: '10.244.1.9', containers: [{ name: 'sh' }] });
    const c = seedCluster({ withoutPod2: true });
    c.pods.push(client);
    const t = trace1(c, 'pod/client', 'node/k8s-node2:30000');
    expect(t.outcome).toBe('dropped');
    const snat = t.hops.find((h) => h.action === 'snat')!;
    expect(snat).toMatchObject({ at: 'node/k8s-node1', rule: 'FLANNEL-POSTRTG' });
    expect(ipOf(snat.src)).toBe('192.168.64.31');
    expect(lastHop(t)).toMatchObject({ action: 'drop', node: 'k8s-node2' });
    expect(t.reason).toContain('CNI-dependent');
  });

  it("external traffic to the control plane's node port is dropped (no local endpoint)", () => {
    expect(trace1(seedCluster(), 'external', 'node/k8s-master:30000').outcome).toBe('dropped');
  });
});

describe('hostNetwork', () => {
  it("a hostNetwork Pod lives at its node's IP", () => {
    const agent = pod({
      name: 'agent',
      node: 'k8s-node2',
      ip: '192.168.64.32',
      hostNetwork: true,
      containers: [{ name: 'exporter', ports: [9100] }],
    });
    const c = cluster(seedNodes(), [agent], []);
    const t = trace1(c, 'external', '192.168.64.32:9100');
    expect(t).toMatchObject({ outcome: 'delivered', pod: 'agent', container: 'exporter', node: 'k8s-node2' });
    expect(lastHop(t).at).toBe('pod/agent');
  });

  it("a hostNetwork Pod sends from its node's address", () => {
    const agent = pod({ name: 'agent', node: 'k8s-node2', ip: '192.168.64.32', hostNetwork: true, containers: [{ name: 'x' }] });
    const c = seedCluster();
    c.pods.push(agent);
    const t = trace1(c, 'pod/agent', 'node/k8s-node1:30000');
    expect(ipOf(t.hops[0].src)).toBe('192.168.64.32');
    expect(t.outcome).toBe('delivered');
  });
});

describe('traffic from a node to a Pod', () => {
  it("uses cni0's address for a Pod on the same node", () => {
    const t = trace1(seedCluster(), 'node/k8s-node1', 'pod/pod-1:8080');
    expect(ipOf(t.hops[0].src)).toBe('10.244.1.1');
    expect(path(t)).toEqual(['send@node/k8s-node1', 'deliver@pod/pod-1']);
  });

  it('counts N requests from one client with consecutive source ports', () => {
    const run = traceRequests(seedCluster(), { from: 'external', to: 'node/k8s-node1:30000', count: 3 }).run;
    const ports = run.traces.map((t) => Number(t.hops[0].src.split(':')[1]));
    expect(ports[1]).toBe(ports[0] + 1);
    expect(ports[2]).toBe(ports[0] + 2);
    for (const p of ports) expect(p >= 32768 && p <= 60999).toBe(true);
  });
});
