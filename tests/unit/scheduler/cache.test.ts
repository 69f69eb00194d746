/** The scheduler cache follows the cluster: bind, delete, cordon, and the kubelet's own admission check. */
import { describe, expect, it } from 'vitest';
import { addPod, kubeletAdmission, newSchedulerCache, podRequests, removePod, schedulePod, updateNode } from '../../../src/scheduler';
import { Rng } from '../../../src/util/rng';
import { bound, container, GiB, node, pod, sized } from './fixtures';

const rng = (): Rng => new Rng(1);

describe('addPod / removePod', () => {
  it('frees the resources of a deleted pod', () => {
    const cache = newSchedulerCache([node('a')]);
    const big = bound(sized('big', 1800), 'a');
    addPod(cache, big);
    expect(schedulePod(cache, sized('p', 500), rng()).node).toBeNull();
    removePod(cache, big);
    expect(schedulePod(cache, sized('p', 500), rng()).node).toBe('a');
  });

  it('is idempotent for the same uid and ignores Succeeded/Failed pods', () => {
    const cache = newSchedulerCache([node('a')]);
    const p = bound(sized('x', 1500), 'a');
    addPod(cache, p);
    addPod(cache, p);
    expect(schedulePod(cache, sized('y', 500), rng()).node).toBe('a'); // 1500 counted once
    addPod(cache, { ...p, phase: 'Succeeded' }); // a finished Job pod holds nothing
    expect(schedulePod(cache, sized('z', 2000), rng()).node).toBe('a');
  });

  it('releases a hostPort when its pod goes away', () => {
    const cache = newSchedulerCache([node('a')]);
    const hp = (n: string) =>
      pod(n, { containers: [container('c', {}, { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] })] });
    const first = bound(hp('one'), 'a');
    addPod(cache, first);
    expect(schedulePod(cache, hp('two'), rng()).node).toBeNull();
    removePod(cache, first);
    expect(schedulePod(cache, hp('two'), rng()).node).toBe('a');
  });
});

describe('updateNode', () => {
  it('cordon and uncordon take effect on the next decision', () => {
    const a = node('a');
    const cache = newSchedulerCache([a, node('b')]);
    updateNode(cache, { ...a, unschedulable: true });
    for (let i = 0; i < 5; i++) expect(schedulePod(cache, pod('p' + i), new Rng(i)).node).toBe('b');
    updateNode(cache, { ...a, unschedulable: false });
    const nodes = new Set(Array.from({ length: 10 }, (_, i) => schedulePod(cache, pod('q' + i), new Rng(i)).node));
    expect(nodes).toEqual(new Set(['a', 'b']));
  });

  it('moves topology counts when a node changes zone', () => {
    const z = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });
    const a = z('a', 'x');
    const cache = newSchedulerCache([a, z('b', 'y')]);
    const web = (n: string) => pod(n, {}, { labels: { app: 'web' }, owner: { kind: 'ReplicaSet', name: 'web-1' } });
    addPod(cache, bound(web('w0'), 'a'));
    // Relabel a into zone y: b's zone now holds the replica too, so both nodes tie on the zone part.
    updateNode(cache, { ...a, labels: { ...a.labels, 'topology.kubernetes.io/zone': 'y' } });
    const r = schedulePod(cache, web('w1'), rng());
    // host weight ln(4) = 1.386, zone weight ln(1 + 2) = 1.099; a: 1.386 + 2 + 1.099 + 4 = 8.49 → 8; b: 2 + 1.099 + 4 = 7.1 → 7
    // a: 100·(8 + 7 − 8)/8 = 87, b: 100·(8 + 7 − 7)/8 = 100
    expect(r.scores.a.plugins.PodTopologySpread).toBe(87);
    expect(r.scores.b.plugins.PodTopologySpread).toBe(100);
  });
});

describe('podRequests', () => {
  it('is max(sum of containers, largest init container) per resource, without scoring defaults', () => {
    const s = pod('p', {
      containers: [container('a', { cpu: 250, memory: 64 * 1024 * 1024 }), container('b', {})],
      initContainers: [container('init', { memory: 1 * GiB })],
    }).spec;
    expect(podRequests(s)).toEqual({ cpu: 250, memory: 1 * GiB });
  });
});

describe('kubeletAdmission (pods bound by spec.nodeName)', () => {
  it('admits a pod that fits', () => {
    const cache = newSchedulerCache([node('a')]);
    expect(kubeletAdmission(cache, sized('p', 500), 'a')).toBeNull();
  });

  it('rejects with OutOfcpu and the kubelet message', () => {
    const cache = newSchedulerCache([node('a')]);
    addPod(cache, bound(sized('x', 1500), 'a'));
    expect(kubeletAdmission(cache, sized('p', 1000), 'a')).toEqual({
      reason: 'OutOfcpu',
      message: "Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000",
      statusMessage: "Pod was rejected: Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000",
    });
  });

  it('ignores NoSchedule taints but not NoExecute ones', () => {
    const cache = newSchedulerCache([
      node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      node('bad', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }),
    ]);
    expect(kubeletAdmission(cache, pod('p'), 'cp')).toBeNull();
    expect(kubeletAdmission(cache, pod('p'), 'bad')?.reason).toBe('TaintToleration');
  });

  it('reports a too-full node as OutOfpods', () => {
    const cache = newSchedulerCache([node('a', { pods: 1 })]);
    addPod(cache, bound(pod('x'), 'a'));
    expect(kubeletAdmission(cache, pod('p'), 'a')?.reason).toBe('OutOfpods');
  });
});
