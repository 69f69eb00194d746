/**
 * policy/v1 PodDisruptionBudget: how many of the Pods it selects may be disrupted at once (the Eviction
 * API, and so `kubectl drain`, honours it). Decoded and validated as ValidatePodDisruptionBudgetSpec does.
 */
import type { PodDisruptionBudgetSpec } from '../model/objects';
import { fieldSet, type Reader } from './decode';
import { notMoreThan100Percent, positiveIntOrPercent } from './deploymentStrategy';
import { GoLiteral, invalid, notSupported, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import { validateLabelSelector } from './labelRules';
import { decodeLabelSelector, selectorReader } from './pod/scheduling';
import type { Problems } from './problems';

const SPEC_FIELDS = fieldSet('minAvailable', 'maxUnavailable', 'selector', 'unhealthyPodEvictionPolicy');
/** supportedUnhealthyPodEvictionPolicies, sorted as sets.List prints them. */
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

export function decodePodDisruptionBudget(top: Reader, p: Problems): PodDisruptionBudgetSpec {
  const s = top.obj('spec', 'PodDisruptionBudgetSpec', SPEC_FIELDS);
  const spec: PodDisruptionBudgetSpec = {};
  const minAvailable = s?.intOrString('minAvailable');
  if (minAvailable !== undefined) spec.minAvailable = minAvailable;
  const maxUnavailable = s?.intOrString('maxUnavailable');
  if (maxUnavailable !== undefined) spec.maxUnavailable = maxUnavailable;
  const selector = s && decodeLabelSelector(selectorReader(s, 'selector'));
  if (selector) spec.selector = selector;
  const policy = s?.str('unhealthyPodEvictionPolicy');
  if (policy !== undefined) spec.unhealthyPodEvictionPolicy = policy;
  p.add(validatePodDisruptionBudgetSpec(spec));
  return spec;
}

function intOrStringLiteral(v: number | string | undefined): string {
  if (v === undefined) return '(*intstr.IntOrString)(nil)';
  return typeof v === 'number'
    ? `&intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`
    : `&intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

export function validatePodDisruptionBudgetSpec(spec: PodDisruptionBudgetSpec): FieldError[] {
  const at: FieldPath = ['spec'];
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    // The API server prints the whole spec (%#v); its pointers are shown by value here.
    const literal = new GoLiteral(
      `policy.PodDisruptionBudgetSpec{MinAvailable:${intOrStringLiteral(spec.minAvailable)}, Selector:…, MaxUnavailable:${intOrStringLiteral(spec.maxUnavailable)}, …}`,
    );
    errs.push(invalid(at, literal, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const key of ['minAvailable', 'maxUnavailable'] as const) {
    const v = spec[key];
    if (v === undefined) continue;
    errs.push(...positiveIntOrPercent(v, [...at, key]), ...notMoreThan100Percent(v, [...at, key]));
  }
  errs.push(...validateLabelSelector(spec.selector, [...at, 'selector']));
  if (spec.unhealthyPodEvictionPolicy !== undefined && !UNHEALTHY_POD_EVICTION_POLICIES.includes(spec.unhealthyPodEvictionPolicy))
    errs.push(notSupported([...at, 'unhealthyPodEvictionPolicy'], spec.unhealthyPodEvictionPolicy, UNHEALTHY_POD_EVICTION_POLICIES));
  return errs;
}
