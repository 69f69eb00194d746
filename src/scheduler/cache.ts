/**
 * The scheduler's view of the cluster (kube-scheduler's internal cache / NodeInfo): per node the
 * summed requests, pod count, host ports in use and images; per pod what it added, so removal is
 * exact. Every decision reads these aggregates; nothing scans all pods.
 */
import type { NodeState, PodState } from '../model/cluster';
import type { Labels, Taint } from '../model/k8s';
import type { PodResourceRequest } from './resources';
import { portKey, type HostPort, type UsedPorts } from './hostPorts';
import { countPod, labelSetId, newPodIndex, type PodIndex } from './podIndex';
import { podAffinityOf, podHostPortsOf, podRequestOf } from './podSpecInfo';
import { knownServices, type KnownServices, type ServiceSelector } from './spreadConstraints';

export interface NodeEntry {
  /** Position in `SchedulerCache.nodes` (the order nodes were given: the scheduler's node list). */
  index: number;
  name: string;
  state: NodeState;
  labels: Labels;
  allocCpu: number;
  allocMemory: number;
  allocEphemeral: number;
  allocPods: number;
  reqCpu: number;
  reqMemory: number;
  reqEphemeral: number;
  reqScalar: Map<string, number>;
  /** Requests with the 100m / 200Mi defaults (NodeInfo.NonZeroRequested), for LeastAllocated. */
  nonZeroCpu: number;
  nonZeroMemory: number;
  podCount: number;
  /** NoSchedule / NoExecute taints in node order (what the TaintToleration filter checks). */
  hardTaints: Taint[];
  preferTaints: Taint[];
  usedPorts: UsedPorts;
  /** uids of the pods bound here (for preemption's victim search). */
  pods: Set<string>;
  /** priority → pods at that priority (tells at once whether lower-priority pods exist). */
  priorities: Map<number, number>;
  /** Every name of every image the node reports. */
  imageNames: Set<string>;
  /** Carries kubernetes.io/hostname (checked per node per cycle by spreading; cached). */
  hasHostname: boolean;
}

/** What a bound pod contributed, remembered so removePod undoes exactly that. */
export interface CachedPod {
  uid: string;
  name: string;
  namespace: string;
  nodeIndex: number;
  req: PodResourceRequest;
  ports: HostPort[];
  /** Label-set id in the pod index, -1 for terminating pods (spreading ignores them). */
  labelSet: number;
  priority: number;
}

export interface ImageSummary {
  size: number;
  numNodes: number;
}

export interface SchedulerCache {
  nodes: NodeEntry[];
  byName: Map<string, NodeEntry>;
  /**
   * Where the next cycle starts looking (schedule_one.go `nextStartNodeIndex`). It decides the
   * order nodes are evaluated in, hence tie-breaks: persist it with the cluster to replay exactly.
   */
  nextStartNodeIndex: number;
  pods: Map<string, CachedPod>;
  /** Image name → size and how many nodes have it (NodeInfo.ImageStates). */
  images: Map<string, ImageSummary>;
  index: PodIndex;
  /** The Services' selectors, for the system-default spreading selector. */
  services: KnownServices;
  /** label key → how many nodes carry it (memo, cleared when a node changes). */
  keyCounts: Map<string, number>;
  /** label key → each node's value as a small integer (memo, cleared when a node changes). */
  domains: Map<string, DomainIndex>;
  /** The hot per-node numbers as typed arrays (a copy of the NodeEntry fields, kept in step). */
  arrays: NodeArrays;
  /** Pod request (cpu, memory and their non-zero variants) → small id, for `NodeArrays.fitFor`. */
  requestClasses: Map<string, number>;
}

/** NodeArrays.flags bits. */
export const FLAG_UNSCHEDULABLE = 1;
export const FLAG_HARD_TAINTS = 2;
export const FLAG_PREFER_TAINTS = 4;
export const FLAG_HOSTNAME = 8;
/** No room for one more pod (pod count + 1 > allocatable pods). */
export const FLAG_FULL = 16;

