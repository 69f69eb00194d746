/** The scheduling parts of a PodSpec: tolerations, node affinity, topology spread; decoded and validated. */
import { pushAll } from '../../util/arrays';
import type {
  LabelSelector,
  LabelSelectorRequirement,
  NodeAffinity,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Toleration,
  TopologySpreadConstraint,
} from '../../model/k8s';
import { isValidLabelValue, nameIsDNSSubdomain } from '../../util/validation';
import { fieldSet, type Reader } from '../decode';
import { duplicate, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from '../fieldErrors';
import type { FieldPath } from '../fieldPath';
import { validateLabelName, validateLabelSelector } from '../labelRules';

const TOLERATION_FIELDS = fieldSet('key', 'operator', 'value', 'effect', 'tolerationSeconds');
const REQUIREMENT_FIELDS = fieldSet('key', 'operator', 'values');
const TERM_FIELDS = fieldSet('matchExpressions', 'matchFields');
const TSC_FIELDS = fieldSet(
  'maxSkew',
  'topologyKey',
  'whenUnsatisfiable',
  'labelSelector',
  'minDomains',
  'nodeAffinityPolicy',
  'nodeTaintsPolicy',
  'matchLabelKeys',
);
const SELECTOR_FIELDS = fieldSet('matchLabels', 'matchExpressions');

export function decodeLabelSelector(r: Reader | undefined): LabelSelector | undefined {
  if (!r) return undefined;
  const sel: LabelSelector = {};
  const matchLabels = r.strMap('matchLabels');
  if (matchLabels) sel.matchLabels = matchLabels;
  const exprs = r.list('matchExpressions', 'LabelSelectorRequirement', REQUIREMENT_FIELDS);
  if (exprs) sel.matchExpressions = exprs.map((e) => requirement(e) as LabelSelectorRequirement);
  return sel;
}

export function selectorReader(r: Reader, key: string): Reader | undefined {
  return r.obj(key, 'LabelSelector', SELECTOR_FIELDS);
}

function requirement(e: Reader): NodeSelectorRequirement {
  const req = { key: e.str('key') ?? '', operator: (e.str('operator') ?? '') as NodeSelectorRequirement['operator'] };
  const values = e.strList('values');
  return values ? { ...req, values } : req;
}

export function decodeTolerations(r: Reader): Toleration[] {
  return (r.list('tolerations', 'Toleration', TOLERATION_FIELDS) ?? []).map((t) => {
    const tol: Toleration = { operator: (t.str('operator') || 'Equal') as Toleration['operator'] };
    const key = t.str('key');
    if (key) tol.key = key;
    const value = t.str('value');
    if (value !== undefined) tol.value = value;
    const effect = t.str('effect');
    if (effect) tol.effect = effect as Toleration['effect'];
    const seconds = t.int('tolerationSeconds', 'int64');
    if (seconds !== undefined) tol.tolerationSeconds = seconds;
    return tol;
  });
}

export function decodeAffinity(r: Reader): { nodeAffinity?: NodeAffinity; podAffinity?: unknown; podAntiAffinity?: unknown } | undefined {
  const a = r.obj('affinity', 'Affinity', fieldSet('nodeAffinity', 'podAffinity', 'podAntiAffinity'));
  if (!a) return undefined;
  const out: { nodeAffinity?: NodeAffinity; podAffinity?: unknown; podAntiAffinity?: unknown } = {};
  const na = a.obj(
    'nodeAffinity',
    'NodeAffinity',
    fieldSet('requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'),
  );
  if (na) {
    const nodeAffinity: NodeAffinity = {};
    const req = na.obj('requiredDuringSchedulingIgnoredDuringExecution', 'NodeSelector', fieldSet('nodeSelectorTerms'));
    if (req) nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms(req, 'nodeSelectorTerms') };
    const pref = na.list('preferredDuringSchedulingIgnoredDuringExecution', 'PreferredSchedulingTerm', fieldSet('weight', 'preference'));
    if (pref)
      nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution = pref.map((p) => {
        const preference = p.obj('preference', 'NodeSelectorTerm', TERM_FIELDS);
        return { weight: p.int('weight') ?? 0, preference: preference ? term(preference) : {} };
      });
    out.nodeAffinity = nodeAffinity;
  }
  if (a.has('podAffinity')) out.podAffinity = a.obj('podAffinity', 'PodAffinity')?.raw;
  if (a.has('podAntiAffinity')) out.podAntiAffinity = a.obj('podAntiAffinity', 'PodAntiAffinity')?.raw;
  return out;
}

function terms(r: Reader, key: string): NodeSelectorTerm[] {
  return (r.list(key, 'NodeSelectorTerm', TERM_FIELDS) ?? []).map(term);
}

function term(t: Reader): NodeSelectorTerm {
  const out: NodeSelectorTerm = {};
  const exprs = t.list('matchExpressions', 'NodeSelectorRequirement', REQUIREMENT_FIELDS);
  if (exprs) out.matchExpressions = exprs.map(requirement);
  const fields = t.list('matchFields', 'NodeSelectorRequirement', REQUIREMENT_FIELDS);
  if (fields) out.matchFields = fields.map(requirement);
  return out;
}

