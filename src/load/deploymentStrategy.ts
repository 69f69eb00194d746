/**
 * apps/v1 Deployment `spec.strategy` and `spec.minReadySeconds`: decoded, defaulted (SetDefaults_Deployment:
 * RollingUpdate with maxSurge and maxUnavailable 25%) and validated as ValidateDeploymentStrategy does.
 */
import type { DeploymentStrategy } from '../model/k8s';
import { fieldSet, type Reader } from './decode';
import { forbidden, invalid, notSupported, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';

const STRATEGY_FIELDS = fieldSet('type', 'rollingUpdate');
const ROLLING_FIELDS = fieldSet('maxSurge', 'maxUnavailable');
const PERCENT = /^[0-9]+%$/;

export function decodeStrategy(s: Reader, errs: FieldError[]): DeploymentStrategy {
  const r = s.obj('strategy', 'DeploymentStrategy', STRATEGY_FIELDS);
  const type = r?.str('type') || 'RollingUpdate';
  const path: FieldPath = ['spec', 'strategy'];
  const rolling = r?.obj('rollingUpdate', 'RollingUpdateDeployment', ROLLING_FIELDS);
  if (type === 'Recreate') {
    if (rolling) errs.push(forbidden([...path, 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'"));
    return { type };
  }
  if (type !== 'RollingUpdate') {
    errs.push(notSupported([...path, 'type'], type, ['Recreate', 'RollingUpdate']));
    return { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  }
  const maxSurge = rolling?.intOrString('maxSurge') ?? '25%';
  const maxUnavailable = rolling?.intOrString('maxUnavailable') ?? '25%';
  const rp: FieldPath = [...path, 'rollingUpdate'];
  errs.push(...positiveIntOrPercent(maxUnavailable, [...rp, 'maxUnavailable']));
  errs.push(...positiveIntOrPercent(maxSurge, [...rp, 'maxSurge']));
  if (amount(maxUnavailable) === 0 && amount(maxSurge) === 0)
    errs.push(invalid([...rp, 'maxUnavailable'], maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  errs.push(...notMoreThan100Percent(maxUnavailable, [...rp, 'maxUnavailable']));
  return { type, rollingUpdate: { maxSurge, maxUnavailable } };
}

export function decodeMinReadySeconds(s: Reader, errs: FieldError[]): number | undefined {
  const v = s.int('minReadySeconds');
  if (v !== undefined && v < 0) errs.push(invalid(['spec', 'minReadySeconds'], v, 'must be greater than or equal to 0'));
  return v;
}

function amount(v: number | string): number {
  return typeof v === 'number' ? v : Number.parseInt(v, 10) || 0;
}

/** IsNotMoreThan100Percent: a percentage over 100% (an integer may be any size). */
export function notMoreThan100Percent(v: number | string, path: FieldPath): FieldError[] {
  return typeof v === 'string' && PERCENT.test(v) && amount(v) > 100 ? [invalid(path, v, 'must not be greater than 100%')] : [];
}

/** ValidatePositiveIntOrPercent. */
export function positiveIntOrPercent(v: number | string, path: FieldPath): FieldError[] {
  if (typeof v === 'string') {
    return PERCENT.test(v)
      ? []
      : [
          invalid(
            path,
            v,
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
          ),
        ];
  }
  return v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
}
