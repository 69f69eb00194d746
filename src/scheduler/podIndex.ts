/**
 * Counts of bound pods by label set, so PodTopologySpread can ask "how many pods matching this
 * selector run on node N / in zone Z" without scanning every pod. Pods of one ReplicaSet share a
 * label set, so a cluster holds few distinct sets; a selector is matched against each set once.
 */
import type { Labels, LabelSelector } from '../model/k8s';
import { termMatches, type AffinityTerm, type PodAffinitySpec } from './podAffinityTerms';
import { isEmptyLabelSelector, labelsContain, matchesLabelSelector } from './selectors';

/** One distinct (namespace, controller, labels) combination and where its pods run. */
export interface LabelSet {
  namespace: string;
  /** "Kind/name" of the controlling owner, '' for none. */
  owner: string;
  labels: Labels;
  /** node index → number of (non-terminating) pods with this label set there. */
  nodeCounts: Map<number, number>;
  /** The same counts as a dense array indexed by node, built for large sets that get scored often. */
  dense: Int32Array | null;
  /** topology key → label value → pod count, for the keys in `PodIndex.trackedKeys`. */
  domainCounts: Map<string, Map<string, number>>;
  /** The pods' own pod (anti-)affinity terms (InterPodAffinity's "existing pods"), if any. */
  affinity: PodAffinitySpec | null;
}

/**
 * Which pods a spreading constraint counts. `default` is kube-scheduler's system-default selector
 * (helper.DefaultSelector): the merged selectors of the Services that select the pod, narrowed to
 * the pod's ReplicaSet/ReplicationController/StatefulSet — modelled as "same controller".
 */
export type SpreadSelector =
  | { kind: 'default'; namespace: string; serviceLabels: Labels; owner: string | null }
  | { kind: 'label'; namespace: string; selector: LabelSelector }
  /** An inter-pod affinity term: its label selector within its namespaces. */
  | { kind: 'term'; term: AffinityTerm };

interface SelectorMatches {
  sets: number[];
  /**
   * The label sets that could match, as a live list of ids (`PodIndex.byNamespace` / `byOwner`),
   * or null for all sets.
   */
  source: number[] | null;
  /** How many of them have been tested (lists are append-only, so later ones are tested lazily). */
  checked: number;
}

export interface PodIndex {
  sets: LabelSet[];
  byKey: Map<string, number>;
  /** Topology keys whose per-domain counts are maintained incrementally. */
  trackedKeys: string[];
  matches: Map<string, SelectorMatches>;
  /** The same memo by selector object (constraints are shared between the pods of a template). */
  bySelector: WeakMap<SpreadSelector, SelectorMatches>;
  /** namespace → ids of its label sets; namespace + owner → ids of that owner's label sets. */
  byNamespace: Map<string, number[]>;
  byOwner: Map<string, number[]>;
  /** Ids of the label sets whose pods carry pod (anti-)affinity terms. */
  affinitySets: number[];
  /** The last labelSetId answer. */
  last: { namespace: string; owner: string; labels: Labels; affinity: PodAffinitySpec | null; id: number } | null;
}

export const ZONE_KEY = 'topology.kubernetes.io/zone';
export const HOSTNAME_KEY = 'kubernetes.io/hostname';

export function newPodIndex(): PodIndex {
  return {
    sets: [],
    byKey: new Map(),
    trackedKeys: [ZONE_KEY],
    matches: new Map(),
    bySelector: new WeakMap(),
    byNamespace: new Map(),
    byOwner: new Map(),
    affinitySets: [],
    last: null,
  };
}

/** Label objects are never mutated (a relabelled pod gets a new object), so each one's key is built once. */
const labelKeys = new WeakMap<Labels, string>();

/** Canonical text of a label set (keys sorted). */
export function labelKey(labels: Labels): string {
  let s = labelKeys.get(labels);
  if (s === undefined) {
    const keys = Object.keys(labels).sort();
    s = '';
    for (const k of keys) s += k + '=' + labels[k] + '\u0001';
    labelKeys.set(labels, s);
  }
  return s;
}

