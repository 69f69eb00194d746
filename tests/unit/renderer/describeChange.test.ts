import { describe, expect, it } from 'vitest';
import { describeChange, isStrandedBarePod, replacementOf } from '../../../renderer/model/describeChange';
import { pod, service, snapshot } from './snapshots';

const before = snapshot({
  pods: [
    pod('pod-1', 'k8s-node1', { ip: '10.244.1.2' }),
    pod('web-5d8f6c7b9-aaaaa', 'k8s-node2', { ip: '10.244.2.7', owner: 'ReplicaSet/web-5d8f6c7b9', labels: { app: 'web' } }),
  ],
  services: [service('svc-1', { clusterIP: '10.100.158.89' })],
});

describe('describeChange', () => {
  it('says a re-created Pod changed IP while its Service kept its ClusterIP', () => {
    const after = { ...before, pods: before.pods.map((p) => (p.name === 'pod-1' ? { ...p, ip: '10.244.1.3' } : p)) };
    const lines = describeChange({ op: 'deletePod', namespace: 'default', name: 'pod-1' }, before, after);
    expect(lines[0]).toBe('pod "pod-1" deleted');
    expect(lines).toContain('Re-created as pod-1: IP 10.244.1.2 → 10.244.1.3');
    expect(lines).toContain('Service svc-1 keeps 10.100.158.89');
  });

  it('names the replacement when a controller creates a Pod with a new name', () => {
    const after = {
      ...before,
      pods: [
        before.pods[0]!,
        pod('web-5d8f6c7b9-bbbbb', 'k8s-node1', { ip: '10.244.1.9', owner: 'ReplicaSet/web-5d8f6c7b9', labels: { app: 'web' } }),
      ],
    };
    const lines = describeChange({ op: 'deletePod', namespace: 'default', name: 'web-5d8f6c7b9-aaaaa' }, before, after);
    expect(lines).toContain('Replaced by web-5d8f6c7b9-bbbbb (10.244.1.9 on k8s-node1)');
    expect(lines.some((l) => l.startsWith('Service svc-1'))).toBe(false); // svc-1 selects app=pod, not web
  });

  it('does not claim a selector-less Service (kubernetes) fronts the deleted Pod', () => {
    const withApi = { ...before, services: [...before.services, service('kubernetes', { selector: {}, clusterIP: '10.96.0.1' })] };
    const after = { ...withApi, pods: withApi.pods.map((p) => (p.name === 'pod-1' ? { ...p, ip: '10.244.1.3' } : p)) };
    const lines = describeChange({ op: 'deletePod', namespace: 'default', name: 'pod-1' }, withApi, after);
    expect(lines.some((l) => l.includes('kubernetes'))).toBe(false);
  });

  it('finds the Pod that took a deleted one’s place, so the selection can follow it', () => {
    const next = pod('web-5d8f6c7b9-bbbbb', 'k8s-node1', { ip: '10.244.1.9', owner: 'ReplicaSet/web-5d8f6c7b9' });
    const after = { ...before, pods: [before.pods[0]!, next] };
    expect(replacementOf({ namespace: 'default', name: 'web-5d8f6c7b9-aaaaa' }, before, after)?.name).toBe('web-5d8f6c7b9-bbbbb');
    expect(replacementOf({ namespace: 'default', name: 'pod-1' }, before, { ...before, pods: [before.pods[1]!] })).toBeUndefined();
  });

  it('uses kubectl’s words for node operations and lists evictions on drain', () => {
    expect(describeChange({ op: 'cordon', node: 'k8s-node1' }, before, before)).toEqual(['node/k8s-node1 cordoned']);
    const drained = { ...before, pods: [before.pods[1]!] };
    const lines = describeChange({ op: 'drain', node: 'k8s-node1' }, before, drained);
    expect(lines).toEqual(['node/k8s-node1 drained', 'Evicted pod-1']);
  });

  it('lists the Pods a scale created', () => {
    const after = { ...before, pods: [...before.pods, pod('web-5d8f6c7b9-ccccc', null, { owner: 'ReplicaSet/web-5d8f6c7b9' })] };
    const lines = describeChange({ op: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 2 }, before, after);
    expect(lines).toEqual(['deployment.apps/web scaled to 2', 'Created web-5d8f6c7b9-ccccc (Pending)']);
  });

  it('offers kubectl apply -f after deleting a bare Pod, and says what applying brought back', () => {
    const del = { op: 'deletePod', namespace: 'default', name: 'pod-1' } as const;
    const without = { ...before, pods: [before.pods[1]!] };
    expect(isStrandedBarePod(del, before, without)).toBe(true);
    expect(describeChange(del, before, without).join('\n')).toMatch(/nothing re-creates it.*Re-apply the folder \(kubectl apply -f\)/);
    // A Pod with a controller comes back by itself: nothing to offer.
    const web = { op: 'deletePod', namespace: 'default', name: 'web-5d8f6c7b9-aaaaa' } as const;
    expect(isStrandedBarePod(web, before, { ...before, pods: [before.pods[0]!] })).toBe(false);

    const back = { ...before, pods: [pod('pod-1', 'k8s-node1', { ip: '10.244.1.7' }), before.pods[1]!] };
    const gone = new Map([['default/pod-1', before.pods[0]!]]);
    expect(describeChange({ op: 'apply' }, without, back, gone)).toEqual([
      'pod/pod-1 created',
      "New IP 10.244.1.7 (was 10.244.1.2): a Pod's IP is volatile",
      'Service svc-1 keeps 10.100.158.89',
    ]);
    expect(describeChange({ op: 'apply' }, back, back)).toEqual([
      'Nothing to create: the cluster already has everything the folder declares',
    ]);
  });
});
