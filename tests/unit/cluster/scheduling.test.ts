import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { container, load, pod } from './fixtures';

describe('scheduling', () => {
  test('nodeSelector places pods on the named node; the scheduler reports it with scores', () => {
    const c = buildCluster(load(pod('p', [container('c', 'nginx')], { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node2' } })), {
      seed: 1,
    });
    const p = c.pods.find((x) => x.name === 'p')!;
    expect(p.nodeName).toBe('k8s-node2');
    expect(p.schedule.by).toBe('scheduler');
    expect(p.schedule.rejected['k8s-node1']).toBe("node(s) didn't match Pod's node affinity/selector");
    expect(c.events).toContainEqual(
      expect.objectContaining({ reason: 'Scheduled', object: 'pod/p', message: 'Successfully assigned default/p to k8s-node2' }),
    );
  });

  test('ordinary pods never land on the tainted control plane', () => {
    const pods = Array.from({ length: 8 }, (_, i) => pod(`p${i}`, [container('c', 'nginx')]));
    const c = buildCluster(load(...pods), { seed: 5 });
    expect(c.pods.filter((p) => !p.builtIn).every((p) => p.nodeName === 'k8s-node1' || p.nodeName === 'k8s-node2')).toBe(true);
  });

  test('an unschedulable pod stays Pending, without node or IP, with the FailedScheduling message', () => {
    const c = buildCluster(load(pod('big', [container('c', 'nginx', { cpu: 8000 })])), { seed: 1 });
    const p = c.pods.find((x) => x.name === 'big')!;
    expect(p).toMatchObject({ nodeName: null, ip: null, phase: 'Pending', status: 'Pending', ready: false });
    expect(p.schedule.message).toMatch(/^0\/3 nodes are available: /);
    expect(p.schedule.message).toContain('Insufficient cpu');
    expect(c.events).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'FailedScheduling', object: 'pod/big', message: p.schedule.message }),
    );
  });

  test('spec.nodeName binds directly, even to the tainted control plane, with no scheduler event', () => {
    const c = buildCluster(load(pod('p', [container('c', 'nginx')], { nodeName: 'k8s-master' })), { seed: 1 });
    const p = c.pods.find((x) => x.name === 'p')!;
    expect(p.nodeName).toBe('k8s-master');
    expect(p.schedule.by).toBe('nodeName');
    expect(p.ip).toMatch(/^10\.244\.0\./);
    expect(c.events.some((e) => e.object === 'pod/p' && e.reason === 'Scheduled')).toBe(false);
  });

  test('spec.nodeName naming a missing node: never scheduled nor run, then deleted by PodGC', () => {
    const c = buildCluster(load(pod('p', [container('c', 'nginx')], { nodeName: 'nope' })), { seed: 1 });
    expect(c.pods.find((x) => x.name === 'p')).toBeUndefined();
    expect(c.events.filter((e) => e.object === 'pod/p').map((e) => e.reason)).toEqual(['DeletionByPodGC']);
  });

  test('spec.nodeName on a node without room: the kubelet rejects it (OutOfcpu, Failed)', () => {
    const c = buildCluster(load(pod('p', [container('c', 'nginx', { cpu: 5000 })], { nodeName: 'k8s-node1' })), { seed: 1 });
    const p = c.pods.find((x) => x.name === 'p')!;
    expect(p).toMatchObject({ phase: 'Failed', status: 'OutOfcpu', ip: null, ready: false });
    expect(c.events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'OutOfcpu', object: 'pod/p' }));
  });

  test('the same seed places pods the same way; requests fill nodes', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`p${i}`, [container('c', 'nginx', { cpu: 500 })]));
    const a = buildCluster(load(...pods), { seed: 11 });
    const b = buildCluster(load(...pods), { seed: 11 });
    expect(a.pods.map((p) => p.nodeName)).toEqual(b.pods.map((p) => p.nodeName));
    // 2 CPU workers take 3 × 500m each (plus flannel's 100m): the 7th would not fit.
    expect(a.pods.filter((p) => !p.builtIn && p.nodeName).length).toBe(6);
  });
});

describe('scheduling: ties', () => {
  test("the seed's two empty workers tie for the first Pod, and its record says so", () => {
    const c = buildCluster(load(pod('p', [container('c', 'nginx')])), { seed: 1 });
    const p = c.pods.find((x) => x.name === 'p')!;
    expect(p.schedule.tie).toMatchObject({ count: 2, nodes: ['k8s-node1', 'k8s-node2'] });
    expect(p.schedule.tie!.score).toBe(p.schedule.scores[p.nodeName!].total);
  });
});
