import { describe, expect, it } from 'vitest';
import { PLACED_BY, placementText, tieText } from '../../../renderer/panels/PodDetails';

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

describe('Why here? explains a tie at the top score (schedule.tie)', () => {
  const base = { node: 'k8s-node2', rejected: {}, scores: {}, by: 'scheduler' as const };
  it('names the tied nodes and the score, and says the pick is random but seeded', () => {
    expect(tieText({ ...base, tie: { score: 187.5, count: 2, nodes: ['k8s-node1', 'k8s-node2'] } })).toBe(
      'k8s-node1 and k8s-node2 tied at score 187.5; kube-scheduler picks at random among the top scores ' +
        '(seeded here, so replays match) and this time picked k8s-node2.',
    );
  });
  it('counts the tied nodes it does not name', () => {
    expect(tieText({ ...base, tie: { score: 190, count: 7, nodes: ['a', 'b', 'k8s-node2'] } })).toMatch(
      /^a, b, k8s-node2 and 4 more nodes tied at score 190;/,
    );
  });
  it('says nothing without a tie, or when the scheduler did not choose', () => {
    expect(tieText(base)).toBeNull();
    expect(tieText({ ...base, by: 'nodeName', tie: { score: 1, count: 2, nodes: ['a', 'b'] } })).toBeNull();
  });
});
