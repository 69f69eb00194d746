/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template
 * (`<deploy>-<pod-template-hash>`). A new template starts a rollout: RollingUpdate grows the new
 * ReplicaSet within maxSurge and shrinks the old ones while at least replicas − maxUnavailable Pods
 * stay available (Ready for minReadySeconds), Recreate scales the old ones to 0 and waits until their
 * Pods are gone. The steps that wait for a Pod to become Ready or for a grace period to end happen as
 * the cluster clock moves on (advance.ts calls `syncWorkload` again then).
 */
import type { PodState, ReplicaSetState, WorkloadState } from '../model/cluster';
import { objectId } from '../model/componentId';
import { availableScaleDown, newReplicaSetReplicas, oldScaleDownBudget, resolveFenceposts } from './rolloutMath';
import type { Sim } from './sim';
import { isActive } from './termination';

/** Seconds from a Pod's creation to its first passing readiness check when nothing else delays it (image present, container started). */
export const CONTAINER_START_SECONDS = 2;

export interface ReplicaSyncOptions {
  /** Scale down gracefully (Terminating for the grace period) rather than at once. */
  graceful?: boolean;
  /** New Pods become Ready this many seconds after creation (rollouts over simulated time). */
  readyDelay?: number;
}

/** Creates / deletes one ReplicaSet's Pods to match `want` (the ReplicaSet controller). */
export type ReplicaSetSync = (rs: ReplicaSetState, want: number, opts: ReplicaSyncOptions) => void;

/** Every ReplicaSet a Deployment owns, oldest first. */
export function replicaSetNames(w: WorkloadState): string[] {
  if (w.replicaSets) return w.replicaSets.map((rs) => rs.name);
  return w.replicaSet ? [w.replicaSet] : [];
}

/** A Pod counts as available once Ready for minReadySeconds (podutil.IsPodAvailable). */
export function isAvailable(pod: PodState, minReadySeconds: number, clock: number): boolean {
  if (!pod.ready || !isActive(pod)) return false;
  return (pod.readyAt ?? pod.createdAt) + minReadySeconds <= clock;
}

/** The readiness delay of a Pod a rollout creates: container start plus the readiness probes' initialDelaySeconds. */
export function rolloutReadyDelay(w: WorkloadState): number {
  let delay = 0;
  for (const c of w.spec.template.spec.containers) {
    const probe = c.readinessProbe as { initialDelaySeconds?: unknown } | undefined;
    const d = probe && typeof probe.initialDelaySeconds === 'number' ? probe.initialDelaySeconds : 0;
    if (d > delay) delay = d;
  }
  return CONTAINER_START_SECONDS + delay;
}

function activePods(sim: Sim, w: WorkloadState, rs: ReplicaSetState): PodState[] {
  return sim.podsOwnedBy(w.namespace, 'ReplicaSet', rs.name).filter(isActive);
}

function availableIn(sim: Sim, w: WorkloadState, rs: ReplicaSetState): number {
  const min = w.spec.minReadySeconds ?? 0;
  let n = 0;
  for (const p of activePods(sim, w, rs)) if (isAvailable(p, min, sim.clock)) n++;
  return n;
}

/**
 * Run the Deployment controller (and the ReplicaSet controller under it) until nothing moves at this
 * instant. `previousReplicas` sizes the current ReplicaSet of a Deployment that lists none yet.
 */