export function labelSetId(
  index: PodIndex,
  namespace: string,
  owner: string,
  labels: Labels,
  affinity: PodAffinitySpec | null = null,
): number {
  // Replicas arrive one after another with the same label and affinity objects: remember the last.
  const last = index.last;
  if (last !== null && last.labels === labels && last.affinity === affinity && last.namespace === namespace && last.owner === owner)
    return last.id;
  const id = labelSetIdByKey(index, namespace, owner, labels, affinity);
  index.last = { namespace, owner, labels, affinity, id };
  return id;
}

function labelSetIdByKey(index: PodIndex, namespace: string, owner: string, labels: Labels, affinity: PodAffinitySpec | null): number {
  const key = namespace + '\u0000' + owner + '\u0000' + labelKey(labels) + '\u0000' + (affinity?.key ?? '');
  let id = index.byKey.get(key);
  if (id === undefined) {
    id = index.sets.length;
    const domainCounts = new Map<string, Map<string, number>>();
    for (const k of index.trackedKeys) domainCounts.set(k, new Map());
    index.sets.push({ namespace, owner, labels: { ...labels }, nodeCounts: new Map(), dense: null, domainCounts, affinity });
    index.byKey.set(key, id);
    idList(index.byNamespace, namespace).push(id);
    idList(index.byOwner, namespace + '\u0000' + owner).push(id);
    if (affinity) index.affinitySets.push(id);
  }
  return id;
}

function bump<K>(m: Map<K, number>, key: K, delta: number): void {
  const next = (m.get(key) ?? 0) + delta;
  if (next === 0) m.delete(key);
  else m.set(key, next);
}

/** Adds `delta` pods of label set `id` on node `nodeIndex` (whose labels are `nodeLabels`). */
export function countPod(index: PodIndex, id: number, nodeIndex: number, nodeLabels: Labels, delta: number): void {
  const set = index.sets[id];
  bump(set.nodeCounts, nodeIndex, delta);
  if (set.dense !== null) set.dense[nodeIndex] += delta;
  const keys = index.trackedKeys;
  for (let i = 0; i < keys.length; i++) {
    const v = nodeLabels[keys[i]];
    if (v !== undefined) bump(set.domainCounts.get(keys[i])!, v, delta);
  }
}

/** Sets with fewer pods than this answer per-node counts from their Map (cheap enough, no memory). */
const DENSE_MIN_PODS = 16;

/**
 * Per-node counts of one label set for `nodeCount` nodes: a dense array when the set is large
 * (a lookup per scored node, 500 per cycle in a 5,000-node cluster), else the Map.
 */
export function perNodeCounts(index: PodIndex, id: number, nodeCount: number): Int32Array | Map<number, number> {
  const set = index.sets[id];
  if (set.dense !== null && set.dense.length === nodeCount) return set.dense;
  if (set.nodeCounts.size < DENSE_MIN_PODS) return set.nodeCounts;
  set.dense = new Int32Array(nodeCount);
  for (const [node, n] of set.nodeCounts) set.dense[node] = n;
  return set.dense;
}

/** Start maintaining per-domain counts for `key`, built once from the per-node counts. */
export function trackKey(index: PodIndex, key: string, labelsOfNode: (i: number) => Labels): void {
  if (index.trackedKeys.includes(key)) return;
  index.trackedKeys.push(key);
  for (const set of index.sets) {
    const counts = new Map<string, number>();
    for (const [node, n] of set.nodeCounts) {
      const v = labelsOfNode(node)[key];
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + n);
    }
    set.domainCounts.set(key, counts);
  }
}

