/** ClusterIP Services: DNAT on the client's node, REJECT, DROP, wrong ports, readiness, hairpin. */
import { describe, expect, it } from 'vitest';
import { traceRequests } from '../../../src/trace';
import { SVC1_IP, cluster, pod, pod1, pod2, seedCluster, seedNodes, service } from './fixtures';
import { ipOf, lastHop, path, trace1, traceWhere } from './helpers';

describe('ClusterIP reachability', () => {
  it('is not reachable from outside the cluster: no route, the client waits', () => {
    const run = traceRequests(seedCluster(), { from: 'external', to: `${SVC1_IP}:9000` }).run;
    const t = run.traces[0];
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toMatch(/ClusterIP.*only from Pods and nodes/);
    expect(t.hops.some((h) => h.action === 'dnat')).toBe(false);
    expect(run.events[run.events.length - 1]).toMatchObject({ action: 'timeout', outcome: 'unreachable' });
  });

  it('a port the Service does not have matches no rule and times out (iptables mode)', () => {
    const t = trace1(seedCluster(), 'pod/pod-1', `${SVC1_IP}:8080`);
    expect(t.outcome).toBe('timeout');
    expect(t.reason).toContain('9000/TCP');
    expect(t.hops.some((h) => h.action === 'dnat')).toBe(false);
  });

  it('an unallocated address in the Service range times out', () => {
    expect(trace1(seedCluster(), 'pod/pod-1', '10.96.200.200:80').outcome).toBe('timeout');
  });
});

describe('no ready endpoints', () => {
  it('REJECTs at once, naming the selector that matches nothing', () => {
    const pods = [pod1()];
    const lonely = service({ name: 'svc-x', clusterIP: '10.100.0.7', selector: { app: 'foo' }, ports: [{ port: 80 }] }, pods);
    const run = traceRequests(cluster(seedNodes(), pods, [lonely]), { from: 'pod/pod-1', to: 'svc/svc-x:80' }).run;
    const t = run.traces[0];
    expect(t.outcome).toBe('refused');
    expect(lastHop(t)).toMatchObject({ at: 'svc/svc-x', action: 'reject', node: 'k8s-node1' });
    expect(t.reason).toMatch(/^connection refused immediately: svc-x has no ready endpoints — its selector app=foo matches no ready Pod/);
    expect(t.refs?.some((r) => r.path === 'spec.selector')).toBe(true);
    // Immediate: no client-side timeout event.
    expect(run.events.some((e) => e.action === 'timeout')).toBe(false);
  });

  it('a matching Pod that is not Ready is no endpoint (CrashLoopBackOff from a duplicate port)', () => {
    const crashing = pod({
      name: 'web',
      node: 'k8s-node1',
      ip: '10.244.1.5',
      labels: { app: 'web' },
      containers: [
        { name: 'a', ports: [8080] },
        { name: 'b', ports: [8080], state: 'waiting', reason: 'CrashLoopBackOff', message: 'bind: address already in use' },
      ],
      status: 'CrashLoopBackOff',
    });
    const svc = service({ name: 'web', clusterIP: '10.100.0.8', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }, [
      crashing,
    ]);
    const c = cluster(seedNodes(), [pod1(), crashing], [svc]);
    const t = trace1(c, 'pod/pod-1', 'svc/web:80');
    expect(t.outcome).toBe('refused');
    expect(t.reason).toContain('none is Ready');
    expect(t.reason).toContain('web (CrashLoopBackOff)');
    // …while the running container still answers on the Pod IP directly.
    const direct = trace1(c, 'pod/pod-1', 'pod/web:8080');
    expect(direct).toMatchObject({ outcome: 'delivered', container: 'a' });
  });
});

describe('nothing listening behind the Service', () => {
  it('a wrong targetPort reaches the Pod, whose kernel answers RST: refused, with the way back', () => {
    const pods = [pod1()];
    const wrong = service(
      { name: 'svc-w', clusterIP: '10.100.0.9', selector: { app: 'pod' }, ports: [{ port: 9000, targetPort: 8081 }] },
      pods,
    );
    const t = trace1(cluster(seedNodes(), pods, [wrong]), 'node/k8s-node2', 'svc/svc-w:9000');
    expect(t.outcome).toBe('refused');
    expect(lastHop(t)).toMatchObject({ at: 'pod/pod-1', action: 'rst', dst: '10.244.1.2:8081' });
    expect(t.reason).toContain('targetPort 8081');
    expect(t.reason).toContain('8080 (container2)');
    expect(t.refs?.some((r) => r.label === 'targetPort: 8081')).toBe(true);
    const back = t.response!.hops;
    expect(back[back.length - 1]).toMatchObject({ at: 'node/k8s-node2', action: 'deliver', src: '10.100.0.9:9000' });
  });

  it('a named targetPort resolves per Pod', () => {
    const a = pod({
      name: 'a',
      node: 'k8s-node1',
      ip: '10.244.1.7',
      labels: { app: 'n' },
      containers: [{ name: 'c', ports: [{ containerPort: 8080, name: 'http' }] }],
    });
    const b = pod({
      name: 'b',
      node: 'k8s-node2',
      ip: '10.244.2.7',
      labels: { app: 'n' },
      containers: [{ name: 'c', ports: [{ containerPort: 9090, name: 'http' }] }],
    });
    const svc = service({ name: 'named', clusterIP: '10.100.0.10', selector: { app: 'n' }, ports: [{ port: 80, targetPort: 'http' }] }, [
      a,
      b,
    ]);
    const c = cluster(seedNodes(), [a, b], [svc]);
    expect(lastHop(traceWhere(c, 'node/k8s-master', 'svc/named:80', (t) => t.pod === 'a')).dst).toBe('10.244.1.7:8080');
    expect(lastHop(traceWhere(c, 'node/k8s-master', 'svc/named:80', (t) => t.pod === 'b')).dst).toBe('10.244.2.7:9090');
  });
});

