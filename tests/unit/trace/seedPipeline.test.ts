/**
 * The seed's practice steps through the real pipeline: assets/examples/seed → loadManifests →
 * buildCluster → traceRequests. IPs and names come from the builder, so the tests look them up.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { readFolder } from '../../../src/load/fsFolder';
import { loadManifests } from '../../../src/load/index';
import type { Cluster } from '../../../src/model/cluster';
import { traceRequests } from '../../../src/trace';
import { ipOf, lastHop, trace1, traceWhere } from './helpers';

const SEED = join(__dirname, '..', '..', '..', 'assets', 'examples', 'seed');

function seed(): Cluster {
  return buildCluster(loadManifests(readFolder(SEED).files), { seed: 1 });
}

const c = seed();
const podIP = (ns: string, name: string) => c.pods.find((p) => p.namespace === ns && p.name === name)!.ip!;

describe('seed practice on the built cluster', () => {
  it("Pod: curl from k8s-master to pod-1's IP on 8080 reaches container2", () => {
    const ip = podIP('pod-practice', 'pod-1');
    const t = trace1(c, 'node/k8s-master', `curl ${ip}:8080`);
    expect(t).toMatchObject({ outcome: 'delivered', pod: 'pod-1', container: 'container2' });
    expect(t.hops.some((h) => h.action === 'encap' && h.note?.includes('VXLAN'))).toBe(true);
    expect(t.refs?.some((r) => r.file === '1-pod/pod-1.yaml' && r.label.includes('containerPort: 8080'))).toBe(true);
  });

  it("ClusterIP: svc-1 forwards its ClusterIP:9000 to a Pod's 8080", () => {
    const svc = c.services.find((s) => s.namespace === 'default' && s.name === 'svc-1')!;
    const t = trace1(c, 'pod/pod-2', 'svc/svc-1:9000');
    expect(t.outcome).toBe('delivered');
    expect(t.hops[1]).toMatchObject({ at: 'svc/svc-1', action: 'dnat', src: t.hops[0].src });
    expect(t.hops[0].dst).toBe(`${svc.clusterIP}:9000`);
    expect(lastHop(t).dst.endsWith(':8080')).toBe(true);
    expect(t.refs?.some((r) => r.file === '3-clusterip/svc-1.yaml' && r.path === 'spec.ports[0].targetPort')).toBe(true);
  });

  it('NodePort + Local: each worker serves its own Pod and keeps the client IP', () => {
    for (const [n, p] of [
      ['k8s-node1', 'pod-1'],
      ['k8s-node2', 'pod-2'],
    ]) {
      const t = trace1(c, 'external', `node/${n}:30000`);
      expect(t).toMatchObject({ outcome: 'delivered', pod: p, node: n });
      expect(ipOf(lastHop(t).src)).toBe(c.settings.externalClientIP);
    }
  });

  it('NodePort + Local: the control plane has no such Pod, so the request hangs', () => {
    const t = trace1(c, 'external', 'node/k8s-master:30000');
    expect(t.outcome).toBe('dropped');
    expect(t.refs?.some((r) => r.file === '4-nodeport/svc-2.yaml' && r.label === 'externalTrafficPolicy: Local')).toBe(true);
  });

  it('the same Service lands on different Pods for different connections', () => {
    const pods = new Set(traceRequests(c, { from: 'node/k8s-master', to: 'svc/svc-1:9000', count: 20 }).run.traces.map((t) => t.pod));
    expect(pods).toEqual(new Set(['pod-1', 'pod-2']));
  });

  it('LoadBalancer: svc-3 is <pending>, its node port works', () => {
    const t = trace1(c, 'external', 'lb/svc-3:9000');
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toContain('<pending>');
    const np = c.services.find((s) => s.name === 'svc-3')!.ports[0].nodePort!;
    expect(traceWhere(c, 'external', `node/k8s-node1:${np}`, (x) => x.outcome === 'delivered').outcome).toBe('delivered');
  });

  it('kube-dns answers DNS from a Pod over UDP', () => {
    const t = trace1(c, 'pod/pod-1', 'svc/kube-system/kube-dns:53/udp');
    expect(t.outcome).toBe('delivered');
    expect(t.protocol).toBe('UDP');
    expect(t.pod?.startsWith('coredns-')).toBe(true);
  });

  it("the kubernetes Service reaches the API server on the control plane's 6443", () => {
    const t = trace1(c, 'pod/pod-1', 'svc/kubernetes:443');
    expect(t.outcome).toBe('delivered');
    expect(lastHop(t).dst).toBe(`${c.nodes.find((n) => n.name === 'k8s-master')!.ip}:6443`);
  });
});
