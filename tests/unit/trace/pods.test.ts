/** Direct Pod IP traffic: delivery, readiness, missing addresses, Pods that cannot send. */
import { describe, expect, it } from 'vitest';
import { TraceUsageError, traceRequests } from '../../../src/trace';
import { cluster, pod, pod1, seedCluster, seedNodes } from './fixtures';
import { lastHop, path, trace1 } from './helpers';

describe('direct Pod IPs', () => {
  it('a Pod on the same node is reached over the cni0 bridge', () => {
    const c = seedCluster();
    c.pods.push(pod({ name: 'peer', node: 'k8s-node1', ip: '10.244.1.3', containers: [{ name: 'sh' }] }));
    const t = trace1(c, 'pod/peer', '10.244.1.2:8080');
    expect(path(t)).toEqual(['send@pod/peer', 'deliver@pod/pod-1']);
    expect(t.response!.hops.map((h) => h.action)).toEqual(['reply', 'deliver']);
  });

  it('a not-Ready Pod still answers on its IP when its container runs', () => {
    const slow = pod({
      name: 'slow',
      node: 'k8s-node2',
      ip: '10.244.2.5',
      ready: false,
      containers: [{ name: 'app', ports: [8080], ready: false }],
    });
    const t = trace1(cluster(seedNodes(), [pod1(), slow], []), 'pod/pod-1', 'pod/slow:8080');
    expect(t).toMatchObject({ outcome: 'delivered', pod: 'slow', container: 'app' });
  });

  it('a container that is not running serves nothing: RST', () => {
    const down = pod({
      name: 'down',
      node: 'k8s-node2',
      ip: '10.244.2.6',
      containers: [{ name: 'app', ports: [8080], state: 'waiting', reason: 'CrashLoopBackOff', message: 'exit code 1' }],
    });
    const t = trace1(cluster(seedNodes(), [pod1(), down], []), 'pod/pod-1', '10.244.2.6:8080');
    expect(t.outcome).toBe('refused');
    expect(lastHop(t).action).toBe('rst');
    expect(t.reason).toContain('CrashLoopBackOff');
  });

  it("an address in a node's podCIDR that no Pod has times out (ARP gets no answer)", () => {
    const run = traceRequests(seedCluster(), { from: 'node/k8s-master', to: '10.244.2.77:8080' }).run;
    const t = run.traces[0];
    expect(t.outcome).toBe('timeout');
    expect(lastHop(t)).toMatchObject({ at: 'node/k8s-node2', action: 'drop' });
    expect(t.reason).toContain('ARP');
    const end = run.events[run.events.length - 1];
    expect(end).toMatchObject({ action: 'timeout', at: 'node/k8s-master', outcome: 'timeout' });
    expect(end.explanation).toMatch(/127 s/);
  });

  it('an address outside every podCIDR leaves by the default route and times out', () => {
    const t = trace1(seedCluster(), 'pod/pod-1', '10.245.0.9:80');
    expect(t.outcome).toBe('timeout');
    expect(t.hops.find((h) => h.action === 'snat')?.rule).toBe('FLANNEL-POSTRTG');
  });

  it('a Pending Pod has no IP: unreachable as a target, unusable as a source', () => {
    const pending = pod({ name: 'waiting', node: null, ip: null, containers: [{ name: 'c', ports: [80] }] });
    const c = cluster(seedNodes(), [pod1(), pending], []);
    const t = trace1(c, 'pod/pod-1', 'pod/waiting:80');
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toContain('no IP');
    expect(() => traceRequests(c, { from: 'pod/waiting', to: 'pod/pod-1:8080' })).toThrow(TraceUsageError);
  });

  it('127.0.0.1 inside a Pod is the Pod itself', () => {
    expect(trace1(seedCluster(), 'pod/pod-1', '127.0.0.1:8000')).toMatchObject({
      outcome: 'delivered',
      pod: 'pod-1',
      container: 'container1',
    });
  });
});
