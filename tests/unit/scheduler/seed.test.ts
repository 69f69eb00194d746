/**
 * The seed's lessons: a pod goes to the worker with the most resources left; equal workers are a
 * seeded coin toss; nodeSelector pins a pod; the control plane is never picked.
 */
import { describe, expect, it } from 'vitest';
import { addPod, newSchedulerCache, schedulePod } from '../../../src/scheduler';
import { Rng, seedState } from '../../../src/util/rng';
import { bound, GiB, pod, seedNodes, sized } from './fixtures';

describe('the seed cluster', () => {
  it('breaks a tie between two equal workers with the seeded RNG, the same way every time', () => {
    const pick = (seed: number) => schedulePod(newSchedulerCache(seedNodes()), pod('pod-1'), new Rng(seedState(seed))).node;
    const first = pick(1);
    expect(['k8s-node1', 'k8s-node2']).toContain(first);
    expect(pick(1)).toBe(first);
    // Some seed picks the other worker: the choice is the RNG's, not a fixed order.
    const picks = new Set(Array.from({ length: 20 }, (_, s) => pick(s)));
    expect(picks).toEqual(new Set(['k8s-node1', 'k8s-node2']));
  });

  it('shows both workers with equal totals in the explanation of a tie', () => {
    const r = schedulePod(newSchedulerCache(seedNodes()), pod('pod-1'), new Rng(1));
    expect(Object.keys(r.scores).sort()).toEqual(['k8s-node1', 'k8s-node2']);
    expect(r.scores['k8s-node1']).toEqual(r.scores['k8s-node2']);
    // 3·100 (no PreferNoSchedule taints) + 95 (LeastAllocated) + 0 (no images); BestEffort skips BalancedAllocation.
    expect(r.scores['k8s-node1'].total).toBe(395);
    expect(r.by).toBe('scheduler');
  });

  it('sends the pod to the worker with more room: the busier node loses', () => {
    for (let seed = 0; seed < 10; seed++) {
      const cache = newSchedulerCache(seedNodes());
      addPod(cache, bound(sized('busy', 500, 1 * GiB), 'k8s-node1'));
      const r = schedulePod(cache, pod('pod-2'), new Rng(seed));
      expect(r.node).toBe('k8s-node2');
      expect(r.scores['k8s-node1'].plugins.NodeResourcesFit).toBeLessThan(r.scores['k8s-node2'].plugins.NodeResourcesFit);
    }
  });

  it('honours nodeSelector kubernetes.io/hostname: k8s-node1 even when node2 is emptier', () => {
    const cache = newSchedulerCache(seedNodes());
    addPod(cache, bound(sized('busy', 1500), 'k8s-node1'));
    const r = schedulePod(cache, pod('pod-1', { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' } }), new Rng(5));
    expect(r.node).toBe('k8s-node1');
    expect(Object.keys(r.scores)).toEqual(['k8s-node1']);
  });

  it('never places an ordinary pod on the control plane, whatever the seed', () => {
    for (let seed = 0; seed < 30; seed++) {
      const r = schedulePod(newSchedulerCache(seedNodes()), pod('p'), new Rng(seed));
      expect(r.node).not.toBe('k8s-master');
      expect(r.scores).not.toHaveProperty('k8s-master');
    }
  });
});

describe('determinism', () => {
  function run(seed: number): (string | null)[] {
    const cache = newSchedulerCache(seedNodes());
    const rng = new Rng(seedState(seed));
    const out: (string | null)[] = [];
    for (let i = 0; i < 12; i++) {
      const p = sized('p' + i, 100 + (i % 3) * 100, 128 * 1024 * 1024, {
        owner: { kind: 'ReplicaSet', name: 'web-abc' },
        labels: { app: 'web' },
      });
      const r = schedulePod(cache, p, rng);
      out.push(r.node);
      if (r.node) addPod(cache, bound(p, r.node));
    }
    return out;
  }

  it('replays the same placements for the same seed', () => {
    expect(run(42)).toEqual(run(42));
  });

  it('spreads a ReplicaSet evenly over the two workers', () => {
    const placed = run(42);
    const n1 = placed.filter((n) => n === 'k8s-node1').length;
    expect(Math.abs(n1 - (placed.length - n1))).toBeLessThanOrEqual(2);
  });
});
