/**
 * The `controller.kubernetes.io/pod-deletion-cost` annotation (helper.GetDeletionCostFromPodAnnotations):
 * an int32 written without a plus sign or leading zeros. A ReplicaSet scaling down removes Pods of
 * lower cost first.
 */
import { invalid, type FieldError } from '../fieldErrors';
import type { FieldPath } from '../fieldPath';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** The cost, 0 when unset, or null when the value is not an int32 as the API server parses it. */
export function podDeletionCost(annotations: Record<string, string>): number | null {
  const v = annotations[POD_DELETION_COST];
  if (v === undefined) return 0;
  // validFirstDigit: "-…", "0" alone, or 1–9; then strconv.ParseInt(v, 10, 32).
  if (!/^(-\d+|0|[1-9]\d*)$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 ? n : null;
}

/** ValidatePodSpecificAnnotations: `metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: … must be a 32bit integer`. */
export function validateDeletionCost(annotations: Record<string, string>, path: FieldPath): FieldError[] {
  if (podDeletionCost(annotations) !== null) return [];
  return [invalid([...path, { key: POD_DELETION_COST }], annotations[POD_DELETION_COST], 'must be a 32bit integer')];
}