/**
 * Struct-of-arrays mirror of what the filter and score loops read for every evaluated node, indexed
 * by NodeEntry.index: flat numbers instead of object fields (doubles in objects are boxed), so a
 * cycle over 500 nodes stays in a few cache lines per node. Always recomputed from the NodeEntry.
 */
export interface NodeArrays {
  capacity: number;
  /** FLAG_* bits. */
  flags: Uint8Array;
  podCount: Float64Array;
  allocPods: Float64Array;
  /** allocatable − requested, computed exactly as the Fit filter does. */
  freeCpu: Float64Array;
  freeMemory: Float64Array;
  freeEphemeral: Float64Array;
  /**
   * Memo of the resource scores (LeastAllocated, BalancedAllocation): the request class they were
   * computed for (−1: stale). They depend only on that request and the node's requests and
   * allocatable, so between two cycles only the node that got the pod is computed again.
   */
  fitFor: Int32Array;
  fitScore: Int32Array;
  balancedScore: Int32Array;
}

function newNodeArrays(capacity: number): NodeArrays {
  return {
    capacity,
    flags: new Uint8Array(capacity),
    podCount: new Float64Array(capacity),
    allocPods: new Float64Array(capacity),
    freeCpu: new Float64Array(capacity),
    freeMemory: new Float64Array(capacity),
    freeEphemeral: new Float64Array(capacity),
    fitFor: new Int32Array(capacity).fill(-1),
    fitScore: new Int32Array(capacity),
    balancedScore: new Int32Array(capacity),
  };
}

function growNodeArrays(a: NodeArrays, needed: number): NodeArrays {
  if (needed <= a.capacity) return a;
  const b = newNodeArrays(Math.max(needed, a.capacity * 2, 16));
  b.flags.set(a.flags);
  b.podCount.set(a.podCount);
  b.allocPods.set(a.allocPods);
  b.freeCpu.set(a.freeCpu);
  b.freeMemory.set(a.freeMemory);
  b.freeEphemeral.set(a.freeEphemeral);
  b.fitFor.set(a.fitFor);
  b.fitScore.set(a.fitScore);
  b.balancedScore.set(a.balancedScore);
  return b;
}

/** Copies a node's hot fields into the arrays (after any change to its state or its pods). */
function syncArrays(cache: SchedulerCache, e: NodeEntry): void {
  const a = cache.arrays;
  const k = e.index;
  a.flags[k] =
    (e.state.unschedulable ? FLAG_UNSCHEDULABLE : 0) |
    (e.hardTaints.length > 0 ? FLAG_HARD_TAINTS : 0) |
    (e.preferTaints.length > 0 ? FLAG_PREFER_TAINTS : 0) |
    (e.hasHostname ? FLAG_HOSTNAME : 0) |
    (e.podCount + 1 > e.allocPods ? FLAG_FULL : 0);
  a.podCount[k] = e.podCount;
  a.allocPods[k] = e.allocPods;
  a.freeCpu[k] = e.allocCpu - e.reqCpu;
  a.freeMemory[k] = e.allocMemory - e.reqMemory;
  a.freeEphemeral[k] = e.allocEphemeral - e.reqEphemeral;
  a.fitFor[k] = -1;
}

/** The id of a pod's request for the resource-score memo. */
export function requestClass(cache: SchedulerCache, r: PodResourceRequest): number {
  const key = r.cpu + '/' + r.memory + '/' + r.nonZeroCpu + '/' + r.nonZeroMemory;
  let id = cache.requestClasses.get(key);
  if (id === undefined) {
    id = cache.requestClasses.size;
    cache.requestClasses.set(key, id);
  }
  return id;
}

/** A topology key's values numbered 0…k−1, and each node's number (−1: node lacks the key). */
export interface DomainIndex {
  ids: Int32Array;
  values: string[];
  byValue: Map<string, number>;
}

