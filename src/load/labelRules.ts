/** Label, annotation and label-selector validation (apimachinery meta/v1/validation). */
import { pushAll } from '../util/arrays';
import type { LabelSelector } from '../model/k8s';
import { isQualifiedName, isValidLabelValue } from '../util/validation';
import { forbidden, invalid, invalidEach, required, tooLong, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';

/** ValidateLabels: errors name the map (`metadata.labels`) and point at the offending entry. */
export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const [k, v] of Object.entries(labels)) {
    const at = [...path, { key: k }];
    pushAll(errs, invalidEach(path, k, isQualifiedName(k), at));
    pushAll(errs, invalidEach(path, v, isValidLabelValue(v), at));
  }
  return errs;
}

export function validateLabelName(key: string, path: FieldPath): FieldError[] {
  return invalidEach(path, key, isQualifiedName(key));
}

/** 256 KiB for all annotations of an object together (TotalAnnotationSizeLimitB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    pushAll(errs, invalidEach(path, k, isQualifiedName(k.toLowerCase()), [...path, { key: k }]));
    size += utf8Length(k) + utf8Length(v);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function validateLabelSelector(sel: LabelSelector | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  pushAll(errs, validateLabels(sel.matchLabels, [...path, 'matchLabels']));
  (sel.matchExpressions ?? []).forEach((req, i) => {
    const p = [...path, 'matchExpressions', i];
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required([...p, 'values'], "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden([...p, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid([...p, 'operator'], req.operator, 'not a valid selector operator'));
    }
    pushAll(errs, validateLabelName(req.key, [...p, 'key']));
    values.forEach((v, j) => pushAll(errs, invalidEach([...p, 'values', j], v, isValidLabelValue(v))));
  });
  return errs;
}

/** metav1.LabelSelectorAsSelector(...).Matches(labels). */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const req of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = labels[req.key];
    const values = req.values ?? [];
    if (req.operator === 'In' && !(has && values.includes(value as string))) return false;
    if (req.operator === 'NotIn' && has && values.includes(value as string)) return false;
    if (req.operator === 'Exists' && !has) return false;
    if (req.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function selectorIsEmpty(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
}
