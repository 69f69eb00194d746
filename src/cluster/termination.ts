/**
 * Graceful deletion, as the API server and the kubelet do it: `kubectl delete pod` sets the Pod's
 * deletionTimestamp to now + terminationGracePeriodSeconds (default 30); the Pod shows `Terminating`,
 * keeps its IP and node resources, and its endpoint turns `ready: false, serving: <Ready>,
 * terminating: true`; when the grace period ends the kubelet kills what is left and the Pod is gone.
 * Controllers count only Pods that are not terminating, so they replace it at once.
 */
import type { PodState } from '../model/cluster';
import { objectId } from '../model/componentId';
import { addPod, removePod } from '../scheduler';
import { deletePodNow } from './pods';
import type { Sim } from './sim';

/** The API server's default spec.terminationGracePeriodSeconds. */
export const DEFAULT_GRACE_SECONDS = 30;

export function gracePeriodOf(pod: PodState): number {
  return pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
}

/** Whether a controller still counts the Pod (FilterActivePods: not finished, not being deleted). */
export function isActive(pod: PodState): boolean {
  return !pod.terminating;
}

/**
 * Delete a Pod gracefully. A Pod with nothing running (unscheduled, finished, no IP) or a grace period
 * of 0 is removed at once, as the API server does for a Pod no kubelet runs.
 */
export function terminatePod(sim: Sim, pod: PodState): void {
  if (pod.terminating) return;
  const grace = gracePeriodOf(pod);
  const running = pod.nodeName !== null && pod.ip !== null && pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
  if (grace <= 0 || !running || pod.owner?.kind === 'Node') {
    deletePodNow(sim, pod);
    return;
  }
  const id = objectId('pod', pod.namespace, pod.name);
  for (const c of pod.containers) if (c.state === 'running') sim.event('Normal', 'Killing', id, `Stopping container ${c.name}`);
  const next: PodState = { ...pod, terminating: true, deletionTimestamp: sim.clock + grace };
  sim.note(`${pod.name} Terminating (grace period ${grace} s)`);
  sim.putPod(next);
  // Still on its node (resources held), but spreading and affinity no longer count it.
  removePod(sim.cache, pod);
  addPod(sim.cache, next);
}

/** The grace period is over: the Pod is gone, its IP and node resources freed. */
export function finishTermination(sim: Sim, pod: PodState): void {
  sim.note(`${pod.name} is gone (its ${gracePeriodOf(pod)} s grace period ended)`);
  sim.ipam.release(pod);
  removePod(sim.cache, pod);
  sim.dropPod(pod);
}
