/**
 * Matching of API label selectors against label sets (apimachinery pkg/labels semantics).
 * Parsing kubectl's `-l` text lives in src/util/selector.ts; this module only evaluates
 * already-structured selectors: Service `spec.selector` maps, `LabelSelector`s and node selector terms.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels, NodeSelectorRequirement, NodeSelectorTerm } from '../model/k8s';

/** Equality map (Service selector, nodeSelector): every key=value pair must be present. */
export function matchesLabelMap(selector: Labels, labels: Labels): boolean {
  for (const key in selector) {
    if (labels[key] !== selector[key]) return false;
  }
  return true;
}

/**
 * A Service selects Pods only when its selector has at least one key: a missing or empty selector
 * means "endpoints are managed by hand", not "everything" (kubernetes#25836).
 */
export function serviceSelects(selector: Labels | null | undefined, labels: Labels): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return matchesLabelMap(selector, labels);
}

function matchesRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key]);
    case 'NotIn':
      // NotIn also matches objects that lack the key, as in apimachinery.
      return !has || !values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/**
 * metav1.LabelSelector: matchLabels AND matchExpressions. An empty selector `{}` matches everything
 * (the opposite of a Service selector); a missing one (undefined) matches nothing.
 */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  if (selector.matchLabels && !matchesLabelMap(selector.matchLabels, labels)) return false;
  for (const req of selector.matchExpressions ?? []) {
    if (!matchesRequirement(req, labels)) return false;
  }
  return true;
}

function matchesNodeRequirement(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const have = Number(value);
      const want = Number(values[0]);
      if (!Number.isInteger(have) || !Number.isInteger(want)) return false;
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/**
 * One NodeSelectorTerm: all matchExpressions (labels) and matchFields (only `metadata.name` is
 * supported by Kubernetes) must hold. A term with no requirements matches nothing.
 */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: { name: string; labels: Labels }): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const req of exprs) {
    const value = Object.prototype.hasOwnProperty.call(node.labels, req.key) ? node.labels[req.key] : undefined;
    if (!matchesNodeRequirement(req, value)) return false;
  }
  for (const req of fields) {
    const value = req.key === 'metadata.name' ? node.name : undefined;
    if (!matchesNodeRequirement(req, value)) return false;
  }
  return true;
}

/** requiredDuringScheduling terms are ORed. */
export function matchesNodeSelectorTerms(terms: NodeSelectorTerm[], node: { name: string; labels: Labels }): boolean {
  return terms.some((t) => matchesNodeSelectorTerm(t, node));
}
