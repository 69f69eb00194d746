/**
 * Label and node selectors, as apimachinery (labels) and component-helpers
 * (scheduling/corev1/nodeaffinity) evaluate them.
 */
import type { Labels, LabelSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from '../model/k8s';

const INT64 = /^[+-]?\d+$/;

/** One node-selector requirement against a label set (or, for matchFields, the node's fields). */
export function matchesNodeRequirement(r: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value as string);
    case 'NotIn':
      return !has || !values.includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as int64 and exactly one value is allowed; otherwise no match.
      if (!has || values.length !== 1 || !INT64.test(value as string) || !INT64.test(values[0])) return false;
      const left = Number(value);
      const right = Number(values[0]);
      return r.operator === 'Gt' ? left > right : left < right;
    }
    default:
      return false;
  }
}

const NAME_FIELD = 'metadata.name';

/** A term matches when all its expressions and fields match; an empty term matches nothing. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, nodeName: string, labels: Labels): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!matchesNodeRequirement(r, labels)) return false;
  for (const f of fields) {
    // Only metadata.name with In/NotIn is a valid field selector; anything else fails to parse and never matches.
    if (f.key !== NAME_FIELD || (f.operator !== 'In' && f.operator !== 'NotIn') || (f.values ?? []).length === 0) return false;
    if (!matchesNodeRequirement(f, { [NAME_FIELD]: nodeName })) return false;
  }
  return true;
}

/** nodeaffinity.RequiredNodeAffinity: spec.nodeSelector AND any required term. */
export interface RequiredNodeAffinity {
  nodeSelector: [string, string][];
  terms: NodeSelectorTerm[] | null;
}

export function requiredNodeAffinity(spec: PodSpec): RequiredNodeAffinity | null {
  const nodeSelector = Object.entries(spec.nodeSelector ?? {});
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? (required.nodeSelectorTerms ?? []) : null;
  if (nodeSelector.length === 0 && terms === null) return null;
  return { nodeSelector, terms };
}

export function matchesRequiredAffinity(a: RequiredNodeAffinity | null, nodeName: string, labels: Labels): boolean {
  if (a === null) return true;
  for (const [k, v] of a.nodeSelector) if (labels[k] !== v) return false;
  if (a.terms === null) return true;
  for (const t of a.terms) if (matchesNodeSelectorTerm(t, nodeName, labels)) return true;
  return false;
}

/**
 * NodeAffinity PreFilter: when every required term pins `metadata.name In [...]`, only those nodes
 * are looked at. Returns null (all nodes), a set of names, or an empty set on conflicting terms.
 */
export function preFilterNodeNames(spec: PodSpec): Set<string> | null {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return null;
  let names: Set<string> | null = null;
  for (const t of terms) {
    let termNames: string[] | null = null;
    for (const f of t.matchFields ?? []) {
      if (f.key !== NAME_FIELD || f.operator !== 'In') continue;
      const values = f.values ?? [];
      // Requirements within a term are ANDed: intersect.
      termNames = termNames === null ? [...values] : termNames.filter((n) => values.includes(n));
    }
    // A term without a name field allows every node, since terms are ORed.
    if (termNames === null) return null;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/** Preferred terms with weight and a non-empty preference (NewPreferredSchedulingTerms skips the rest). */
export function preferredTerms(spec: PodSpec): { weight: number; term: NodeSelectorTerm }[] {
  const pref = spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const out: { weight: number; term: NodeSelectorTerm }[] = [];
  for (const p of pref) {
    const empty = (p.preference.matchExpressions ?? []).length === 0 && (p.preference.matchFields ?? []).length === 0;
    if (p.weight === 0 || empty) continue;
    out.push({ weight: p.weight, term: p.preference });
  }
  return out;
}

/** metav1.LabelSelector semantics: matchLabels AND matchExpressions; NotIn/DoesNotExist match a missing key. */
export function matchesLabelSelector(sel: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptyLabelSelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/** True when every key=value of `selector` is in `labels` (Service selectors are equality-only). */
export function labelsContain(labels: Labels, selector: Labels): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}
