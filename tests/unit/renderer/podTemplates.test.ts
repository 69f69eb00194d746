import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/api/contract';
import { podTemplates, templateText } from '../../../renderer/model/podTemplates';
import { pod, snapshot } from './snapshots';

type RS = NonNullable<ClusterSnapshot['replicaSets']>[number];
const rs = (name: string, hash: string, isNew: boolean, desired: number): RS => ({
  name,
  namespace: 'default',
  deployment: name.slice(0, name.lastIndexOf('-')),
  templateHash: hash,
  newReplicaSet: isNew,
  desired,
  current: desired,
  ready: desired,
});

describe('Pods of a Deployment mid-rollout', () => {
  it('are told apart by their ReplicaSet: its hash, old or new template', () => {
    const s = snapshot({
      pods: [
        pod('web-aaa-1', 'k8s-node1', { owner: 'ReplicaSet/web-aaa', terminating: true, status: 'Terminating' }),
        pod('web-aaa-2', 'k8s-node1', { owner: 'ReplicaSet/web-aaa' }),
        pod('web-bbb-1', 'k8s-node2', { owner: 'ReplicaSet/web-bbb' }),
        pod('api-ccc-1', 'k8s-node2', { owner: 'ReplicaSet/api-ccc' }),
        pod('bare', 'k8s-node2'),
      ],
      replicaSets: [rs('web-aaa', 'aaa', false, 1), rs('web-bbb', 'bbb', true, 1), rs('api-ccc', 'ccc', true, 1)],
    });
    const t = podTemplates(s);
    expect(t.get('pod/default/web-aaa-1')).toEqual({ replicaSet: 'web-aaa', hash: 'aaa', isNew: false });
    expect(t.get('pod/default/web-bbb-1')).toEqual({ replicaSet: 'web-bbb', hash: 'bbb', isNew: true });
    expect(templateText(t.get('pod/default/web-aaa-2')!)).toBe('ReplicaSet web-aaa (old template)');
    // One template only (no rollout going on), or no ReplicaSet: nothing to tell apart.
    expect(t.has('pod/default/api-ccc-1')).toBe(false);
    expect(t.has('pod/default/bare')).toBe(false);
  });

  it('once the old Pods are gone, the new ones are plain Pods again', () => {
    const s = snapshot({
      pods: [pod('web-bbb-1', 'k8s-node2', { owner: 'ReplicaSet/web-bbb' })],
      replicaSets: [rs('web-aaa', 'aaa', false, 0), rs('web-bbb', 'bbb', true, 1)],
    });
    expect(podTemplates(s).size).toBe(0);
  });
});