export function decodeTopologySpread(r: Reader): TopologySpreadConstraint[] {
  return (r.list('topologySpreadConstraints', 'TopologySpreadConstraint', TSC_FIELDS) ?? []).map((c) => {
    const tsc: TopologySpreadConstraint = {
      maxSkew: c.int('maxSkew') ?? 0,
      topologyKey: c.str('topologyKey') ?? '',
      whenUnsatisfiable: (c.str('whenUnsatisfiable') ?? '') as TopologySpreadConstraint['whenUnsatisfiable'],
    };
    const sel = decodeLabelSelector(selectorReader(c, 'labelSelector'));
    if (sel) tsc.labelSelector = sel;
    const minDomains = c.int('minDomains');
    if (minDomains !== undefined) tsc.minDomains = minDomains;
    return tsc;
  });
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (!effect) return allowEmpty ? [] : [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

/** ValidateTolerations. (Value errors are reported on `operator`, as Kubernetes does.) */
export function validateTolerations(tols: Toleration[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  tols.forEach((t, i) => {
    const p = [...path, i];
    if (t.key) pushAll(errs, validateLabelName(t.key, [...p, 'key']));
    if (!t.key && t.operator !== 'Exists')
      errs.push(
        invalid([...p, 'operator'], t.operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
      );
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalid([...p, 'effect'], t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (t.operator === 'Equal') {
      const msgs = isValidLabelValue(t.value ?? '');
      if (msgs.length) errs.push(invalid([...p, 'operator'], t.value ?? '', msgs.join(';'), [...p, 'value']));
    } else if (t.operator === 'Exists') {
      if (t.value) errs.push(invalid([...p, 'operator'], t, "value must be empty when `operator` is 'Exists'", [...p, 'value']));
    } else {
      errs.push(notSupported([...p, 'operator'], t.operator, ['Equal', 'Exists']));
    }
    pushAll(errs, validateTaintEffect(t.effect, true, [...p, 'effect']));
  });
  return errs;
}

function validateRequirement(rq: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required([...path, 'values'], "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(forbidden([...path, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required([...path, 'values'], "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid([...path, 'operator'], rq.operator, 'not a valid selector operator'));
  }
  pushAll(errs, validateLabelName(rq.key, [...path, 'key']));
  // A new Pod gets no AllowInvalidLabelValueInRequiredNodeAffinity: every value must be a label value.
  values.forEach((v, i) => pushAll(errs, invalidEach([...path, 'values', i], v, isValidLabelValue(v))));
  return errs;
}

function validateFieldRequirement(rq: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if ((rq.values ?? []).length !== 1)
      errs.push(required([...path, 'values'], "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else errs.push(invalid([...path, 'operator'], rq.operator, 'not a valid selector operator'));
  if (rq.key !== 'metadata.name') errs.push(invalid([...path, 'key'], rq.key, 'not a valid field selector key'));
  else (rq.values ?? []).forEach((v, i) => nameIsDNSSubdomain(v).forEach((m) => errs.push(invalid([...path, 'values', i], v, m))));
  return errs;
}

function validateTerm(t: NodeSelectorTerm, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (t.matchExpressions ?? []).forEach((rq, j) => pushAll(errs, validateRequirement(rq, [...path, 'matchExpressions', j])));
  (t.matchFields ?? []).forEach((rq, j) => pushAll(errs, validateFieldRequirement(rq, [...path, 'matchFields', j])));
  return errs;
}

export function validateNodeAffinity(na: NodeAffinity | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!na) return errs;
  const req = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const tp = [...path, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'];
    if (req.nodeSelectorTerms.length === 0) errs.push(required(tp, 'must have at least one node selector term'));
    req.nodeSelectorTerms.forEach((t, i) => pushAll(errs, validateTerm(t, [...tp, i])));
  }
  (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p, i) => {
    const pp = [...path, 'preferredDuringSchedulingIgnoredDuringExecution', i];
    if (p.weight <= 0 || p.weight > 100) errs.push(invalid([...pp, 'weight'], p.weight, 'must be in the range 1-100'));
    pushAll(errs, validateTerm(p.preference, [...pp, 'preference']));
  });
  return errs;
}

export function validateTopologySpread(list: TopologySpreadConstraint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const p = [...path, i];
    if (c.maxSkew <= 0) errs.push(invalid([...p, 'maxSkew'], c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required([...p, 'topologyKey'], 'can not be empty'));
    else pushAll(errs, validateLabelName(c.topologyKey, [...p, 'topologyKey']));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway')
      errs.push(notSupported([...p, 'whenUnsatisfiable'], c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    const pair = `{${c.topologyKey}, ${c.whenUnsatisfiable}}`;
    if (seen.has(pair)) errs.push(duplicate([...p, '{topologyKey, whenUnsatisfiable}'], pair, p));
    seen.add(pair);
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(invalid([...p, 'minDomains'], c.minDomains, 'must be greater than zero'));
      else if (c.whenUnsatisfiable !== 'DoNotSchedule')
        errs.push(
          invalid([...p, 'minDomains'], c.minDomains, 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway'),
        );
    }
    pushAll(errs, validateLabelSelector(c.labelSelector, [...p, 'labelSelector']));
  });
  return errs;
}
