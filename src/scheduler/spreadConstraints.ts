/**
 * Which pods PodTopologySpread spreads a pod against: its own topologySpreadConstraints, or, when
 * it has none, kube-scheduler's system defaults over the pods that its Services and its controller
 * select. The Services are the scheduler's own list (setServiceSelectors), indexed and memoised here.
 */
import type { Labels, PodSpec } from '../model/k8s';
import { labelKey, type SpreadSelector } from './podIndex';
import { labelsContain, matchesLabelSelector } from './selectors';

/** A spreading constraint with its selector resolved. */
export interface SpreadConstraint {
  topologyKey: string;
  maxSkew: number;
  minDomains: number;
  selector: SpreadSelector;
  /** Whether the incoming pod itself matches the selector (the "+1" of the skew check). */
  selfMatch: boolean;
}

/** What decides a pod's constraints (a PodToSchedule). */
interface SpreadingPod {
  namespace: string;
  labels: Labels;
  spec: PodSpec;
  owner?: { kind: string; name: string } | null;
}

export interface ServiceSelector {
  namespace: string;
  selector: Labels | null;
}

/** What the Services selecting pods with one label set in one namespace imply for spreading. */
export interface ServiceMemo {
  /** The merged selectors of those Services. */
  labels: Labels;
  /** Owner ("Kind/name", '' for none) → the system-default constraints (shared, read-only). */
  constraints: Map<string, SpreadConstraint[]>;
}

/** The Services the scheduler knows, and what they imply for the pods of one label set (memo). */
export interface KnownServices {
  list: ServiceSelector[];
  /** namespace + pod labels → merged selectors of the Services selecting such a pod (and their constraints). */
  memo: Map<string, ServiceMemo>;
  /** namespace + a selector's first pair → positions in `list` (built on first use). */
  index: Map<string, number[]> | null;
  /** The last memo answer, by the pod's namespace and labels object. */
  last: { namespace: string; labels: Labels; memo: ServiceMemo } | null;
}

/** A fresh memo over copies of `services`' selectors. */
export function knownServices(services: ServiceSelector[]): KnownServices {
  return {
    list: services.map((s) => ({ namespace: s.namespace, selector: s.selector ? { ...s.selector } : null })),
    memo: new Map(),
    index: null,
    last: null,
  };
}

/** Owners whose selector narrows the default spreading selector (helper.DefaultSelector). */
const SELECTOR_OWNERS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** kube-scheduler's defaultConstraints for `DefaultingType: System`. */
const SYSTEM_DEFAULTS = [
  { topologyKey: 'kubernetes.io/hostname', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5 },
];

const NO_LABELS: Labels = Object.freeze({}) as Labels;

/** Services by namespace and their selector's first pair, so a pod only tests Services that could select it. */
function serviceIndex(services: KnownServices): Map<string, number[]> {
  let index = services.index;
  if (index === null) {
    index = new Map();
    services.list.forEach((s, i) => {
      if (!s.selector) return;
      for (const k in s.selector) {
        const key = s.namespace + '\u0000' + k + '\u0000' + s.selector[k];
        const list = index!.get(key);
        if (list) list.push(i);
        else index!.set(key, [i]);
        return;
      }
    });
    services.index = index;
  }
  return index;
}

function serviceMemoFor(services: KnownServices, pod: SpreadingPod): ServiceMemo {
  if (services.list.length === 0) {
    // No Services: nothing narrows the selector, one entry per namespace keeps the constraints.
    const key = '\u0001' + pod.namespace;
    let none = services.memo.get(key);
    if (!none) services.memo.set(key, (none = { labels: NO_LABELS, constraints: new Map() }));
    return none;
  }
  // Replicas arrive one after another with the same labels object: remember the last answer.
  const last = services.last;
  if (last !== null && last.labels === pod.labels && last.namespace === pod.namespace) return last.memo;
  const key = pod.namespace + '\u0000' + labelKey(pod.labels);
  const memo = services.memo.get(key);
  if (memo) {
    services.last = { namespace: pod.namespace, labels: pod.labels, memo };
    return memo;
  }
  // GetPodServices: same namespace, non-empty selector that the pod's labels satisfy; merged in
  // Service order. A selector is indexed under its first pair, so each candidate is seen once.
  const index = serviceIndex(services);
  const matching: number[] = [];
  for (const k in pod.labels) {
    const candidates = index.get(pod.namespace + '\u0000' + k + '\u0000' + pod.labels[k]);
    if (!candidates) continue;
    for (const i of candidates) if (labelsContain(pod.labels, services.list[i].selector!)) matching.push(i);
  }
  matching.sort((a, b) => a - b);
  const merged: Labels = {};
  for (const i of matching) Object.assign(merged, services.list[i].selector);
  const entry: ServiceMemo = { labels: merged, constraints: new Map() };
  services.memo.set(key, entry);
  services.last = { namespace: pod.namespace, labels: pod.labels, memo: entry };
  return entry;
}

function defaultConstraints(services: KnownServices, pod: SpreadingPod): SpreadConstraint[] {
  const owner = pod.owner && SELECTOR_OWNERS.has(pod.owner.kind) ? pod.owner.kind + '/' + pod.owner.name : null;
  const memo = serviceMemoFor(services, pod);
  const serviceLabels = memo.labels;
  if (owner === null && Object.keys(serviceLabels).length === 0) return [];
  let constraints = memo.constraints.get(owner ?? '');
  if (constraints === undefined) {
    const selector: SpreadSelector = { kind: 'default', namespace: pod.namespace, serviceLabels, owner };
    constraints = SYSTEM_DEFAULTS.map((d) => ({
      topologyKey: d.topologyKey,
      maxSkew: d.maxSkew,
      minDomains: 1,
      selector,
      selfMatch: true,
    }));
    memo.constraints.set(owner ?? '', constraints);
  }
  return constraints;
}

/** The pod's constraints with `whenUnsatisfiable: action` (the system defaults are all ScheduleAnyway). */
export function spreadConstraintsOf(
  services: KnownServices,
  pod: SpreadingPod,
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
  return defaultConstraints(services, pod);
}
