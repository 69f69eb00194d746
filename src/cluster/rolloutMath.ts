/**
 * The Deployment controller's arithmetic (pkg/controller/deployment/util/deployment_util.go and
 * rolling.go), pure so each rule can be tested on its own.
 */
import type { DeploymentStrategy } from '../model/k8s';

const DEFAULT_ROLLING = { maxSurge: '25%', maxUnavailable: '25%' } as const;

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = Number.parseInt(v, 10);
  if (!Number.isFinite(pct)) return 0;
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down; when both come to 0,
 * maxUnavailable is 1 so the rollout can move at all.
 */
export function resolveFenceposts(strategy: DeploymentStrategy | undefined, replicas: number): { surge: number; unavailable: number } {
  const r = strategy?.rollingUpdate ?? DEFAULT_ROLLING;
  const surge = scaledValue(r.maxSurge, replicas, true);
  let unavailable = scaledValue(r.maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/**
 * NewRSNewReplicas for RollingUpdate: the new ReplicaSet grows while the total (all ReplicaSets'
 * spec.replicas) stays within replicas + maxSurge, and never past `replicas`.
 */
export function newReplicaSetReplicas(desired: number, surge: number, newReplicas: number, totalReplicas: number): number {
  const maxTotal = desired + surge;
  if (totalReplicas >= maxTotal) return newReplicas;
  const up = Math.min(maxTotal - totalReplicas, Math.max(0, desired - newReplicas));
  return newReplicas + up;
}

/**
 * How many old Pods reconcileOldReplicaSets may remove now: no more than keeps `replicas −
 * maxUnavailable` available (scaleDownOldReplicaSetsForRollingUpdate), and in all no more than
 * maxScaledDown = all − minAvailable − the new ReplicaSet's unavailable Pods.
 */
export function oldScaleDownBudget(o: {
  desired: number;
  unavailable: number;
  totalReplicas: number;
  newReplicas: number;
  newAvailable: number;
}): number {
  const minAvailable = o.desired - o.unavailable;
  const newUnavailable = o.newReplicas - o.newAvailable;
  return Math.max(0, o.totalReplicas - minAvailable - newUnavailable);
}

/** The part of scaleDownOldReplicaSetsForRollingUpdate that looks at available Pods. */
export function availableScaleDown(desired: number, unavailable: number, availableTotal: number): number {
  const minAvailable = desired - unavailable;
  return availableTotal <= minAvailable ? 0 : availableTotal - minAvailable;
}
