/** `kubectl get pods [-o wide]` rows (printers.go printPod). */
import type { Cluster, ContainerStatus, PodState } from '../../model/cluster';
import { age } from './common';
import { humanDuration } from './humanDuration';

export const POD_COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
export const POD_WIDE_COLUMNS = ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

/**
 * When the engine records when a container last terminated (simulated seconds), RESTARTS reads
 * `4 (20s ago)` as kubectl's does; without it, just the count.
 */
type ContainerWithLastTermination = ContainerStatus & { lastTerminatedAt?: number };

/** STATUS: the engine's kubectl-style status, with kubectl's own overrides for deletion. */
export function podStatus(pod: PodState): string {
  if (pod.terminating && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') return 'Terminating';
  if (pod.status) return pod.status;
  // Same precedence as printPod: the first container with a waiting/terminated reason wins.
  let reason: string = pod.phase;
  for (let i = pod.containers.length - 1; i >= 0; i--) {
    const c = pod.containers[i];
    if (c.state !== 'running' && c.reason) reason = c.reason;
  }
  return reason;
}

export function podRestarts(cluster: Cluster, pod: PodState): string {
  let restarts = 0;
  let last: number | undefined;
  for (const c of pod.containers as ContainerWithLastTermination[]) {
    restarts += c.restartCount;
    if (c.lastTerminatedAt !== undefined && (last === undefined || c.lastTerminatedAt > last)) last = c.lastTerminatedAt;
  }
  if (restarts !== 0 && last !== undefined) return `${restarts} (${humanDuration(cluster.clock - last)} ago)`;
  return String(restarts);
}

export function podRow(cluster: Cluster, pod: PodState, wide: boolean): string[] {
  const total = pod.spec?.containers?.length ?? pod.containers.length;
  const ready = pod.containers.filter((c) => c.ready && c.state === 'running').length;
  const row = [pod.name, `${ready}/${total}`, podStatus(pod), podRestarts(cluster, pod), age(cluster, pod.createdAt)];
  if (wide) row.push(pod.ip || '<none>', pod.nodeName || '<none>', '<none>', '<none>');
  return row;
}
