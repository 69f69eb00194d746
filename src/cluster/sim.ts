/**
 * The working state of one build or operation. Operations are pure: a Sim starts from a Cluster
 * (arrays copied, objects shared and never mutated — changed objects are replaced), does its work
 * with indexes (pods by owner, scheduler cache, IPAM), and turns back into a new plain Cluster.
 */
import type {
  Cluster,
  ClusterChange,
  ClusterEvent,
  ClusterSettings,
  NodeState,
  ObjectSummary,
  PodDisruptionBudgetState,
  PodState,
  ServiceState,
  WorkloadState,
} from '../model/cluster';
import type { EndpointSliceState, EndpointsObjectState } from '../model/endpointSlice';
import type { IngressClassState, IngressState } from '../model/ingress';
import type { NamespaceState, NetworkPolicyState } from '../model/policy';
import type { Diagnostic } from '../model/source';
import { addPod, newSchedulerCache, setServiceSelectors, updateNode, type SchedulerCache } from '../scheduler';
import { MAX_PODS_PER_CLUSTER } from '../load/budgets';
import { Rng } from '../util/rng';
import { MAX_EVENTS } from './clock';
import { crashLoopRestarts } from './containers';
import { PodIpam } from './ipam';
import { streamRng } from './naming';

export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function ownerKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export interface SimInit {
  settings: ClusterSettings;
  nodes: NodeState[];
  pods?: PodState[];
  services?: ServiceState[];
  workloads?: WorkloadState[];
  objects?: ObjectSummary[];
  diagnostics?: Diagnostic[];
  events?: ClusterEvent[];
  clock: number;
  rngState: number;
  ipam?: Record<string, number>;
  serial?: number;
  schedulerStartIndex?: number;
  networkPolicies?: NetworkPolicyState[];
  namespaces?: NamespaceState[];
  ingresses?: IngressState[];
  ingressClasses?: IngressClassState[];
  endpointsObjects?: EndpointsObjectState[];
  endpointSlices?: EndpointSliceState[];
  podDisruptionBudgets?: PodDisruptionBudgetState[];
}

export class Sim {
  settings: ClusterSettings;
  nodes: NodeState[];
  readonly nodeByName = new Map<string, NodeState>();
  readonly pods = new Map<string, PodState>();
  services: ServiceState[];
  readonly workloads = new Map<string, WorkloadState>();
  objects: ObjectSummary[];
  /** Desired state only: policies and namespaces are applied as they are, no controller changes them. */
  networkPolicies: NetworkPolicyState[];
  namespaces: NamespaceState[];
  /** Desired state only, like policies: the ingress controller reads them, nothing changes them. */
  ingresses: IngressState[];
  ingressClasses: IngressClassState[];
  /** Desired state: hand-made Endpoints, and the hand-made and mirrored EndpointSlices (endpointSlices.ts). */
  endpointsObjects: EndpointsObjectState[];
  endpointSlices: EndpointSliceState[];
  /** Desired state only: the disruption controller's status is computed from the Pods when an eviction asks (disruption.ts). */
  podDisruptionBudgets: PodDisruptionBudgetState[];
  diagnostics: Diagnostic[];
  events: ClusterEvent[];
  clock: number;
  rngState: number;
  serial: number;
  /** The scheduler's round-robin start index, until the scheduler cache exists (then it keeps it). */
  private schedulerStartIndex: number;
  readonly ipam: PodIpam;
  /** Pods the cluster may hold; past it nothing new is created (podBudget.ts). */
  podBudget = MAX_PODS_PER_CLUSTER;
  /** When set, new pods are scheduled against this cache instead (coredns before workers join). */
  schedulingCache: SchedulerCache | null = null;
  private readonly byOwner = new Map<string, Set<string>>();
  private schedulerCache: SchedulerCache | null = null;
  private readonly nameCounters = new Map<string, number>();

  constructor(init: SimInit) {
    this.settings = init.settings;
    this.nodes = [...init.nodes];
    for (const n of this.nodes) this.nodeByName.set(n.name, n);
    for (const p of init.pods ?? []) this.putPod(p);
    this.services = [...(init.services ?? [])];
    for (const w of init.workloads ?? []) this.workloads.set(workloadKey(w.kind, w.namespace, w.name), w);
    this.objects = [...(init.objects ?? [])];
    this.networkPolicies = init.networkPolicies ?? [];
    this.namespaces = init.namespaces ?? [];
    this.ingresses = init.ingresses ?? [];
    this.ingressClasses = init.ingressClasses ?? [];
    this.endpointsObjects = init.endpointsObjects ?? [];
    this.endpointSlices = init.endpointSlices ?? [];
    this.podDisruptionBudgets = init.podDisruptionBudgets ?? [];
    this.diagnostics = [...(init.diagnostics ?? [])];
    this.events = [...(init.events ?? [])];
    this.clock = init.clock;
    this.rngState = init.rngState;
    this.serial = init.serial ?? 0;
    const start = init.schedulerStartIndex ?? 0;
    this.schedulerStartIndex = Number.isInteger(start) && start >= 0 ? start : 0;
    this.ipam = new PodIpam(this.nodes, init.ipam ?? {}, init.pods ?? []);
  }

  /** Start an operation on a cluster: the random state moves on so this operation's choices are new. */
  static fromCluster(c: Cluster): Sim {
    const rng = new Rng(c.rngState);
    rng.next();
    return new Sim({ ...c, rngState: rng.state });
  }

