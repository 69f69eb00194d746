/**
 * What a PodSpec implies for the scheduler. Replicas share their template's PodSpec object, and
 * specs are never mutated (a changed pod gets a new spec): it is worked out once per spec, and the
 * results are shared and read-only.
 */
import type { NodeSelectorTerm, PodSpec, Toleration } from '../model/k8s';
import { hostPortsOf, type HostPort } from './hostPorts';
import { parsePodAffinity, type PodAffinitySpec } from './podAffinityTerms';
import { computePodRequest, requestsNothing, type PodResourceRequest } from './resources';
import { preferredTerms, requiredNodeAffinity, type RequiredNodeAffinity } from './selectors';
import { preferNoScheduleTolerations, tolerationsTolerateTaint, UNSCHEDULABLE_TAINT } from './tolerations';

/** The parts of PodInfo that depend on the PodSpec alone. */
export interface SpecInfo {
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
}

interface SpecMemo extends SpecInfo {
  /** parsePodAffinity for the namespace it was last asked for. */
  podAffinityNamespace: string | null;
  podAffinity: PodAffinitySpec | null;
}

const specMemos = new WeakMap<PodSpec, SpecMemo>();

/** imagelocality normalizedImageName: a reference without a tag gets ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? name + ':latest' : name;
}

function specMemo(spec: PodSpec): SpecMemo {
  let s = specMemos.get(spec);
  if (s === undefined) {
    const req = computePodRequest(spec);
    const tolerations = spec.tolerations ?? [];
    const images: string[] = [];
    for (const c of spec.initContainers ?? []) images.push(normalizedImageName(c.image));
    for (const c of spec.containers) images.push(normalizedImageName(c.image));
    s = {
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
      podAffinityNamespace: null,
      podAffinity: null,
    };
    specMemos.set(spec, s);
  }
  return s;
}

/** Everything the spec alone implies (shared, read-only). */
export function specInfo(spec: PodSpec): SpecInfo {
  return specMemo(spec);
}

/** A pod's resource requests (shared, read-only). */
export function podRequestOf(spec: PodSpec): PodResourceRequest {
  return specMemo(spec).req;
}

/** The host ports a pod takes (shared, read-only). */
export function podHostPortsOf(spec: PodSpec): HostPort[] {
  return specMemo(spec).ports;
}

/** parsePodAffinity, remembered per spec for the namespace its pods live in (shared, read-only). */
export function podAffinityOf(spec: PodSpec, namespace: string): PodAffinitySpec | null {
  const s = specMemo(spec);
  if (s.podAffinityNamespace !== namespace) {
    s.podAffinity = parsePodAffinity(spec, namespace);
    s.podAffinityNamespace = namespace;
  }
  return s.podAffinity;
}
