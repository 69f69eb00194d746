import { describe, expect, it } from 'vitest';
import { PLACED_BY, placementText } from '../../../renderer/panels/PodDetails';

describe('Why here? says who placed the Pod (schedule.by)', () => {
  it('names spec.nodeName, kube-scheduler and the DaemonSet controller', () => {
    expect(PLACED_BY).toEqual({ nodeName: 'spec.nodeName', scheduler: 'kube-scheduler', daemonset: 'DaemonSet controller' });
    const base = { node: 'k8s-node1', rejected: {}, scores: {} };
    expect(placementText({ ...base, by: 'nodeName' })).toMatch(/^spec\.nodeName binds it to k8s-node1: .*kube-scheduler never sees it/);
    expect(placementText({ ...base, by: 'daemonset' })).toMatch(/^The DaemonSet controller .* pinned this one to k8s-node1/);
    expect(placementText({ ...base, by: 'scheduler' })).toBe(
      'kube-scheduler filtered the nodes, scored the feasible ones, and picked k8s-node1.',
    );
    expect(placementText({ ...base, node: null })).toBeNull();
  });
});