describe('internalTrafficPolicy: Local', () => {
  const pods = [pod1()];
  const itp = service(
    {
      name: 'local-only',
      clusterIP: '10.100.0.11',
      selector: { app: 'pod' },
      ports: [{ port: 80, targetPort: 8080 }],
      internalTrafficPolicy: 'Local',
    },
    pods,
  );
  const c = cluster(
    seedNodes(),
    [...pods, pod({ name: 'client', node: 'k8s-node2', ip: '10.244.2.9', containers: [{ name: 'sh' }] })],
    [itp],
  );

  it('drops ClusterIP traffic from a node without a local endpoint', () => {
    const t = trace1(c, 'pod/client', 'svc/local-only:80');
    expect(t.outcome).toBe('dropped');
    expect(lastHop(t)).toMatchObject({ action: 'drop', at: 'svc/local-only', node: 'k8s-node2' });
    expect(t.reason).toContain('internalTrafficPolicy: Local');
    expect(t.refs?.some((r) => r.label === 'internalTrafficPolicy: Local')).toBe(true);
  });

  it("serves from the local endpoint on the endpoint's node", () => {
    expect(trace1(c, 'node/k8s-node1', 'svc/local-only:80')).toMatchObject({ outcome: 'delivered', pod: 'pod-1' });
  });
});

describe('endpoint choice', () => {
  it('follows statistic --mode random: each of n endpoints about 1/n of new connections', () => {
    const pods = [0, 1, 2].map((i) =>
      pod({ name: `p${i}`, node: 'k8s-node1', ip: `10.244.1.${10 + i}`, labels: { app: 'r' }, containers: [{ name: 'c', ports: [80] }] }),
    );
    const svc = service({ name: 'r', clusterIP: '10.100.0.12', selector: { app: 'r' }, ports: [{ port: 80 }] }, pods);
    const run = traceRequests(cluster(seedNodes(), pods, [svc]), { from: 'node/k8s-node2', to: 'svc/r:80', count: 3000 }).run;
    const counts = new Map<string, number>();
    for (const t of run.traces) counts.set(t.pod!, (counts.get(t.pod!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['p0', 'p1', 'p2']);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(120);
  });

  it("hairpin: a Pod that picks itself through its Service is masqueraded to its node's cni0 address", () => {
    const c = seedCluster();
    const t = traceWhere(c, 'pod/pod-1', 'svc/svc-1:9000', (x) => x.pod === 'pod-1');
    const snat = t.hops.find((h) => h.action === 'snat')!;
    expect(snat.at).toBe('node/k8s-node1');
    expect(ipOf(snat.src)).toBe('10.244.1.1');
    expect(ipOf(lastHop(t).src)).toBe('10.244.1.1');
    expect(path(t)).toEqual(['send@pod/pod-1', 'dnat@svc/svc-1', 'snat@node/k8s-node1', 'deliver@pod/pod-1']);
    // Picking the other pod is plain DNAT, no SNAT.
    const other = traceWhere(c, 'pod/pod-1', 'svc/svc-1:9000', (x) => x.pod === 'pod-2');
    expect(other.hops.some((h) => h.action === 'snat')).toBe(false);
  });

  it('falls back to serving+terminating endpoints when none is Ready', () => {
    const pods = [pod1(), pod2()];
    const svc = service(
      { name: 'svc-t', clusterIP: '10.100.0.13', selector: { app: 'pod' }, ports: [{ port: 80, targetPort: 8080 }] },
      pods,
    );
    svc.endpoints = svc.endpoints.map((e) =>
      e.pod === 'pod-1' ? { ...e, ready: false, serving: true, terminating: true } : { ...e, ready: false, serving: false },
    );
    const t = trace1(cluster(seedNodes(), pods, [svc]), 'node/k8s-node2', 'svc/svc-t:80');
    expect(t).toMatchObject({ outcome: 'delivered', pod: 'pod-1' });
    expect(t.hops.find((h) => h.action === 'dnat')!.note).toContain('terminating');
  });
});
