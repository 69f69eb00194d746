/** FailedScheduling text, exactly as kube-scheduler (FitError.Error + DefaultPreemption) words it. */
import { describe, expect, it } from 'vitest';
import { addPod, newSchedulerCache, schedulePod } from '../../../src/scheduler';
import { Rng } from '../../../src/util/rng';
import { bound, CONTROL_PLANE_TAINT, node, pod, seedNodes, sized } from './fixtures';

const rng = (): Rng => new Rng(11);

describe('FailedScheduling message', () => {
  it('matches the real kubeadm example: taint on the control plane, cpu on both workers', () => {
    const cache = newSchedulerCache(seedNodes());
    const r = schedulePod(cache, sized('hungry', 3000), rng());
    expect(r.node).toBeNull();
    expect(r.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(r.rejected).toEqual({
      'k8s-master': 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      'k8s-node1': 'Insufficient cpu',
      'k8s-node2': 'Insufficient cpu',
    });
    expect(r.scores).toEqual({});
  });

  it('words a nodeSelector that matches nothing', () => {
    const cache = newSchedulerCache(seedNodes());
    const r = schedulePod(cache, pod('lost', { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node9' } }), rng());
    expect(r.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('words cordoned nodes', () => {
    const cache = newSchedulerCache([node('a', { unschedulable: true }), node('b', { unschedulable: true })]);
    expect(schedulePod(cache, pod('p'), rng()).message).toBe(
      '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('sorts the histogram as strings, so "10 …" comes before "2 …"', () => {
    const nodes = [
      ...Array.from({ length: 10 }, (_, i) => node('cp' + i, { taints: [CONTROL_PLANE_TAINT] })),
      node('w1', { cpu: 100 }),
      node('w2', { cpu: 100 }),
    ];
    const cache = newSchedulerCache(nodes);
    expect(schedulePod(cache, sized('p', 500), rng()).message).toBe(
      '0/12 nodes are available: 10 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('words conflicting metadata.name terms as a PreFilter failure', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchFields: [
                  { key: 'metadata.name', operator: 'In', values: ['a'] },
                  { key: 'metadata.name', operator: 'In', values: ['b'] },
                ],
              },
            ],
          },
        },
      },
    });
    expect(schedulePod(cache, p, rng()).message).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('says "no nodes available to schedule pods" for an empty cluster', () => {
    expect(schedulePod(newSchedulerCache([]), pod('p'), rng()).message).toBe('no nodes available to schedule pods');
  });
});

describe('preemption verdict', () => {
  it('names a node and its lower-priority victims instead of the preemption clause', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    const low = (n: string, cpu: number) => sized(n, cpu, undefined, { spec: { ...sized(n, cpu).spec, priority: 0 } });
    const lowA1 = bound(low('low-a1', 900), 'a');
    const lowA2 = bound(low('low-a2', 900), 'a');
    addPod(cache, lowA1);
    addPod(cache, lowA2);
    addPod(cache, bound(low('low-b', 1900), 'b'));
    const urgent = sized('urgent', 1000, undefined, { spec: { ...sized('urgent', 1000).spec, priority: 1000 } });
    const r = schedulePod(cache, urgent, rng());
    expect(r.node).toBeNull();
    // No preemption clause: a candidate exists, so the pod would be nominated.
    expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    // On a, evicting one 900m pod frees enough (200 + 900 = 1100 ≥ 1000); on b the one pod must go.
    // Both candidates lose one priority-0 victim; a's victim sum equals b's, so the earlier node (a) wins.
    expect(r.nominatedNode).toBe('a');
    expect(r.victims).toHaveLength(1);
    expect([lowA1.uid, lowA2.uid]).toContain(r.victims![0]);
  });

  it('reports the filter reason when even evicting every lower-priority pod would not help', () => {
    const cache = newSchedulerCache([node('a')]);
    addPod(cache, bound(sized('low', 500), 'a'));
    const huge = sized('huge', 5000, undefined, { spec: { ...sized('huge', 5000).spec, priority: 10 } });
    expect(schedulePod(cache, huge, rng()).message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    );
  });
});