/** Numbers the values of `key` across nodes, so per-cycle spreading works on integers, not label lookups. */
export function domainIndex(cache: SchedulerCache, key: string): DomainIndex {
  let d = cache.domains.get(key);
  if (d === undefined) {
    d = { ids: new Int32Array(cache.nodes.length), values: [], byValue: new Map() };
    for (const e of cache.nodes) {
      const v = e.labels[key];
      if (v === undefined) {
        d.ids[e.index] = -1;
        continue;
      }
      let id = d.byValue.get(v);
      if (id === undefined) {
        id = d.values.length;
        d.values.push(v);
        d.byValue.set(v, id);
      }
      d.ids[e.index] = id;
    }
    cache.domains.set(key, d);
  }
  return d;
}

/** How many nodes carry label `key`. */
export function nodesWithKey(cache: SchedulerCache, key: string): number {
  let n = cache.keyCounts.get(key);
  if (n === undefined) {
    n = 0;
    for (const e of cache.nodes) if (Object.prototype.hasOwnProperty.call(e.labels, key)) n++;
    cache.keyCounts.set(key, n);
  }
  return n;
}

function makeEntry(node: NodeState, index: number): NodeEntry {
  const e: NodeEntry = {
    index,
    name: node.name,
    state: node,
    labels: node.labels,
    allocCpu: 0,
    allocMemory: 0,
    allocEphemeral: 0,
    allocPods: 0,
    reqCpu: 0,
    reqMemory: 0,
    reqEphemeral: 0,
    reqScalar: new Map(),
    nonZeroCpu: 0,
    nonZeroMemory: 0,
    podCount: 0,
    hardTaints: [],
    preferTaints: [],
    usedPorts: new Map(),
    pods: new Set(),
    priorities: new Map(),
    imageNames: new Set(),
    hasHostname: false,
  };
  applyNodeState(e, node);
  return e;
}

function applyNodeState(e: NodeEntry, node: NodeState): void {
  e.state = node;
  e.labels = node.labels;
  const a = node.allocatable;
  e.allocCpu = a.cpu ?? 0;
  e.allocMemory = a.memory ?? 0;
  e.allocEphemeral = a['ephemeral-storage'] ?? 0;
  e.allocPods = a.pods ?? 0;
  e.hardTaints = node.taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  e.preferTaints = node.taints.filter((t) => t.effect === 'PreferNoSchedule');
  e.imageNames = new Set((node.images ?? []).flatMap((img) => img.names));
  e.hasHostname = Object.prototype.hasOwnProperty.call(node.labels, 'kubernetes.io/hostname');
}

function rebuildImages(cache: SchedulerCache): void {
  cache.images.clear();
  for (const e of cache.nodes) {
    const seen = new Set<string>();
    for (const img of e.state.images ?? []) {
      for (const name of img.names) {
        if (seen.has(name)) continue;
        seen.add(name);
        const s = cache.images.get(name);
        if (s) s.numNodes++;
        else cache.images.set(name, { size: img.sizeBytes, numNodes: 1 });
      }
    }
  }
}

export function newSchedulerCache(nodes: NodeState[]): SchedulerCache {
  const cache: SchedulerCache = {
    nodes: [],
    byName: new Map(),
    nextStartNodeIndex: 0,
    pods: new Map(),
    images: new Map(),
    index: newPodIndex(),
    services: knownServices([]),
    keyCounts: new Map(),
    domains: new Map(),
    arrays: newNodeArrays(nodes.length),
    requestClasses: new Map(),
  };
  for (const n of nodes) {
    const e = makeEntry(n, cache.nodes.length);
    cache.nodes.push(e);
    cache.byName.set(e.name, e);
    syncArrays(cache, e);
  }
  rebuildImages(cache);
  return cache;
}

function bump<K>(m: Map<K, number>, key: K, delta: number): void {
  const next = (m.get(key) ?? 0) + delta;
  if (next === 0) m.delete(key);
  else m.set(key, next);
}

