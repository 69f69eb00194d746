/**
 * Score plugins with expectations worked out by hand from the upstream formulas (arithmetic in
 * the comments, int64 division as Go does it).
 */
import { describe, expect, it } from 'vitest';
import { addPod, newSchedulerCache, schedulePod, SCORE_WEIGHTS, setServiceSelectors } from '../../../src/scheduler';
import { Rng } from '../../../src/util/rng';
import { bound, container, GiB, MiB, node, pod, sized } from './fixtures';

const rng = (): Rng => new Rng(3);

describe('NodeResourcesFit (LeastAllocated)', () => {
  it('counts a request-less pod as 100m / 200Mi: empty 2 CPU / 4 GiB node → 95', () => {
    // cpu (2000 − 100)·100 / 2000 = 95; memory (4294967296 − 209715200)·100 / 4294967296 = 95.1 → 95; (95 + 95) / 2 = 95
    const cache = newSchedulerCache([node('a')]);
    expect(schedulePod(cache, pod('p'), rng()).scores.a.plugins.NodeResourcesFit).toBe(95);
  });

  it('adds existing pods’ non-zero requests: 1 request-less pod + 500m/1GiB bound', () => {
    const cache = newSchedulerCache([node('a')]);
    addPod(cache, bound(pod('noreq'), 'a')); // counts 100m / 200Mi
    addPod(cache, bound(sized('sized', 500, 1 * GiB), 'a'));
    // incoming 250m / 512Mi. cpu: 100 + 500 + 250 = 850 → (2000 − 850)·100 / 2000 = 57
    // memory: 200Mi + 1024Mi + 512Mi = 1736Mi → (4096 − 1736)·100 / 4096 = 57.6 → 57; (57 + 57) / 2 = 57
    expect(schedulePod(cache, sized('p', 250, 512 * MiB), rng()).scores.a.plugins.NodeResourcesFit).toBe(57);
  });

  it('gives the busier node the lower score, so the emptier node wins', () => {
    const cache = newSchedulerCache([node('busy'), node('idle')]);
    addPod(cache, bound(sized('x', 1000, 2 * GiB), 'busy'));
    const r = schedulePod(cache, pod('p'), rng());
    // busy: cpu (2000 − 1100)·100/2000 = 45, mem (4096 − 2248)·100/4096 = 45.1 → 45 → 45
    expect(r.scores.busy.plugins.NodeResourcesFit).toBe(45);
    expect(r.scores.idle.plugins.NodeResourcesFit).toBe(95);
    expect(r.node).toBe('idle');
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('scores 100·(1 − |f_cpu − f_mem| / 2) on real requests', () => {
    // f_cpu = 1000 / 2000 = 0.5, f_mem = 1 GiB / 4 GiB = 0.25, std = 0.125 → (1 − 0.125)·100 = 87.5 → 87
    const cache = newSchedulerCache([node('a')]);
    expect(schedulePod(cache, sized('p', 1000, 1 * GiB), rng()).scores.a.plugins.NodeResourcesBalancedAllocation).toBe(87);
  });

  it('caps a fraction at 1', () => {
    // cpu 3000 / 2000 → 1 (the Fit filter would reject it, so check via a node that has room on paper: 3000m node)
    const cache = newSchedulerCache([node('a', { cpu: 3000 })]);
    addPod(cache, bound(sized('x', 3000), 'a'));
    // After a 3000m pod the node has 0 cpu left; a 0-cpu 2 GiB pod: f_cpu = 3000/3000 = 1, f_mem = 0.5 → std 0.25 → 75
    expect(schedulePod(cache, sized('p', 0, 2 * GiB), rng()).scores.a.plugins.NodeResourcesBalancedAllocation).toBe(75);
  });

  it('is skipped for a pod that requests nothing (upstream PR #130260)', () => {
    const cache = newSchedulerCache([node('a')]);
    expect(schedulePod(cache, pod('p'), rng()).scores.a.plugins).not.toHaveProperty('NodeResourcesBalancedAllocation');
  });
});

describe('TaintToleration score', () => {
  it('reverse-normalises untolerated PreferNoSchedule taints: 1 taint → 0, none → 100', () => {
    const cache = newSchedulerCache([node('tainted', { taints: [{ key: 'slow', effect: 'PreferNoSchedule' }] }), node('clean')]);
    const r = schedulePod(cache, pod('p'), rng());
    // max count 1: tainted 100 − 100·1/1 = 0, clean 100 − 0 = 100
    expect(r.scores.tainted.plugins.TaintToleration).toBe(0);
    expect(r.scores.clean.plugins.TaintToleration).toBe(100);
    expect(r.node).toBe('clean');
  });

  it('gives every node 100 when no node has such taints, and honours tolerations', () => {
    const cache = newSchedulerCache([node('a', { taints: [{ key: 'slow', effect: 'PreferNoSchedule' }] }), node('b')]);
    const p = pod('p', { tolerations: [{ key: 'slow', operator: 'Exists' }] });
    const r = schedulePod(cache, p, rng());
    expect(r.scores.a.plugins.TaintToleration).toBe(100);
    expect(r.scores.b.plugins.TaintToleration).toBe(100);
  });
});

describe('NodeAffinity score', () => {
  it('sums matching preferred weights and scales to the best node', () => {
    const cache = newSchedulerCache([
      node('both', { labels: { disk: 'ssd', zone: 'x' } }),
      node('one', { labels: { zone: 'x' } }),
      node('none'),
    ]);
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
          ],
        },
      },
    });
    const r = schedulePod(cache, p, rng());
    // raw: both 100, one 20, none 0 → 100·raw/100
    expect([r.scores.both.plugins.NodeAffinity, r.scores.one.plugins.NodeAffinity, r.scores.none.plugins.NodeAffinity]).toEqual([
      100, 20, 0,
    ]);
    expect(r.node).toBe('both');
  });

  it('is absent when the pod has no preferred terms', () => {
    const cache = newSchedulerCache([node('a')]);
    expect(schedulePod(cache, pod('p'), rng()).scores.a.plugins).not.toHaveProperty('NodeAffinity');
  });
});

