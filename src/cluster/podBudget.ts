/**
 * The cluster-wide Pod budget (MAX_PODS_PER_CLUSTER). Past it nothing new is created: a controller's
 * Pod is refused the way a ResourceQuota refuses it (a FailedCreate event, `Error creating: pods "…"
 * is forbidden: …`) and the workload stays with the Pods it has; a bare Pod is refused like any
 * create the API server turns down.
 */
import type { WorkloadState } from '../model/cluster';
import { objectId } from '../model/componentId';
import type { Sim } from './sim';

function overBudget(sim: Sim): string {
  return `is forbidden: exceeded the simulator's limit of ${sim.podBudget} Pods per cluster`;
}

export function hasRoomForPod(sim: Sim): boolean {
  return sim.pods.size < sim.podBudget;
}

/** Why a bare Pod was not created. */
export function podOverBudget(sim: Sim, name: string): string {
  return `pods "${name}" ${overBudget(sim)}`;
}

/**
 * A controller could not create `podName`: the controller's FailedCreate event, and one warning
 * on the workload's manifest (its Pods are fewer than it asks for; the workload itself is accepted).
 */
export function refuseControllerPod(sim: Sim, w: WorkloadState, owner: { kind: string; name: string }, podName: string): void {
  const message = `Error creating: pods "${podName}" ${overBudget(sim)}`;
  sim.event('Warning', 'FailedCreate', objectId(owner.kind, w.namespace, owner.name), message);
  if (w.builtIn) return;
  const said = sim.diagnostics.some(
    (d) => d.kind === w.kind && d.name === w.name && d.namespace === w.namespace && d.message.endsWith(overBudget(sim)),
  );
  if (said) return;
  sim.diagnostics.push({
    severity: 'warning',
    file: w.source.file,
    line: w.source.line,
    column: w.source.column,
    message,
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
  });
}
