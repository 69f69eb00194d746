/**
 * A pod with spec.nodeName skips the scheduler, but the named node's kubelet still admits it
 * (pkg/kubelet/lifecycle/predicate.go): resources, node affinity, host ports and NoExecute taints.
 * A rejected pod ends `Failed` with the first reason, e.g. OutOfcpu.
 */
import type { SchedulerCache } from './cache';
import { portConflicts } from './hostPorts';
import { buildPodInfo, type PodToSchedule } from './podInfo';
import { matchesRequiredAffinity } from './selectors';
import { tolerationsTolerateTaint } from './tolerations';

export interface KubeletRejection {
  /** Pod status reason and Warning event reason: OutOfcpu, OutOfmemory, OutOfpods, NodeAffinity… */
  reason: string;
  /** The event message, e.g. "Node didn't have enough resource: cpu, requested: 3000, used: 100, capacity: 2000". */
  message: string;
  /** status.message: "Pod was rejected: " + message. */
  statusMessage: string;
}

function rejection(reason: string, message: string): KubeletRejection {
  return { reason, message, statusMessage: 'Pod was rejected: ' + message };
}

function outOf(resource: string, requested: number, used: number, capacity: number): KubeletRejection {
  return rejection(
    'OutOf' + resource,
    `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  );
}

/** null when the kubelet on `nodeName` admits the pod (or the node is unknown to the cache). */
export function kubeletAdmission(cache: SchedulerCache, pod: PodToSchedule, nodeName: string): KubeletRejection | null {
  const e = cache.byName.get(nodeName);
  if (!e) return null;
  const info = buildPodInfo(cache, pod);
  const r = info.req;
  if (e.podCount + 1 > e.allocPods) return outOf('pods', 1, e.podCount, e.allocPods);
  if (r.cpu > 0 && r.cpu > e.allocCpu - e.reqCpu) return outOf('cpu', r.cpu, e.reqCpu, e.allocCpu);
  if (r.memory > 0 && r.memory > e.allocMemory - e.reqMemory) return outOf('memory', r.memory, e.reqMemory, e.allocMemory);
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > e.allocEphemeral - e.reqEphemeral) {
    return outOf('ephemeral-storage', r.ephemeralStorage, e.reqEphemeral, e.allocEphemeral);
  }
  for (const [name, want] of r.scalar) {
    // removeMissingExtendedResources: resources the node does not report are not checked.
    const alloc = e.state.allocatable[name];
    if (alloc === undefined) continue;
    const used = e.reqScalar.get(name) ?? 0;
    if (want > alloc - used) return outOf(name, want, used, alloc);
  }
  if (!matchesRequiredAffinity(info.affinity, e.name, e.labels)) return rejection('NodeAffinity', 'Predicate NodeAffinity failed');
  for (const p of info.ports) if (portConflicts(e.usedPorts, p)) return rejection('NodePorts', 'Predicate NodePorts failed');
  for (const t of e.state.taints) {
    if (t.effect === 'NoExecute' && !tolerationsTolerateTaint(info.tolerations, t)) {
      return rejection('TaintToleration', 'Predicate TaintToleration failed');
    }
  }
  return null;
}
