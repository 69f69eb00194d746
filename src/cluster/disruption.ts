/**
 * PodDisruptionBudgets: the disruption controller's status (pkg/controller/disruption) and the Eviction
 * API's check (pkg/registry/core/pod/storage/eviction.go), which `kubectl drain` goes through.
 *
 * Status: the Pods a budget selects (its namespace; a null selector selects none, `{}` all);
 * currentHealthy counts those Ready and not being deleted; minAvailable N wants N of them
 * (expectedPods = the Pods selected), a percentage or maxUnavailable is taken of the sum of their
 * controllers' scale (Deployment, ReplicaSet, ReplicationController, StatefulSet; a Pod of any other
 * controller makes the sync fail, and the fail-safe allows no disruption); disruptionsAllowed =
 * currentHealthy − desiredHealthy, never below 0, and 0 when no Pod is expected.
 */
import type { LoadedPodDisruptionBudget, LoadResult } from '../model/objects';
import type { PodDisruptionBudgetState, PodState } from '../model/cluster';
import { matchesLabelSelector } from '../util/labels';
import { controllerOf } from './controllers';
import { scaledValue } from './rolloutMath';
import { workloadKey, type Sim } from './sim';

export function disruptionBudgetsOf(load: LoadResult): PodDisruptionBudgetState[] {
  const out: PodDisruptionBudgetState[] = [];
  for (const o of load.objects) {
    if (o.kind !== 'PodDisruptionBudget') continue;
    const { metadata, spec, source } = o as LoadedPodDisruptionBudget;
    const pdb: PodDisruptionBudgetState = { name: metadata.name, namespace: metadata.namespace, source };
    if (spec.selector) pdb.selector = spec.selector;
    if (spec.minAvailable !== undefined) pdb.minAvailable = spec.minAvailable;
    if (spec.maxUnavailable !== undefined) pdb.maxUnavailable = spec.maxUnavailable;
    if (spec.unhealthyPodEvictionPolicy !== undefined) pdb.unhealthyPodEvictionPolicy = spec.unhealthyPodEvictionPolicy;
    out.push(pdb);
  }
  return out;
}

export interface BudgetStatus {
  expectedPods: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
}

export function selects(pdb: PodDisruptionBudgetState, pod: PodState): boolean {
  return pod.namespace === pdb.namespace && matchesLabelSelector(pdb.selector, pod.labels);
}

/** The kinds the disruption controller finds a scale for (its finders). */
const SCALED = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** getExpectedScale: the sum of the selected Pods' controllers' replicas; null when a Pod's controller has no scale (sync error). */
function expectedScale(sim: Sim, pods: readonly PodState[]): number | null {
  const scale = new Map<string, number>();
  for (const p of pods) {
    if (!p.owner) continue; // unmanaged: left out of the count
    const w = controllerOf(sim, p);
    if (!w || !SCALED.has(w.kind)) return null;
    scale.set(workloadKey(w.kind, w.namespace, w.name), w.replicas);
  }
  let n = 0;
  for (const v of scale.values()) n += v;
  return n;
}

export function budgetStatus(sim: Sim, pdb: PodDisruptionBudgetState): BudgetStatus {
  const pods = [...sim.pods.values()].filter((p) => selects(pdb, p));
  let currentHealthy = 0;
  for (const p of pods) if (!p.terminating && p.ready) currentHealthy++;
  let expectedPods: number | null;
  let desiredHealthy: number;
  if (pdb.maxUnavailable !== undefined) {
    expectedPods = expectedScale(sim, pods);
    desiredHealthy = expectedPods === null ? 0 : Math.max(0, expectedPods - scaledValue(pdb.maxUnavailable, expectedPods, true));
  } else if (typeof pdb.minAvailable === 'number') {
    expectedPods = pods.length;
    desiredHealthy = pdb.minAvailable;
  } else if (pdb.minAvailable !== undefined) {
    expectedPods = expectedScale(sim, pods);
    desiredHealthy = expectedPods === null ? 0 : scaledValue(pdb.minAvailable, expectedPods, true);
  } else {
    // Neither set (policy/v1 defaults neither): getExpectedPodCount leaves expectedPods at 0, so no disruption is allowed.
    expectedPods = 0;
    desiredHealthy = 0;
  }
  // A failed sync (failSafe) allows no disruption.
  if (expectedPods === null) return { expectedPods: 0, currentHealthy, desiredHealthy, disruptionsAllowed: 0 };
  const allowed = currentHealthy - desiredHealthy;
  return { expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed: expectedPods <= 0 || allowed <= 0 ? 0 : allowed };
}

/** What the Eviction API answers: 201 (the Pod is deleted gracefully), 429 (retry later) or 500. */
export type Eviction = { ok: true } | { ok: false; code: 429 | 500; message: string; cause?: string };

export const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";
const TOO_MANY_BUDGETS = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/**
 * Evictions against budgets whose status was read once (`statuses`, by namespace/name), each allowed
 * eviction spending one disruption, as the API server's checkAndDecrement writes the status back.
 */
export class EvictionRound {
  private readonly statuses = new Map<string, BudgetStatus>();

  constructor(private readonly sim: Sim) {}

  private status(pdb: PodDisruptionBudgetState): BudgetStatus {
    const key = `${pdb.namespace}/${pdb.name}`;
    let s = this.statuses.get(key);
    if (!s) this.statuses.set(key, (s = budgetStatus(this.sim, pdb)));
    return s;
  }

  evict(pod: PodState): Eviction {
    // canIgnorePDB: a finished, Pending or already Terminating Pod is deleted without asking.
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed' || pod.phase === 'Pending' || pod.terminating) return { ok: true };
    const budgets = this.sim.podDisruptionBudgets.filter((b) => selects(b, pod));
    if (budgets.length > 1) return { ok: false, code: 500, message: TOO_MANY_BUDGETS };
    if (budgets.length === 0) return { ok: true };
    const pdb = budgets[0];
    const s = this.status(pdb);
    if (!pod.ready) {
      // An unhealthy Pod does not count towards currentHealthy: evicting it spends nothing.
      if (pdb.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { ok: true };
      if (s.currentHealthy >= s.desiredHealthy && s.desiredHealthy > 0) return { ok: true };
    }
    if (s.disruptionsAllowed <= 0) {
      const cause = `The disruption budget ${pdb.name} needs ${s.desiredHealthy} healthy pods and has ${s.currentHealthy} currently`;
      return { ok: false, code: 429, message: VIOLATES_BUDGET, cause };
    }
    s.disruptionsAllowed--;
    return { ok: true };
  }
}