describe('PodTopologySpread score (system defaults)', () => {
  const replica = (i: number) => pod('web-' + i, {}, { labels: { app: 'web' }, owner: { kind: 'ReplicaSet', name: 'web-5d8f6c7b9' } });

  it('spreads a ReplicaSet: the node that already runs a replica scores 66, the empty one 100', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    addPod(cache, bound(replica(0), 'a'));
    const r = schedulePod(cache, replica(1), rng());
    // hostname maxSkew 3, weight ln(2 feasible + 2) = 1.386; a: round(1·1.386 + 2) = 3, b: round(0 + 2) = 2
    // normalise: a 100·(3 + 2 − 3)/3 = 66, b 100·(3 + 2 − 2)/3 = 100. No zone labels: the zone constraint adds nothing.
    expect(r.scores.a.plugins.PodTopologySpread).toBe(66);
    expect(r.scores.b.plugins.PodTopologySpread).toBe(100);
    expect(r.node).toBe('b');
  });

  it('counts zones too when nodes carry topology.kubernetes.io/zone', () => {
    const z = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });
    const cache = newSchedulerCache([z('a1', 'a'), z('a2', 'a'), z('b1', 'b')]);
    addPod(cache, bound(replica(0), 'a1'));
    const r = schedulePod(cache, replica(1), rng());
    // host weight ln(3 + 2) = 1.609, zone weight ln(2 zones + 2) = 1.386
    // a1: 1·1.609 + 2 + 1·1.386 + 4 = 8.995 → 9;  a2: 0 + 2 + 1.386 + 4 = 7.386 → 7;  b1: 2 + 4 = 6
    // normalise with max 9, min 6: a1 100·6/9 = 66, a2 100·8/9 = 88, b1 100·9/9 = 100
    expect([r.scores.a1, r.scores.a2, r.scores.b1].map((s) => s.plugins.PodTopologySpread)).toEqual([66, 88, 100]);
  });

  it('skips spreading for a bare pod that no Service selects (empty default selector)', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    const bare = (n: string) => pod(n, {}, { labels: { app: 'pod' } });
    addPod(cache, bound(bare('pod-1'), 'a'));
    expect(schedulePod(cache, bare('pod-2'), rng()).scores.a.plugins).not.toHaveProperty('PodTopologySpread');
  });

  it('spreads bare pods selected by a Service (as the seed svc-2 selects app: pod)', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    setServiceSelectors(cache, [{ namespace: 'default', selector: { app: 'pod' } }]);
    const bare = (n: string) => pod(n, {}, { labels: { app: 'pod' } });
    addPod(cache, bound(bare('pod-1'), 'a'));
    const r = schedulePod(cache, bare('pod-2'), rng());
    // Same arithmetic as the ReplicaSet case: 3 vs 2 → 66 vs 100.
    expect(r.scores.a.plugins.PodTopologySpread).toBe(66);
    expect(r.scores.b.plugins.PodTopologySpread).toBe(100);
  });

  it('does not count pods of another namespace or controller', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    addPod(cache, bound({ ...replica(0), namespace: 'other' }, 'a'));
    addPod(cache, bound(pod('x', {}, { labels: { app: 'web' }, owner: { kind: 'ReplicaSet', name: 'other-rs' } }), 'a'));
    const r = schedulePod(cache, replica(1), rng());
    expect(r.scores.a.plugins.PodTopologySpread).toBe(100);
    expect(r.scores.b.plugins.PodTopologySpread).toBe(100);
  });
});

