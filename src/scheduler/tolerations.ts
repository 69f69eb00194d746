/** Taints and tolerations, as k8s.io/api core/v1 toleration.go and component-helpers define them. */
import type { Taint, Toleration } from '../model/k8s';

/** Toleration.ToleratesTaint: empty effect/key are wildcards; Exists ignores the value. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The taint cordoning implies; a pod tolerating it also ignores `spec.unschedulable` (NodeUnschedulable). */
export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** TaintToleration's Filter reason for the first NoSchedule/NoExecute taint the pod does not tolerate. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** Tolerations that matter for PreferNoSchedule scoring: effect PreferNoSchedule or empty (all effects). */
export function preferNoScheduleTolerations(tolerations: readonly Toleration[]): Toleration[] {
  return tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}
