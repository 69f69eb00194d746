/**
 * PodGC's gcOrphaned (pkg/controller/podgc/gc_controller.go): a Pod bound (spec.nodeName) to a node
 * that does not exist is quarantined for 40 s, then marked Failed with the DisruptionTarget condition
 * `DeletionByPodGC` / "PodGC: node no longer exists" and force-deleted. Its controller, if any, then
 * creates a replacement — which, from the same template, may be bound to the same missing node.
 */
import type { PodState } from '../model/cluster';
import { objectId } from '../model/componentId';
import { controllerOf, syncWorkload } from './controllers';
import { deletePodNow } from './pods';
import { workloadKey, type Sim } from './sim';

/** gc_controller.go quarantineTime. */
export const PODGC_QUARANTINE_SECONDS = 40;

function orphaned(sim: Sim, pod: PodState): boolean {
  return pod.nodeName !== null && !sim.nodeByName.has(pod.nodeName) && sim.clock - pod.createdAt >= PODGC_QUARANTINE_SECONDS;
}

/** Delete the orphaned Pods past quarantine; their controllers put the count back. */
export function gcOrphanedPods(sim: Sim): void {
  const gone = [...sim.pods.values()].filter((p) => orphaned(sim, p));
  for (const pod of gone) {
    sim.event('Normal', 'DeletionByPodGC', objectId('pod', pod.namespace, pod.name), 'PodGC: node no longer exists');
    deletePodNow(sim, pod);
  }
  for (const w of new Set(gone.map((p) => controllerOf(sim, p)))) {
    // A Job's lost Pod is a failure the Job controller counts; it is not run again here.
    if (!w || w.kind === 'Job') continue;
    const key = workloadKey(w.kind, w.namespace, w.name);
    const current = sim.workloads.get(key) ?? w;
    sim.workloads.set(key, syncWorkload(sim, current, current.replicas));
  }
}
