/**
 * What should exist, in creation order: the cluster's own objects (kubeadm + flannel) and then the
 * folder's, as `kubectl apply -f DIR` would send them. A folder object with the same kind,
 * namespace and name as a built-in one replaces it (apply updates the existing object).
 */
import type { NodeState, ObjectSummary, WorkloadState } from '../model/cluster';
import {
  WORKLOAD_KINDS,
  type LoadResult,
  type LoadedObject,
  type LoadedPod,
  type LoadedService,
  type LoadedWorkload,
  type WorkloadKind,
} from '../model/objects';
import type { AddonObjects } from './addons';
import type { ClusterIPAllocator } from './allocators';
import { builtInDaemonSets, builtInServices, coreDns, staticPods } from './builtins';
import { CLUSTER_CREATED_AT, FOLDER_APPLIED_AT } from './clock';
import { isControlPlane } from './nodes';
import type { ServiceInput } from './serviceInput';

export interface DesiredPod {
  object: LoadedPod;
  builtIn: boolean;
}

export interface DesiredWorkload {
  object: LoadedWorkload;
  builtIn: boolean;
}

export interface Desired {
  /** Built-in pods first (control-plane static pods), then the folder's bare Pods. */
  pods: DesiredPod[];
  workloads: DesiredWorkload[];
  services: ServiceInput[];
  objects: ObjectSummary[];
}

const SIMULATED = new Set<string>([
  'Pod',
  'Service',
  'Node',
  'ClusterSettings',
  'NetworkPolicy',
  'Ingress',
  'IngressClass',
  'Endpoints',
  'EndpointSlice',
  'PodDisruptionBudget',
  ...WORKLOAD_KINDS,
]);

const NO_ADDONS: AddonObjects = { workloads: [], services: [] };

export function isWorkload(o: LoadedObject): o is LoadedWorkload {
  return (WORKLOAD_KINDS as readonly string[]).includes(o.kind);
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function serviceInputOf(s: LoadedService): ServiceInput {
  return {
    kind: 'Service',
    metadata: s.metadata,
    spec: s.spec,
    source: s.source,
    locate: s.locate,
    builtIn: false,
    createdAt: FOLDER_APPLIED_AT,
  };
}

export function collectDesired(load: LoadResult, nodes: NodeState[], ips: ClusterIPAllocator, addons: AddonObjects = NO_ADDONS): Desired {
  const folderKeys = new Set(load.objects.map((o) => key(o.kind, o.metadata.namespace, o.metadata.name)));
  const keep = (o: { kind: string; metadata: { namespace: string; name: string } }) =>
    !folderKeys.has(key(o.kind, o.metadata.namespace, o.metadata.name));

  const pods: DesiredPod[] = [];
  for (const node of nodes.filter(isControlPlane)) for (const p of staticPods(node)) if (keep(p)) pods.push({ object: p, builtIn: true });
  const workloads: DesiredWorkload[] = [...builtInDaemonSets(), coreDns(), ...addons.workloads]
    .filter(keep)
    .map((object) => ({ object, builtIn: true }));
  const services: ServiceInput[] = [...builtInServices(ips.indexed(1), ips.indexed(10)), ...addons.services]
    .filter(keep)
    .map((s) => ({ ...s, createdAt: CLUSTER_CREATED_AT }));

  const objects: ObjectSummary[] = [];
  for (const o of load.objects) {
    objects.push({
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      file: o.source.file,
      line: o.source.line,
      simulated: SIMULATED.has(o.kind),
    });
    if (o.kind === 'Pod') pods.push({ object: o as LoadedPod, builtIn: false });
    else if (o.kind === 'Service') services.push(serviceInputOf(o as LoadedService));
    else if (isWorkload(o)) workloads.push({ object: o, builtIn: false });
  }
  return { pods, workloads, services, objects };
}

/** Services the API server rejected (allocation conflicts) are not part of the cluster: drop them from the listing. */
export function withoutRejectedServices(
  objects: ObjectSummary[],
  wanted: ServiceInput[],
  created: { namespace: string; name: string }[],
): ObjectSummary[] {
  const made = new Set(created.map((s) => `${s.namespace}/${s.name}`));
  const rejected = new Set(
    wanted.filter((s) => !made.has(`${s.metadata.namespace}/${s.metadata.name}`)).map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
  );
  if (rejected.size === 0) return objects;
  return objects.filter((o) => o.kind !== 'Service' || !rejected.has(`${o.namespace}/${o.name}`));
}

/** A workload's state as created from its object (its controller fills in the rest). */
export function workloadStateOf(d: DesiredWorkload, createdAt: number): WorkloadState {
  const o = d.object;
  const kind = o.kind as WorkloadKind;
  const replicas = kind === 'DaemonSet' ? 0 : kind === 'Job' ? (o.spec.parallelism ?? 1) : (o.spec.replicas ?? 1);
  const w: WorkloadState = {
    kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace,
    replicas,
    spec: o.spec,
    source: o.source,
    createdAt,
    containerSources: o.spec.template.spec.containers.map((_, i) => o.locate(`spec.template.spec.containers[${i}]`)),
  };
  if (d.builtIn) w.builtIn = true;
  return w;
}

/** When a desired object is created: built-ins with the cluster, folder objects when applied. */
export function createdAtOf(builtIn: boolean): number {
  return builtIn ? CLUSTER_CREATED_AT : FOLDER_APPLIED_AT;
}