function applyPod(cache: SchedulerCache, e: NodeEntry, p: CachedPod, sign: 1 | -1): void {
  const r = p.req;
  e.reqCpu += sign * r.cpu;
  e.reqMemory += sign * r.memory;
  e.reqEphemeral += sign * r.ephemeralStorage;
  for (const [name, v] of r.scalar) bump(e.reqScalar, name, sign * v);
  e.nonZeroCpu += sign * r.nonZeroCpu;
  e.nonZeroMemory += sign * r.nonZeroMemory;
  e.podCount += sign;
  for (const hp of p.ports) {
    const key = portKey(hp.protocol, hp.port);
    let ips = e.usedPorts.get(key);
    if (!ips) e.usedPorts.set(key, (ips = new Map()));
    bump(ips, hp.ip, sign);
    if (ips.size === 0) e.usedPorts.delete(key);
  }
  bump(e.priorities, p.priority, sign);
  if (sign === 1) e.pods.add(p.uid);
  else e.pods.delete(p.uid);
  if (p.labelSet >= 0) countPod(cache.index, p.labelSet, e.index, e.labels, sign);
  syncArrays(cache, e);
}

/**
 * Records a pod bound to `pod.nodeName` (idempotent: re-adding a uid replaces it). Succeeded and
 * Failed pods are dropped, as the scheduler's informer ignores terminal pods.
 */
export function addPod(cache: SchedulerCache, pod: PodState): void {
  if (cache.pods.has(pod.uid)) removePod(cache, pod);
  if (!pod.nodeName || pod.phase === 'Succeeded' || pod.phase === 'Failed') return;
  const e = cache.byName.get(pod.nodeName);
  if (!e) return;
  const owner = pod.owner ? pod.owner.kind + '/' + pod.owner.name : '';
  const p: CachedPod = {
    uid: pod.uid,
    name: pod.name,
    namespace: pod.namespace,
    nodeIndex: e.index,
    req: podRequestOf(pod.spec),
    ports: podHostPortsOf(pod.spec),
    labelSet: pod.terminating ? -1 : labelSetId(cache.index, pod.namespace, owner, pod.labels, podAffinityOf(pod.spec, pod.namespace)),
    priority: pod.spec.priority ?? 0,
  };
  cache.pods.set(p.uid, p);
  applyPod(cache, e, p, 1);
}

export function removePod(cache: SchedulerCache, pod: Pick<PodState, 'uid'>): void {
  const p = cache.pods.get(pod.uid);
  if (!p) return;
  cache.pods.delete(p.uid);
  applyPod(cache, cache.nodes[p.nodeIndex], p, -1);
}

/** Node changed (cordon/uncordon, taints, labels, allocatable) or joined. */
export function updateNode(cache: SchedulerCache, node: NodeState): void {
  cache.keyCounts.clear();
  cache.domains.clear();
  const e = cache.byName.get(node.name);
  if (!e) {
    const added = makeEntry(node, cache.nodes.length);
    cache.nodes.push(added);
    cache.byName.set(added.name, added);
    cache.arrays = growNodeArrays(cache.arrays, cache.nodes.length);
    syncArrays(cache, added);
    rebuildImages(cache);
    return;
  }
  // Topology counts are keyed by node labels: move this node's pods to their new domains.
  const pods = [...e.pods].map((uid) => cache.pods.get(uid)!).filter((p) => p.labelSet >= 0);
  for (const p of pods) countPod(cache.index, p.labelSet, e.index, e.labels, -1);
  applyNodeState(e, node);
  syncArrays(cache, e);
  for (const p of pods) countPod(cache.index, p.labelSet, e.index, e.labels, 1);
  rebuildImages(cache);
}

/** Tell the scheduler which Services exist, so system-default spreading uses their selectors. */
export function setServiceSelectors(cache: SchedulerCache, services: ServiceSelector[]): void {
  cache.services = knownServices(services);
}
