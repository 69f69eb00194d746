import { describe, expect, it } from 'vitest';
import { workloadOf } from '../../../renderer/model/workloads';
import { pod, snapshot } from './snapshots';

const objects = [
  { kind: 'Deployment', name: 'web', namespace: 'default', file: 'web.yaml', line: 1 },
  { kind: 'Deployment', name: 'web-api', namespace: 'default', file: 'api.yaml', line: 1 },
  { kind: 'StatefulSet', name: 'db', namespace: 'default', file: 'db.yaml', line: 1 },
];

describe('workloadOf', () => {
  const snap = snapshot({
    objects,
    pods: [
      pod('web-5d8f6c7b9-aaaaa', 'k8s-node1', { owner: 'ReplicaSet/web-5d8f6c7b9' }),
      pod('web-5d8f6c7b9-bbbbb', 'k8s-node2', { owner: 'ReplicaSet/web-5d8f6c7b9' }),
      pod('web-api-7c6d5b4a9-ccccc', 'k8s-node2', { owner: 'ReplicaSet/web-api-7c6d5b4a9' }),
      pod('db-0', 'k8s-node1', { owner: 'StatefulSet/db' }),
      pod('pod-1', 'k8s-node1'),
      pod('agent-x', 'k8s-node1', { owner: 'DaemonSet/agent' }),
    ],
  });

  it('finds the Deployment behind a ReplicaSet-owned Pod and counts its replicas', () => {
    expect(workloadOf(snap, snap.pods[0]!)).toEqual({ kind: 'Deployment', name: 'web', namespace: 'default', replicas: 2 });
  });

  it('does not confuse Deployments whose names share a prefix', () => {
    expect(workloadOf(snap, snap.pods[2]!)).toMatchObject({ kind: 'Deployment', name: 'web-api', replicas: 1 });
  });

  it('scales StatefulSets directly; bare Pods and DaemonSets have nothing to scale', () => {
    expect(workloadOf(snap, snap.pods[3]!)).toMatchObject({ kind: 'StatefulSet', name: 'db', replicas: 1 });
    expect(workloadOf(snap, snap.pods[4]!)).toBeNull();
    expect(workloadOf(snap, snap.pods[5]!)).toBeNull();
  });
});