describe('ImageLocality', () => {
  it('scores images already present, scaled by spread: 500 MiB on 1 of 2 nodes → 23', () => {
    const img = { names: ['docker.io/library/nginx:1.25', 'nginx:1.25'], sizeBytes: 500 * MiB };
    const cache = newSchedulerCache([node('has', { images: [img] }), node('hasnt')]);
    const p = pod('p', { containers: [container('c', {}, { image: 'nginx:1.25' })] });
    const r = schedulePod(cache, p, rng());
    // sum = 500 MiB · 1/2 = 250 MiB; one container: max 1000 MiB; 100·(250 − 23)/(1000 − 23) = 23.2 → 23
    expect(r.scores.has.plugins.ImageLocality).toBe(23);
    expect(r.scores.hasnt.plugins.ImageLocality).toBe(0);
  });

  it('adds ":latest" to an untagged image name', () => {
    const cache = newSchedulerCache([node('has', { images: [{ names: ['redis:latest'], sizeBytes: 2000 * MiB }] })]);
    const p = pod('p', { containers: [container('c', {}, { image: 'redis' })] });
    // 2000 MiB on 1 of 1 nodes, clamped to 1000 MiB → 100
    expect(schedulePod(cache, p, rng()).scores.has.plugins.ImageLocality).toBe(100);
  });
});

describe('totals', () => {
  it('are Σ weight × plugin score with the default weights', () => {
    const cache = newSchedulerCache([node('a', { taints: [{ key: 'slow', effect: 'PreferNoSchedule' }] }), node('b')]);
    addPod(cache, bound(sized('x', 700, 1 * GiB), 'b'));
    const r = schedulePod(cache, sized('p', 200, 256 * MiB), rng());
    const weights = new Map(SCORE_WEIGHTS);
    expect(Object.fromEntries(SCORE_WEIGHTS)).toEqual({
      TaintToleration: 3,
      NodeAffinity: 2,
      NodeResourcesFit: 1,
      PodTopologySpread: 2,
      InterPodAffinity: 2,
      NodeResourcesBalancedAllocation: 1,
      ImageLocality: 1,
    });
    for (const s of Object.values(r.scores)) {
      const sum = Object.entries(s.plugins).reduce((t, [name, v]) => t + weights.get(name)! * v, 0);
      expect(s.total).toBe(sum);
    }
    // a: taint 0 → 3·0; b: taint 100 → 300. b wins despite being busier.
    expect(r.node).toBe('b');
  });
});
