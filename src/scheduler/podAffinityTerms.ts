/**
 * Pod (anti-)affinity terms, parsed from the raw `spec.affinity.podAffinity/podAntiAffinity` the
 * loader keeps (core/v1 PodAffinityTerm), the way the scheduler's PodInfo pre-processes them.
 */
import type { Labels, LabelSelector, PodSpec } from '../model/k8s';
import { matchesLabelSelector } from './selectors';

export interface AffinityTerm {
  /** null: no labelSelector, which selects nothing (labels.Nothing()). */
  selector: LabelSelector | null;
  topologyKey: string;
  /** Namespaces listed by name (the pod's own when neither names nor a selector are given). */
  namespaces: string[];
  /**
   * namespaceSelector, matched against the one namespace label the simulator knows,
   * kubernetes.io/metadata.name (set on every namespace); `{}` selects every namespace.
   */
  namespaceSelector: LabelSelector | null;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PodAffinitySpec {
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  /** Canonical text of the terms, so pods of one template share one label set. */
  key: string;
}

type Raw = Record<string, unknown>;

function isObj(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector → the pod's own. */
function parseTerm(raw: unknown, podNamespace: string): AffinityTerm | null {
  if (!isObj(raw) || typeof raw.topologyKey !== 'string' || raw.topologyKey === '') return null;
  const listed = asArray(raw.namespaces).filter((n): n is string => typeof n === 'string');
  const namespaceSelector = isObj(raw.namespaceSelector) ? (raw.namespaceSelector as LabelSelector) : null;
  const namespaces = listed.length === 0 && namespaceSelector === null ? [podNamespace] : listed;
  const selector = isObj(raw.labelSelector) ? (raw.labelSelector as LabelSelector) : null;
  return { selector, topologyKey: raw.topologyKey, namespaces, namespaceSelector };
}

function parseWeighted(raw: unknown, podNamespace: string): WeightedAffinityTerm | null {
  if (!isObj(raw) || typeof raw.weight !== 'number' || raw.weight === 0) return null;
  const term = parseTerm(raw.podAffinityTerm, podNamespace);
  return term ? { ...term, weight: raw.weight } : null;
}

function terms<T>(list: unknown, parse: (r: unknown) => T | null): T[] {
  return asArray(list)
    .map(parse)
    .filter((t): t is T => t !== null);
}

const keyMemo = new WeakMap<object, string>();

/** Parsed terms, or null when the pod has no pod (anti-)affinity at all. */
export function parsePodAffinity(spec: PodSpec, podNamespace: string): PodAffinitySpec | null {
  const aff = spec.affinity?.podAffinity;
  const anti = spec.affinity?.podAntiAffinity;
  if (!isObj(aff) && !isObj(anti)) return null;
  const a = isObj(aff) ? aff : {};
  const n = isObj(anti) ? anti : {};
  const one = (r: unknown): AffinityTerm | null => parseTerm(r, podNamespace);
  const weighted = (r: unknown): WeightedAffinityTerm | null => parseWeighted(r, podNamespace);
  const spec_: Omit<PodAffinitySpec, 'key'> = {
    requiredAffinity: terms(a.requiredDuringSchedulingIgnoredDuringExecution, one),
    requiredAntiAffinity: terms(n.requiredDuringSchedulingIgnoredDuringExecution, one),
    preferredAffinity: terms(a.preferredDuringSchedulingIgnoredDuringExecution, weighted),
    preferredAntiAffinity: terms(n.preferredDuringSchedulingIgnoredDuringExecution, weighted),
  };
  const owner = spec.affinity as object;
  let key = keyMemo.get(owner);
  if (key === undefined) {
    key = JSON.stringify(spec_);
    keyMemo.set(owner, key);
  }
  return { ...spec_, key: podNamespace + '\u0000' + key };
}

/** PodMatchesTermsNamespaceAndSelector. */
export function termMatches(term: AffinityTerm, namespace: string, labels: Labels): boolean {
  if (term.selector === null) return false;
  const inNamespace =
    term.namespaces.includes(namespace) ||
    (term.namespaceSelector !== null && matchesLabelSelector(term.namespaceSelector, { 'kubernetes.io/metadata.name': namespace }));
  return inNamespace && matchesLabelSelector(term.selector, labels);
}
