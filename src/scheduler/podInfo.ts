/** Everything about the pod being scheduled that the plugins need, computed once per cycle. */
import type { Labels, NodeSelectorTerm, PodSpec, Toleration } from '../model/k8s';
import type { SchedulerCache } from './cache';
import { hostPortsOf, type HostPort } from './hostPorts';
import { labelKey, type SpreadSelector } from './podIndex';
import { parsePodAffinity, type PodAffinitySpec } from './podAffinityTerms';
import { computePodRequest, requestsNothing, type PodResourceRequest } from './resources';
import {
  labelsContain,
  matchesLabelSelector,
  preferredTerms,
  requiredNodeAffinity,
  type RequiredNodeAffinity,
} from './selectors';
import { preferNoScheduleTolerations, tolerationsTolerateTaint, UNSCHEDULABLE_TAINT } from './tolerations';

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

export interface PodInfo {
  pod: PodToSchedule;
  req: PodResourceRequest;
  /** Requests nothing: Fit only checks the pod count, BalancedAllocation skips the pod. */
  requestsNothing: boolean;
  ports: HostPort[];
  tolerations: Toleration[];
  toleratesUnschedulable: boolean;
  preferTolerations: Toleration[];
  affinity: RequiredNodeAffinity | null;
  preferred: { weight: number; term: NodeSelectorTerm }[];
  priority: number;
  /** Normalised image names of init containers then containers (ImageLocality). */
  images: string[];
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

/** imagelocality normalizedImageName: a reference without a tag gets ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? name + ':latest' : name;
}

const NO_LABELS: Labels = Object.freeze({}) as Labels;

function serviceLabelsFor(cache: SchedulerCache, pod: PodToSchedule): Labels {
  if (cache.services.length === 0) return NO_LABELS;
  const key = pod.namespace + '\u0000' + labelKey(pod.labels);
  const memo = cache.serviceMemo.get(key);
  if (memo) return memo;
  const merged: Labels = {};
  for (const s of cache.services) {
    // GetPodServices: same namespace, non-empty selector that the pod's labels satisfy.
    if (s.namespace !== pod.namespace || !s.selector || Object.keys(s.selector).length === 0) continue;
    if (labelsContain(pod.labels, s.selector)) Object.assign(merged, s.selector);
  }
  cache.serviceMemo.set(key, merged);
  return merged;
}

function defaultSelector(cache: SchedulerCache, pod: PodToSchedule): SpreadSelector {
  const owner = pod.owner && SELECTOR_OWNERS.has(pod.owner.kind) ? pod.owner.kind + '/' + pod.owner.name : null;
  return { kind: 'default', namespace: pod.namespace, serviceLabels: serviceLabelsFor(cache, pod), owner };
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
  const selector = defaultSelector(cache, pod);
  if (selector.kind === 'default' && selector.owner === null && Object.keys(selector.serviceLabels).length === 0) return [];
  return SYSTEM_DEFAULTS.map((d) => ({ topologyKey: d.topologyKey, maxSkew: d.maxSkew, minDomains: 1, selector, selfMatch: true }));
}

export function buildPodInfo(cache: SchedulerCache, pod: PodToSchedule): PodInfo {
  const spec = pod.spec;
  const req = computePodRequest(spec);
  const tolerations = spec.tolerations ?? [];
  const images: string[] = [];
  for (const c of spec.initContainers ?? []) images.push(normalizedImageName(c.image));
  for (const c of spec.containers) images.push(normalizedImageName(c.image));
  return {
    pod,
    req,
    requestsNothing: requestsNothing(req),
    ports: hostPortsOf(spec),
    tolerations,
    toleratesUnschedulable: tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT),
    preferTolerations: preferNoScheduleTolerations(tolerations),
    affinity: requiredNodeAffinity(spec),
    preferred: preferredTerms(spec),
    priority: spec.priority ?? 0,
    images,
    soft: constraintsFor(cache, pod, 'ScheduleAnyway'),
    softRequireAllKeys: (spec.topologySpreadConstraints ?? []).length > 0,
    hard: constraintsFor(cache, pod, 'DoNotSchedule'),
    podAffinity: parsePodAffinity(spec, pod.namespace),
  };
}
