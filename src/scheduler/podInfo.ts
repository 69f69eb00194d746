/** Everything about the pod being scheduled that the plugins need, computed once per cycle. */
import type { Labels, PodSpec } from '../model/k8s';
import type { SchedulerCache } from './cache';
import { labelKey, type SpreadSelector } from './podIndex';
import type { PodAffinitySpec } from './podAffinityTerms';
import { podAffinityOf, specInfo, type SpecInfo } from './podSpecInfo';
import { labelsContain, matchesLabelSelector } from './selectors';

export interface PodToSchedule {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  spec: PodSpec;
  owner?: { kind: string; name: string } | null;
}

/** A spreading constraint with its selector resolved. */
export interface SpreadConstraint {
  topologyKey: string;
  maxSkew: number;
  minDomains: number;
  selector: SpreadSelector;
  /** Whether the incoming pod itself matches the selector (the "+1" of the skew check). */
  selfMatch: boolean;
}

export interface PodInfo extends SpecInfo {
  pod: PodToSchedule;
  /** ScheduleAnyway constraints (or the system defaults) for scoring. */
  soft: SpreadConstraint[];
  /** Soft constraints are the user's own: nodes must carry every key to be scored. */
  softRequireAllKeys: boolean;
  /** DoNotSchedule constraints for the PodTopologySpread filter. */
  hard: SpreadConstraint[];
  /** Pod (anti-)affinity terms (InterPodAffinity). */
  podAffinity: PodAffinitySpec | null;
}

/** Owners whose selector narrows the default spreading selector (helper.DefaultSelector). */
const SELECTOR_OWNERS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** kube-scheduler's defaultConstraints for `DefaultingType: System`. */
const SYSTEM_DEFAULTS = [
  { topologyKey: 'kubernetes.io/hostname', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5 },
];

const NO_LABELS: Labels = Object.freeze({}) as Labels;

/** What the Services selecting pods with one label set in one namespace imply for spreading. */
export interface ServiceMemo {
  /** The merged selectors of those Services. */
  labels: Labels;
  /** Owner ("Kind/name", '' for none) → the system-default constraints (shared, read-only). */
  constraints: Map<string, SpreadConstraint[]>;
}

/** Services by namespace and their selector's first pair, so a pod only tests Services that could select it. */
function serviceIndex(cache: SchedulerCache): Map<string, number[]> {
  let index = cache.serviceIndex;
  if (index === null) {
    index = new Map();
    cache.services.forEach((s, i) => {
      if (!s.selector) return;
      for (const k in s.selector) {
        const key = s.namespace + '\u0000' + k + '\u0000' + s.selector[k];
        const list = index!.get(key);
        if (list) list.push(i);
        else index!.set(key, [i]);
        return;
      }
    });
    cache.serviceIndex = index;
  }
  return index;
}

function serviceMemoFor(cache: SchedulerCache, pod: PodToSchedule): ServiceMemo {
  if (cache.services.length === 0) {
    // No Services: nothing narrows the selector, one entry per namespace keeps the constraints.
    const key = '\u0001' + pod.namespace;
    let none = cache.serviceMemo.get(key);
    if (!none) cache.serviceMemo.set(key, (none = { labels: NO_LABELS, constraints: new Map() }));
    return none;
  }
  // Replicas arrive one after another with the same labels object: remember the last answer.
  const last = cache.lastServiceMemo;
  if (last !== null && last.labels === pod.labels && last.namespace === pod.namespace) return last.memo;
  const key = pod.namespace + '\u0000' + labelKey(pod.labels);
  const memo = cache.serviceMemo.get(key);
  if (memo) {
    cache.lastServiceMemo = { namespace: pod.namespace, labels: pod.labels, memo };
    return memo;
  }
  // GetPodServices: same namespace, non-empty selector that the pod's labels satisfy; merged in
  // Service order. A selector is indexed under its first pair, so each candidate is seen once.
  const index = serviceIndex(cache);
  const matching: number[] = [];
  for (const k in pod.labels) {
    const candidates = index.get(pod.namespace + '\u0000' + k + '\u0000' + pod.labels[k]);
    if (!candidates) continue;
    for (const i of candidates) if (labelsContain(pod.labels, cache.services[i].selector!)) matching.push(i);
  }
  matching.sort((a, b) => a - b);
  const merged: Labels = {};
  for (const i of matching) Object.assign(merged, cache.services[i].selector);
  const entry: ServiceMemo = { labels: merged, constraints: new Map() };
  cache.serviceMemo.set(key, entry);
  cache.lastServiceMemo = { namespace: pod.namespace, labels: pod.labels, memo: entry };
  return entry;
}

function defaultConstraints(cache: SchedulerCache, pod: PodToSchedule): SpreadConstraint[] {
  const owner = pod.owner && SELECTOR_OWNERS.has(pod.owner.kind) ? pod.owner.kind + '/' + pod.owner.name : null;
  const memo = serviceMemoFor(cache, pod);
  const serviceLabels = memo.labels;
  if (owner === null && Object.keys(serviceLabels).length === 0) return [];
  let constraints = memo.constraints.get(owner ?? '');
  if (constraints === undefined) {
    const selector: SpreadSelector = { kind: 'default', namespace: pod.namespace, serviceLabels, owner };
    constraints = SYSTEM_DEFAULTS.map((d) => ({ topologyKey: d.topologyKey, maxSkew: d.maxSkew, minDomains: 1, selector, selfMatch: true }));
    memo.constraints.set(owner ?? '', constraints);
  }
  return constraints;
}

function constraintsFor(
  cache: SchedulerCache,
  pod: PodToSchedule,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): SpreadConstraint[] {
  const own = pod.spec.topologySpreadConstraints ?? [];
  if (own.length > 0) {
    return own
      .filter((c) => c.whenUnsatisfiable === action)
      .map((c) => {
        const selector: SpreadSelector = { kind: 'label', namespace: pod.namespace, selector: c.labelSelector ?? {} };
        return {
          topologyKey: c.topologyKey,
          maxSkew: c.maxSkew,
          minDomains: c.minDomains ?? 1,
          selector,
          // A missing labelSelector selects nothing (labels.Nothing()), an empty one everything.
          selfMatch: c.labelSelector ? matchesLabelSelector(c.labelSelector, pod.labels) : false,
        };
      });
  }
  // System defaults are all ScheduleAnyway, so they never filter.
  if (action === 'DoNotSchedule') return [];
  return defaultConstraints(cache, pod);
}

export function buildPodInfo(cache: SchedulerCache, pod: PodToSchedule): PodInfo {
  const spec = pod.spec;
  const s = specInfo(spec);
  return {
    pod,
    req: s.req,
    requestsNothing: s.requestsNothing,
    ports: s.ports,
    tolerations: s.tolerations,
    toleratesUnschedulable: s.toleratesUnschedulable,
    preferTolerations: s.preferTolerations,
    affinity: s.affinity,
    preferred: s.preferred,
    priority: s.priority,
    images: s.images,
    soft: constraintsFor(cache, pod, 'ScheduleAnyway'),
    softRequireAllKeys: (spec.topologySpreadConstraints ?? []).length > 0,
    hard: constraintsFor(cache, pod, 'DoNotSchedule'),
    podAffinity: podAffinityOf(spec, pod.namespace),
  };
}
