import { describe, expect, test } from 'vitest';
import { buildCluster, reconcileCluster } from '../../../src/cluster';
import type { Cluster } from '../../../src/model/cluster';
import { container, load, pod, workload } from './fixtures';

const userPods = (c: Cluster) => c.pods.filter((p) => !p.builtIn && p.namespace === 'default');
const gcEvents = (c: Cluster) => c.events.filter((e) => e.reason === 'DeletionByPodGC');

describe('PodGC (gcOrphaned)', () => {
  test("a Pod bound to a node that does not exist is deleted 40 s after it was created, in PodGC's words", () => {
    const c = buildCluster(
      load(
        pod('ghost', [container('web', 'kubetm/app')], { nodeName: 'k8s-node9' }),
        pod('real', [container('web', 'kubetm/app')], { nodeName: 'k8s-node1' }),
      ),
      { seed: 1 },
    );
    expect(userPods(c).map((p) => p.name)).toEqual(['real']);
    expect(gcEvents(c)).toEqual([
      { time: 640, type: 'Normal', reason: 'DeletionByPodGC', object: 'pod/ghost', message: 'PodGC: node no longer exists' },
    ]);
  });

  test('its controller creates a replacement from the template, which PodGC deletes again on the next pass', () => {
    const objs = [workload('Deployment', 'pinned', [container('web', 'kubetm/app')], { replicas: 2, nodeName: 'gone-node' })];
    const c = buildCluster(load(...objs), { seed: 1 });
    const first = gcEvents(c).map((e) => e.object);
    expect(first).toHaveLength(2);
    const now = userPods(c);
    expect(now).toHaveLength(2);
    // Replacements: new names, still bound to the missing node, Pending.
    for (const p of now) {
      expect(first).not.toContain(`pod/${p.name}`);
      expect(p).toMatchObject({ nodeName: 'gone-node', phase: 'Pending', createdAt: 640 });
      expect(p.schedule.message).toContain('until PodGC deletes it');
    }
    const later = reconcileCluster(c, load(...objs));
    const second = gcEvents(later).map((e) => e.object);
    expect(second).toEqual([...first, ...now.map((p) => `pod/${p.name}`)]);
    expect(userPods(later).map((p) => p.name)).not.toEqual(now.map((p) => p.name));
  });
});
