/**
 * Scale: a cycle costs what the nodes it evaluates cost (≈500 of 5,000), never a scan of every pod,
 * so 150,000 pods fit in seconds. This runs a 15,000-pod slice with a deliberately generous bound
 * (the machine is shared); the full-size run is in the report.
 */
import { describe, expect, it } from 'vitest';
import type { NodeState } from '../../../src/model/cluster';
import { addPod, newSchedulerCache, schedulePod } from '../../../src/scheduler';
import { Rng } from '../../../src/util/rng';
import { bound, GiB, node, sized } from './fixtures';

describe('scale', () => {
  it('schedules 15,000 replicas of 150 Deployments onto 5,000 zoned nodes quickly and evenly', () => {
    const nodes: NodeState[] = Array.from({ length: 5000 }, (_, i) =>
      node('node-' + i, { cpu: 16000, memory: 64 * GiB, labels: { 'topology.kubernetes.io/zone': 'zone-' + (i % 3) } }),
    );
    const cache = newSchedulerCache(nodes);
    const rng = new Rng(2024);
    const perNode = new Map<string, number>();
    const start = performance.now();
    for (let i = 0; i < 15000; i++) {
      const d = i % 150;
      const p = sized('web-' + i, 100, 128 * 1024 * 1024, { labels: { app: 'd' + d }, owner: { kind: 'ReplicaSet', name: 'd' + d } });
      const r = schedulePod(cache, p, rng);
      expect(r.node).not.toBeNull();
      addPod(cache, bound(p, r.node!));
      perNode.set(r.node!, (perNode.get(r.node!) ?? 0) + 1);
      // Large clusters keep a short explanation per pod.
      expect(Object.keys(r.scores).length).toBeLessThanOrEqual(5);
    }
    const seconds = (performance.now() - start) / 1000;
    expect(seconds).toBeLessThan(20);
    // Spreading and LeastAllocated keep the load flat: no node gets more than a handful.
    expect(Math.max(...perNode.values())).toBeLessThanOrEqual(4);
  });
});
