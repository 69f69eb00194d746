/**
 * Which workload a Pod belongs to, for the Scale action. The snapshot lists objects and each Pod's
 * controller (`ReplicaSet/web-5d8f6c7b9`); a Deployment owns its ReplicaSet by name prefix
 * (`<deployment>-<pod-template-hash>`), exactly as the Deployment controller names them.
 */
import type { ClusterSnapshot } from '../../src/api/contract';

export interface WorkloadRef {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'ReplicationController';
  name: string;
  namespace: string;
  /** Pods it currently has. */
  replicas: number;
}

type Snap = Pick<ClusterSnapshot, 'objects' | 'pods'>;
type Pod = ClusterSnapshot['pods'][number];

const SCALABLE = new Set(['ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** `web-5d8f6c7b9` belongs to Deployment `web`, not to `we` or `web-5d8f`: the suffix is exactly one hash. */
function ownsReplicaSet(deployment: string, replicaSet: string): boolean {
  return replicaSet.startsWith(`${deployment}-`) && /^[a-z0-9]+$/.test(replicaSet.slice(deployment.length + 1));
}

function hasObject(snap: Snap, kind: string, namespace: string, name: string): boolean {
  return snap.objects.some((o) => o.kind === kind && o.namespace === namespace && o.name === name);
}

export function workloadOf(snap: Snap, pod: Pod): WorkloadRef | null {
  if (!pod.owner) return null;
  const slash = pod.owner.indexOf('/');
  const kind = pod.owner.slice(0, slash);
  const name = pod.owner.slice(slash + 1);
  const ns = pod.namespace;
  let ref: Omit<WorkloadRef, 'replicas'> | null = null;
  if (kind === 'ReplicaSet') {
    const deployment = snap.objects.find((o) => o.kind === 'Deployment' && o.namespace === ns && ownsReplicaSet(o.name, name));
    if (deployment) ref = { kind: 'Deployment', name: deployment.name, namespace: ns };
    else if (hasObject(snap, 'ReplicaSet', ns, name)) ref = { kind: 'ReplicaSet', name, namespace: ns };
  } else if (SCALABLE.has(kind)) {
    ref = { kind: kind as WorkloadRef['kind'], name, namespace: ns };
  }
  if (!ref) return null;
  const r = ref;
  const owns = (p: Pod) => {
    if (p.namespace !== r.namespace || !p.owner) return false;
    if (r.kind === 'Deployment') return p.owner.startsWith('ReplicaSet/') && ownsReplicaSet(r.name, p.owner.slice('ReplicaSet/'.length));
    return p.owner === `${r.kind}/${r.name}`;
  };
  return { ...r, replicas: snap.pods.filter(owns).length };
}