export function syncDeploymentRollout(
  sim: Sim,
  w: WorkloadState,
  previousReplicas: number,
  hash: string,
  syncRS: ReplicaSetSync,
): WorkloadState {
  const rsName = `${w.name}-${hash}`;
  const sets: ReplicaSetState[] = (
    w.replicaSets ??
    (w.replicaSet ? [{ name: w.replicaSet, templateHash: w.templateHash ?? '', replicas: previousReplicas, createdAt: w.createdAt }] : [])
  ).map((rs) => ({ ...rs }));
  let current = sets.find((rs) => rs.name === rsName);
  if (!current) {
    current = { name: rsName, templateHash: hash, replicas: 0, createdAt: sim.clock };
    sets.push(current);
  }
  const olds = sets.filter((rs) => rs !== current);
  let rolloutStartedAt = w.rolloutStartedAt;
  const hasOldPods = olds.some((rs) => rs.replicas > 0 || sim.podsOwnedBy(w.namespace, 'ReplicaSet', rs.name).length > 0);
  if (w.replicaSet !== undefined && w.replicaSet !== rsName && hasOldPods) rolloutStartedAt = sim.clock;
  const id = objectId('deployment', w.namespace, w.name);
  const scale = (rs: ReplicaSetState, to: number): void => {
    if (rs.replicas === to) return;
    const message = `Scaled ${to > rs.replicas ? 'up' : 'down'} replica set ${rs.name} from ${rs.replicas} to ${to}`;
    sim.event('Normal', 'ScalingReplicaSet', id, message);
    sim.note(message);
    rs.replicas = to;
  };
  const next: WorkloadState = { ...w, replicaSet: rsName, templateHash: hash, replicaSets: sets };
  delete next.rolloutStartedAt;
  if (rolloutStartedAt === undefined) {
    // No rollout: the Deployment only sizes its ReplicaSet (the Pods it scales away are Terminating for their grace period).
    scale(current, w.replicas);
    syncRS(current, current.replicas, { graceful: true });
    return next;
  }
  const opts: ReplicaSyncOptions = { graceful: true, readyDelay: rolloutReadyDelay(w) };
  const recreate = w.spec.strategy?.type === 'Recreate';
  const { surge, unavailable } = resolveFenceposts(w.spec.strategy, w.replicas);
  const total = (): number => sets.reduce((n, rs) => n + rs.replicas, 0);
  // Each pass is one sync of the Deployment controller followed by the ReplicaSet controller's.
  for (let pass = 0; pass < 2 * w.replicas + 4; pass++) {
    const before = sets.map((rs) => rs.replicas).join(',');
    if (recreate) {
      for (const rs of olds) scale(rs, 0);
      for (const rs of olds) syncRS(rs, 0, opts);
      // Recreate waits until no old Pod is left, Terminating ones included (oldPodsRunning).
      if (olds.every((rs) => sim.podsOwnedBy(w.namespace, 'ReplicaSet', rs.name).length === 0)) scale(current, w.replicas);
      syncRS(current, current.replicas, opts);
    } else {
      // reconcileNewReplicaSet
      if (current.replicas > w.replicas) scale(current, w.replicas);
      else scale(current, newReplicaSetReplicas(w.replicas, surge, current.replicas, total()));
      syncRS(current, current.replicas, opts);
      // reconcileOldReplicaSets
      if (olds.some((rs) => rs.replicas > 0)) {
        const maxScaledDown = oldScaleDownBudget({
          desired: w.replicas,
          unavailable,
          totalReplicas: total(),
          newReplicas: current.replicas,
          newAvailable: availableIn(sim, w, current),
        });
        if (maxScaledDown > 0) {
          // cleanupUnhealthyReplicas: old Pods that are not available go first.
          let cleaned = 0;
          for (const rs of olds) {
            const unhealthy = rs.replicas - availableIn(sim, w, rs);
            if (unhealthy <= 0 || cleaned >= maxScaledDown) continue;
            const n = Math.min(maxScaledDown - cleaned, unhealthy);
            scale(rs, rs.replicas - n);
            syncRS(rs, rs.replicas, opts);
            cleaned += n;
          }
          // scaleDownOldReplicaSetsForRollingUpdate
          const available = sets.reduce((n, rs) => n + availableIn(sim, w, rs), 0);
          const budget = availableScaleDown(w.replicas, unavailable, available);
          let done = 0;
          for (const rs of olds) {
            if (done >= budget) break;
            if (rs.replicas === 0) continue;
            const n = Math.min(rs.replicas, budget - done);
            scale(rs, rs.replicas - n);
            syncRS(rs, rs.replicas, opts);
            done += n;
          }
        }
      }
    }
    if (sets.map((rs) => rs.replicas).join(',') === before) break;
  }
  const complete = current.replicas === w.replicas && availableIn(sim, w, current) === w.replicas && olds.every((rs) => rs.replicas === 0);
  if (!complete) next.rolloutStartedAt = rolloutStartedAt;
  else sim.note(`deployment "${w.name}" successfully rolled out`);
  return next;
}