  get cache(): SchedulerCache {
    if (!this.schedulerCache) {
      const cache = newSchedulerCache(this.nodes);
      // Continue the round robin where the previous build or operation stopped, as kube-scheduler does.
      cache.nextStartNodeIndex = this.nodes.length > 0 ? this.schedulerStartIndex % this.nodes.length : 0;
      for (const p of this.pods.values()) addPod(cache, p);
      setServiceSelectors(
        cache,
        this.services.map((s) => ({ namespace: s.namespace, selector: s.selector })),
      );
      this.schedulerCache = cache;
    }
    return this.schedulerCache;
  }

  /** A random stream for one decision, independent of unrelated objects. */
  stream(key: string): Rng {
    return streamRng(this.rngState, key);
  }

  /** A stream for the n-th name generated with this prefix during this build/operation. */
  nameStream(namespace: string, prefix: string): Rng {
    const key = `${namespace}/${prefix}`;
    const n = this.nameCounters.get(key) ?? 0;
    this.nameCounters.set(key, n + 1);
    return this.stream(`name:${key}#${n}`);
  }

  nextSerial(): number {
    return ++this.serial;
  }

  /** What changed on its own while the clock ran, in the words a person follows (kubectl rollout status's…). Not kept in the Cluster. */
  readonly changes: ClusterChange[] = [];

  note(text: string): void {
    this.changes.push({ at: this.clock, text });
  }

  event(type: ClusterEvent['type'], reason: string, object: string, message: string): void {
    this.events.push({ time: this.clock, type, reason, object, message });
    // Only the most recent events are kept (see MAX_EVENTS); trim in batches to stay cheap.
    if (this.events.length >= 2 * MAX_EVENTS) this.events = this.events.slice(this.events.length - MAX_EVENTS);
  }

  putPod(pod: PodState): void {
    const key = podKey(pod.namespace, pod.name);
    const old = this.pods.get(key);
    if (old && old.owner) this.byOwner.get(ownerKey(old.namespace, old.owner.kind, old.owner.name))?.delete(key);
    this.pods.set(key, pod);
    if (pod.owner) {
      const ok = ownerKey(pod.namespace, pod.owner.kind, pod.owner.name);
      let set = this.byOwner.get(ok);
      if (!set) this.byOwner.set(ok, (set = new Set()));
      set.add(key);
    }
  }

  dropPod(pod: PodState): void {
    const key = podKey(pod.namespace, pod.name);
    this.pods.delete(key);
    if (pod.owner) this.byOwner.get(ownerKey(pod.namespace, pod.owner.kind, pod.owner.name))?.delete(key);
  }

  /** Pods whose controller is `kind/name` in `namespace`, in creation order. */
  podsOwnedBy(namespace: string, kind: string, name: string): PodState[] {
    const keys = this.byOwner.get(ownerKey(namespace, kind, name));
    if (!keys) return [];
    const out: PodState[] = [];
    for (const k of keys) {
      const p = this.pods.get(k);
      if (p) out.push(p);
    }
    return out;
  }

  setNode(node: NodeState): void {
    const i = this.nodes.findIndex((n) => n.name === node.name);
    if (i >= 0) this.nodes[i] = node;
    else this.nodes.push(node);
    this.nodeByName.set(node.name, node);
    if (this.schedulerCache) updateNode(this.schedulerCache, node);
  }

  setServices(services: ServiceState[]): void {
    this.services = services;
    if (this.schedulerCache)
      setServiceSelectors(
        this.schedulerCache,
        services.map((s) => ({ namespace: s.namespace, selector: s.selector })),
      );
  }

  toCluster(): Cluster {
    const pods: PodState[] = [];
    for (const p of this.pods.values()) pods.push(withRestarts(p, this.clock));
    return {
      settings: this.settings,
      nodes: [...this.nodes],
      pods,
      services: [...this.services],
      workloads: [...this.workloads.values()],
      objects: [...this.objects],
      diagnostics: [...this.diagnostics],
      events: this.events.length > MAX_EVENTS ? this.events.slice(this.events.length - MAX_EVENTS) : [...this.events],
      clock: this.clock,
      rngState: this.rngState,
      ipam: this.ipam.snapshot(),
      serial: this.serial,
      schedulerStartIndex: this.schedulerCache ? this.schedulerCache.nextStartNodeIndex : this.schedulerStartIndex,
      ...(this.networkPolicies.length > 0 ? { networkPolicies: this.networkPolicies } : {}),
      ...(this.namespaces.length > 0 ? { namespaces: this.namespaces } : {}),
      ...(this.ingresses.length > 0 ? { ingresses: this.ingresses } : {}),
      ...(this.ingressClasses.length > 0 ? { ingressClasses: this.ingressClasses } : {}),
      ...(this.endpointsObjects.length > 0 ? { endpointsObjects: this.endpointsObjects } : {}),
      ...(this.endpointSlices.length > 0 ? { endpointSlices: this.endpointSlices } : {}),
      ...(this.podDisruptionBudgets.length > 0 ? { podDisruptionBudgets: this.podDisruptionBudgets } : {}),
    };
  }
}

/** Crash-looping containers keep restarting while the clock runs (10s, 20s, 40s … back-off). */
function withRestarts(pod: PodState, clock: number): PodState {
  if (pod.status !== 'CrashLoopBackOff') return pod;
  const restarts = crashLoopRestarts(Math.max(0, clock - pod.createdAt));
  if (pod.containers.every((c) => c.reason !== 'CrashLoopBackOff' || c.restartCount === restarts)) return pod;
  return {
    ...pod,
    containers: pod.containers.map((c) => (c.reason === 'CrashLoopBackOff' ? { ...c, restartCount: restarts } : c)),
  };
}
