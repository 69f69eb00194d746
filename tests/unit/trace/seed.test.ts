/** The seed's practice steps, traced. */
import { describe, expect, it } from 'vitest';
import { traceRequests } from '../../../src/trace';
import type { Trace } from '../../../src/model/trace';
import { SVC1_IP, seedCluster } from './fixtures';

function one(c = seedCluster(), from: string, to: string, seed?: number): Trace {
  return traceRequests(c, { from, to, seed }).run.traces[0];
}

describe('seed: Pod practice', () => {
  it('curl from k8s-master to pod-1:8080 reaches container2 across the VXLAN tunnel', () => {
    const t = one(undefined, 'node/k8s-master', 'curl 10.244.1.2:8080');
    expect(t.outcome).toBe('delivered');
    expect(t.pod).toBe('pod-1');
    expect(t.container).toBe('container2');
    expect(t.node).toBe('k8s-node1');
    expect(t.hops.map((h) => `${h.action}@${h.at}`)).toEqual([
      'send@node/k8s-master',
      'encap@node/k8s-master',
      'decap@node/k8s-node1',
      'deliver@pod/pod-1',
    ]);
    // The node's route to 10.244.1.0/24 is flannel.1, so its address is the source.
    expect(t.hops[0].src).toMatch(/^10\.244\.0\.0:\d+$/);
    expect(t.hops[0].note).toContain('flannel.1');
    expect(t.hops[1].note).toContain('outer header 192.168.64.30 → 192.168.64.31, UDP 8472, VNI 1');
    expect(t.hops[3].dst).toBe('10.244.1.2:8080');
  });

  it('port 8000 of the same pod reaches container1', () => {
    const t = one(undefined, 'node/k8s-master', '10.244.1.2:8000');
    expect(t.container).toBe('container1');
  });
});

describe('seed: svc-1 (ClusterIP 9000 → 8080)', () => {
  it("DNATs the ClusterIP on the client pod's node and reaches a pod on 8080", () => {
    // pod-2 is itself an endpoint; pick a seed that lands on pod-1 (hairpin is tested on its own).
    const c = seedCluster();
    let t = one(c, 'pod/pod-2', 'svc/svc-1:9000');
    for (let seed = 2; t.pod !== 'pod-1' && seed < 50; seed++) t = one(c, 'pod/pod-2', 'svc/svc-1:9000', seed);
    expect(t.outcome).toBe('delivered');
    expect(t.pod).toBe('pod-1');
    const dnat = t.hops.find((h) => h.action === 'dnat')!;
    expect(dnat.at).toBe('svc/svc-1');
    expect(dnat.node).toBe('k8s-node2');
    expect(dnat.changed).toEqual(['dst']);
    expect(dnat.rule).toMatch(/^KUBE-SERVICES → KUBE-SVC-[A-Z2-7]{16} → KUBE-SEP-[A-Z2-7]{16}$/);
    expect(t.hops[t.hops.length - 1].dst).toBe('10.244.1.2:8080');
    expect(t.hops.filter((h) => h.action === 'encap' || h.action === 'decap').map((h) => `${h.action}@${h.node}`)).toEqual([
      'encap@k8s-node2',
      'decap@k8s-node1',
    ]);
    // ClusterIP traffic from a pod is not masqueraded: the backend sees the client pod.
    expect(t.hops[t.hops.length - 1].src.startsWith('10.244.2.2:')).toBe(true);
    expect(t.reason).toContain(`svc-1 DNATed ${SVC1_IP}:9000 to`);
  });

  it('from the master, DNAT happens on k8s-master and the host source is masqueraded', () => {
    const c = seedCluster();
    const seen = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const t = one(c, 'node/k8s-master', `curl ${SVC1_IP}:9000`, seed);
      expect(t.outcome).toBe('delivered');
      expect(t.hops.find((h) => h.action === 'dnat')!.node).toBe('k8s-master');
      const snat = t.hops.find((h) => h.action === 'snat')!;
      expect(snat.at).toBe('node/k8s-master');
      expect(snat.src.startsWith('10.244.0.0:')).toBe(true); // flannel.1 of k8s-master
      seen.add(t.pod!);
    }
    // Random per connection: both pods serve over a few seeds.
    expect(seen).toEqual(new Set(['pod-1', 'pod-2']));
  });
});

describe('seed: svc-2 (NodePort 30000, externalTrafficPolicy: Local)', () => {
  it('external → k8s-node1:30000 is served by pod-1 on k8s-node1 with the client IP preserved', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const t = one(undefined, 'external', 'node/k8s-node1:30000', seed);
      expect(t.outcome).toBe('delivered');
      expect(t.pod).toBe('pod-1');
      expect(t.hops.some((h) => h.action === 'forward' || h.action === 'snat')).toBe(false);
      const last = t.hops[t.hops.length - 1];
      expect(last.src.startsWith('192.168.64.1:')).toBe(true);
      expect(last.dst).toBe('10.244.1.2:8080');
      expect(t.reason).toContain('client IP 192.168.64.1 preserved');
    }
  });

  it('external → k8s-node2:30000 is served by pod-2 on k8s-node2', () => {
    const t = one(undefined, 'external', 'node/k8s-node2:30000');
    expect(t.outcome).toBe('delivered');
    expect(t.pod).toBe('pod-2');
    expect(t.node).toBe('k8s-node2');
  });

  it('with pod-2 missing, k8s-node2 drops the request and the client hangs', () => {
    const run = traceRequests(seedCluster({ withoutPod2: true }), { from: 'external', to: 'node/k8s-node2:30000' }).run;
    const t = run.traces[0];
    expect(t.outcome).toBe('dropped');
    const drop = t.hops[t.hops.length - 1];
    expect(drop).toMatchObject({ at: 'svc/svc-2', action: 'drop', node: 'k8s-node2' });
    expect(t.reason).toMatch(/k8s-node2/);
    expect(t.reason).toMatch(/externalTrafficPolicy: Local/);
    expect(t.reason).toMatch(/times out/);
    expect(t.refs?.some((r) => r.label === 'externalTrafficPolicy: Local')).toBe(true);
    expect(t.response).toBeUndefined();
    const lastEvent = run.events[run.events.length - 1];
    expect(lastEvent).toMatchObject({ action: 'timeout', at: 'client', outcome: 'dropped' });
  });

  it('the same node keeps working for k8s-node1 when pod-2 is missing', () => {
    expect(one(seedCluster({ withoutPod2: true }), 'external', 'node/k8s-node1:30000').outcome).toBe('delivered');
  });
});

describe('seed: svc-3 (LoadBalancer without a provider)', () => {
  it('lb/svc-3 is unreachable because its EXTERNAL-IP is <pending>', () => {
    const t = one(undefined, 'external', 'lb/svc-3:9000');
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toContain('<pending>');
    expect(t.reason).toContain('31547');
    expect(t.hops[t.hops.length - 1].at).toBe('lb/svc-3');
  });

  it('its node port still works (externalTrafficPolicy: Cluster masquerades)', () => {
    const t = one(undefined, 'external', 'node/k8s-master:31547');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.find((h) => h.action === 'dnat')!.node).toBe('k8s-master');
    expect(t.hops.find((h) => h.action === 'snat')!.src.startsWith('10.244.0.0:')).toBe(true);
  });
});
