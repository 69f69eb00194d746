/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): the Filter for required
 * pod affinity / anti-affinity (the incoming pod's, and existing pods' anti-affinity against it),
 * and the Score for preferred terms (plus existing pods' required affinity at weight 1).
 * Counts come from the label-set index, per topology domain, never from a scan of all pods.
 */
import type { Labels } from '../model/k8s';
import type { NodeEntry, SchedulerCache } from './cache';
import { matchingSets, trackKey, type LabelSet } from './podIndex';
import { termMatches, type AffinityTerm, type PodAffinitySpec } from './podAffinityTerms';

export const POD_AFFINITY_REASON = "node(s) didn't match pod affinity rules";
export const POD_ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";
/** InterPodAffinityArgs.hardPodAffinityWeight default. */
const HARD_POD_AFFINITY_WEIGHT = 1;

interface IncomingPod {
  namespace: string;
  labels: Labels;
  affinity: PodAffinitySpec | null;
}

type DomainCounts = Map<string, number>;

function labelsOf(cache: SchedulerCache): (i: number) => Labels {
  return (i) => cache.nodes[i].labels;
}

function setDomainCounts(cache: SchedulerCache, set: LabelSet, key: string): DomainCounts {
  trackKey(cache.index, key, labelsOf(cache));
  return set.domainCounts.get(key)!;
}

/** Matching pods per value of the term's topology key, over all nodes. */
function termCounts(cache: SchedulerCache, sets: readonly number[], key: string): DomainCounts {
  trackKey(cache.index, key, labelsOf(cache));
  const out: DomainCounts = new Map();
  for (const id of sets) {
    for (const [v, n] of cache.index.sets[id].domainCounts.get(key)!) out.set(v, (out.get(v) ?? 0) + n);
  }
  return out;
}

function setsFor(cache: SchedulerCache, term: AffinityTerm): number[] {
  return matchingSets(cache.index, { kind: 'term', term });
}

// ---------------------------------------------------------------------------------------------
// Filter

export interface InterPodFilterState {
  required: AffinityTerm[];
  /** Per required term: pods matching *all* required terms, per domain of that term's key. */
  affinityCounts: DomainCounts[];
  anyAffinityMatch: boolean;
  /** The pod matches all its own required terms (first pod of a self-affine group may go anywhere). */
  selfMatchesAll: boolean;
  anti: { term: AffinityTerm; counts: DomainCounts }[];
  /** Domains where an existing pod's required anti-affinity forbids this pod: keys, and per key its values. */
  existingAntiKeys: string[];
  existingAntiValues: Set<string>[];
}

/**
 * Whether some existing pod's term selects this pod: its required anti-affinity (for the filter),
 * or its required affinity / preferred terms (for the score).
 */
function anyExistingTerm(cache: SchedulerCache, pod: IncomingPod, scoring: boolean): boolean {
  for (const id of cache.index.affinitySets) {
    const a = cache.index.sets[id].affinity!;
    const lists = scoring ? [a.requiredAffinity, a.preferredAffinity, a.preferredAntiAffinity] : [a.requiredAntiAffinity];
    for (const list of lists) for (const t of list) if (termMatches(t, pod.namespace, pod.labels)) return true;
  }
  return false;
}

/** PreFilter; null when the plugin has nothing to check for this pod (upstream returns Skip). */
export function interPodPreFilter(cache: SchedulerCache, pod: IncomingPod): InterPodFilterState | null {
  // Nothing to check (the common case): no required terms of its own, and no existing pod's
  // required anti-affinity selects it. Decided before anything is allocated.
  const own = pod.affinity !== null && (pod.affinity.requiredAffinity.length > 0 || pod.affinity.requiredAntiAffinity.length > 0);
  if (!own && !anyExistingTerm(cache, pod, false)) return null;
  const existingAnti = new Map<string, Set<string>>();
  for (const id of cache.index.affinitySets) {
    const set = cache.index.sets[id];
    for (const term of set.affinity!.requiredAntiAffinity) {
      if (!termMatches(term, pod.namespace, pod.labels)) continue;
      for (const [v, n] of setDomainCounts(cache, set, term.topologyKey)) {
        if (n <= 0) continue;
        let values = existingAnti.get(term.topologyKey);
        if (!values) existingAnti.set(term.topologyKey, (values = new Set()));
        values.add(v);
      }
    }
  }
  const required = pod.affinity?.requiredAffinity ?? [];
  const antiTerms = pod.affinity?.requiredAntiAffinity ?? [];
  if (required.length === 0 && antiTerms.length === 0 && existingAnti.size === 0) return null;

  let allSets: number[] | null = null;
  for (const term of required) {
    const s = setsFor(cache, term);
    allSets = allSets === null ? [...s] : allSets.filter((id) => s.includes(id));
  }
  const affinityCounts = required.map((t) => termCounts(cache, allSets ?? [], t.topologyKey));
  return {
    required,
    affinityCounts,
    anyAffinityMatch: affinityCounts.some((c) => [...c.values()].some((n) => n > 0)),
    selfMatchesAll: required.every((t) => termMatches(t, pod.namespace, pod.labels)),
    anti: antiTerms.map((term) => ({ term, counts: termCounts(cache, setsFor(cache, term), term.topologyKey) })),
    existingAntiKeys: [...existingAnti.keys()],
    existingAntiValues: [...existingAnti.values()],
  };
}

export interface InterPodRejection {
  readonly unresolvable: boolean;
  readonly reason: string;
}

const AFFINITY_MISMATCH: InterPodRejection = Object.freeze({ unresolvable: true, reason: POD_AFFINITY_REASON });
const ANTI_AFFINITY_CLASH: InterPodRejection = Object.freeze({ unresolvable: false, reason: POD_ANTI_AFFINITY_REASON });
const EXISTING_ANTI_AFFINITY_CLASH: InterPodRejection = Object.freeze({ unresolvable: false, reason: EXISTING_ANTI_AFFINITY_REASON });

/** Filter (allocates nothing: rejections are shared constants). */
export function interPodFilter(s: InterPodFilterState, e: NodeEntry): InterPodRejection | null {
  if (s.required.length > 0) {
    let podsExist = true;
    for (let i = 0; i < s.required.length; i++) {
      const v = e.labels[s.required[i].topologyKey];
      if (v === undefined) return AFFINITY_MISMATCH;
      if ((s.affinityCounts[i].get(v) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist && !(!s.anyAffinityMatch && s.selfMatchesAll)) return AFFINITY_MISMATCH;
  }
  for (let i = 0; i < s.anti.length; i++) {
    const a = s.anti[i];
    const v = e.labels[a.term.topologyKey];
    if (v !== undefined && (a.counts.get(v) ?? 0) > 0) return ANTI_AFFINITY_CLASH;
  }
  for (let i = 0; i < s.existingAntiKeys.length; i++) {
    const v = e.labels[s.existingAntiKeys[i]];
    if (v !== undefined && s.existingAntiValues[i].has(v)) return EXISTING_ANTI_AFFINITY_CLASH;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Score

/** topology key → value → summed weight (PreScore's topologyScore); null when nothing was added. */
export function interPodTopologyScore(cache: SchedulerCache, pod: IncomingPod): Map<string, DomainCounts> | null {
  // Nothing can add a weight (the common case): no preferred terms of its own, and no existing
  // pod's terms select it. Decided before anything is allocated.
  const own = pod.affinity !== null && (pod.affinity.preferredAffinity.length > 0 || pod.affinity.preferredAntiAffinity.length > 0);
  if (!own && !anyExistingTerm(cache, pod, true)) return null;
  const score = new Map<string, DomainCounts>();
  let touched = false;
  const add = (key: string, counts: DomainCounts, weight: number): void => {
    for (const [v, n] of counts) {
      if (n <= 0) continue;
      let m = score.get(key);
      if (!m) score.set(key, (m = new Map()));
      m.set(v, (m.get(v) ?? 0) + weight * n);
      touched = true;
    }
  };
  // The incoming pod's preferred terms, against every existing pod.
  for (const t of pod.affinity?.preferredAffinity ?? []) add(t.topologyKey, termCounts(cache, setsFor(cache, t), t.topologyKey), t.weight);
  for (const t of pod.affinity?.preferredAntiAffinity ?? [])
    add(t.topologyKey, termCounts(cache, setsFor(cache, t), t.topologyKey), -t.weight);
  // Existing pods' terms that the incoming pod matches.
  for (const id of cache.index.affinitySets) {
    const set = cache.index.sets[id];
    const a = set.affinity!;
    const matching = (t: AffinityTerm): boolean => termMatches(t, pod.namespace, pod.labels);
    for (const t of a.requiredAffinity)
      if (matching(t)) add(t.topologyKey, setDomainCounts(cache, set, t.topologyKey), HARD_POD_AFFINITY_WEIGHT);
    for (const t of a.preferredAffinity) if (matching(t)) add(t.topologyKey, setDomainCounts(cache, set, t.topologyKey), t.weight);
    for (const t of a.preferredAntiAffinity) if (matching(t)) add(t.topologyKey, setDomainCounts(cache, set, t.topologyKey), -t.weight);
  }
  return touched ? score : null;
}

/** Score: Σ over topology keys of the node's domain weight. */
export function interPodRaw(score: Map<string, DomainCounts>, e: NodeEntry): number {
  let s = 0;
  for (const [key, values] of score) {
    const v = e.labels[key];
    if (v !== undefined) s += values.get(v) ?? 0;
  }
  return s;
}

/** NormalizeScore: min–max scaled to 0–100 (truncated), all 0 when every node scores the same. */
export function normalizeInterPod(raw: number, min: number, max: number): number {
  // float64(MaxNodeScore) * (float64(s-min) / float64(max-min)), then int64: same operation order.
  return max - min > 0 ? Math.trunc(100 * ((raw - min) / (max - min))) : 0;
}