function setMatches(sel: SpreadSelector, set: LabelSet): boolean {
  if (sel.kind === 'term') return termMatches(sel.term, set.namespace, set.labels);
  if (set.namespace !== sel.namespace) return false;
  if (sel.kind === 'default') {
    if (sel.owner !== null && set.owner !== sel.owner) return false;
    return labelsContain(set.labels, sel.serviceLabels);
  }
  return matchesLabelSelector(sel.selector, set.labels);
}

/** An empty selector counts nothing (countPodsMatchSelector returns 0 for selector.Empty()). */
export function selectorIsEmpty(sel: SpreadSelector): boolean {
  if (sel.kind === 'term') return sel.term.selector === null;
  if (sel.kind === 'default') return sel.owner === null && Object.keys(sel.serviceLabels).length === 0;
  return isEmptyLabelSelector(sel.selector);
}

function selectorKey(sel: SpreadSelector): string {
  if (sel.kind === 'term') return 't\u0000' + JSON.stringify(sel.term);
  if (sel.kind === 'default') return 'd\u0000' + sel.namespace + '\u0000' + (sel.owner ?? '') + '\u0000' + labelKey(sel.serviceLabels);
  return 'l\u0000' + sel.namespace + '\u0000' + JSON.stringify(sel.selector);
}

function idList(m: Map<string, number[]>, key: string): number[] {
  let list = m.get(key);
  if (!list) m.set(key, (list = []));
  return list;
}

/** The label sets a selector could match: its owner's, its namespace's, or (terms) all. */
function candidateSets(index: PodIndex, sel: SpreadSelector): number[] | null {
  if (sel.kind === 'term') return null;
  if (sel.kind === 'default' && sel.owner !== null) return idList(index.byOwner, sel.namespace + '\u0000' + sel.owner);
  return idList(index.byNamespace, sel.namespace);
}

/** Ids of the label sets a selector matches, ascending (memoised; new sets are tested on the next call). */
export function matchingSets(index: PodIndex, sel: SpreadSelector): number[] {
  let m = index.bySelector.get(sel);
  if (m === undefined) {
    if (selectorIsEmpty(sel)) return [];
    const key = selectorKey(sel);
    m = index.matches.get(key);
    if (!m) {
      m = { sets: [], source: candidateSets(index, sel), checked: 0 };
      index.matches.set(key, m);
    }
    index.bySelector.set(sel, m);
  }
  const source = m.source;
  if (source === null) {
    for (; m.checked < index.sets.length; m.checked++) {
      if (setMatches(sel, index.sets[m.checked])) m.sets.push(m.checked);
    }
  } else {
    for (; m.checked < source.length; m.checked++) {
      const id = source[m.checked];
      if (setMatches(sel, index.sets[id])) m.sets.push(id);
    }
  }
  return m.sets;
}

/** Matching pods on one node. */
export function countOnNode(index: PodIndex, sets: readonly number[], nodeIndex: number): number {
  let n = 0;
  for (const id of sets) n += index.sets[id].nodeCounts.get(nodeIndex) ?? 0;
  return n;
}

/**
 * Matching pods per value of `key`, counting only nodes that pass `include` (null = all nodes that
 * carry the key, answered from the incremental counts).
 */
export function countByDomain(
  index: PodIndex,
  sets: readonly number[],
  key: string,
  labelsOfNode: (i: number) => Labels,
  include: ((nodeIndex: number) => boolean) | null,
): Map<string, number> {
  const out = new Map<string, number>();
  if (include === null) {
    trackKey(index, key, labelsOfNode);
    for (const id of sets) {
      for (const [v, n] of index.sets[id].domainCounts.get(key)!) out.set(v, (out.get(v) ?? 0) + n);
    }
    return out;
  }
  for (const id of sets) {
    for (const [node, n] of index.sets[id].nodeCounts) {
      if (!include(node)) continue;
      const v = labelsOfNode(node)[key];
      if (v !== undefined) out.set(v, (out.get(v) ?? 0) + n);
    }
  }
  return out;
}
