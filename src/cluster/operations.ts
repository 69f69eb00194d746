/**
 * What a user can do to a running cluster, as kubectl does it: delete a pod, scale a workload,
 * cordon / uncordon / drain a node. Each returns a new Cluster (the input is not touched), moves the
 * clock on by a few seconds, lets the controllers and the scheduler react (replacement pods,
 * retrying Pending pods) and records the events. Refusals throw ClusterOperationError.
 */
import type { Cluster, NodeState, PodState, WorkloadState } from '../model/cluster';
import { MAX_PODS_PER_WORKLOAD } from '../load/budgets';
import { OPERATION_STEP } from './clock';
import { controllerOf, syncWorkload } from './controllers';
import { updateEndpoints } from './build';
import { ClusterOperationError, notFound } from './errors';
import { createPod, retryPending } from './pods';
import { nodeComponentId } from '../model/componentId';
import { podKey, Sim, workloadKey } from './sim';
import { terminatePod } from './termination';
import { advanceCluster, nextChangeAt } from './advance';
import { EvictionRound } from './disruption';

/** An operation comes OPERATION_STEP seconds after the last: what was due by then (grace periods, rollout steps) happens first. */
function begin(c: Cluster): Sim {
  return Sim.fromCluster(advanceCluster(c, c.clock + OPERATION_STEP).cluster);
}

function finish(sim: Sim): Cluster {
  retryPending(sim);
  updateEndpoints(sim);
  return sim.toCluster();
}

/** After a pod is gone, its controller (or the kubelet, for a static pod) puts the count back. */
function replace(sim: Sim, pod: PodState): void {
  if (pod.owner?.kind === 'Node') {
    // A mirror pod: the kubelet keeps running the static pod and re-creates the mirror.
    createPod(sim, {
      name: pod.name,
      namespace: pod.namespace,
      labels: pod.labels,
      annotations: pod.annotations,
      spec: pod.spec,
      owner: pod.owner,
      source: pod.source,
      containerSources: pod.containers.map((c) => c.source).filter((s): s is NonNullable<typeof s> => s !== undefined),
      builtIn: pod.builtIn,
    });
    return;
  }
  const w = controllerOf(sim, pod);
  // A finished Job does not run its pods again.
  if (!w || w.kind === 'Job') return;
  sim.workloads.set(workloadKey(w.kind, w.namespace, w.name), syncWorkload(sim, w, w.replicas));
}

export function deletePod(c: Cluster, namespace: string, name: string): Cluster {
  const sim = begin(c);
  const pod = sim.pods.get(podKey(namespace, name));
  if (!pod) throw notFound('pods', name);
  // Already Terminating: a second delete changes nothing (its grace period runs on).
  if (pod.terminating) return finish(sim);
  terminatePod(sim, pod);
  replace(sim, pod);
  return finish(sim);
}

const SCALABLE: Record<string, WorkloadState['kind'] | 'DaemonSet'> = {
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  'deployment.apps': 'Deployment',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  rs: 'ReplicaSet',
  'replicaset.apps': 'ReplicaSet',
  replicationcontroller: 'ReplicationController',
  replicationcontrollers: 'ReplicationController',
  rc: 'ReplicationController',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  sts: 'StatefulSet',
  'statefulset.apps': 'StatefulSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  ds: 'DaemonSet',
  job: 'Job',
  jobs: 'Job',
};

const RESOURCE: Record<string, string> = {
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  ReplicationController: 'replicationcontrollers',
  StatefulSet: 'statefulsets.apps',
};

/** `kubectl scale KIND NAME --replicas=N`. */
export function scaleWorkload(c: Cluster, kind: string, namespace: string, name: string, replicas: number): Cluster {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new ClusterOperationError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  const k = SCALABLE[kind.toLowerCase()] ?? SCALABLE[kind];
  if (!k) throw new ClusterOperationError(`error: the server doesn't have a resource type "${kind}"`);
  // DaemonSets and Jobs have no scale subresource.
  if (k === 'DaemonSet' || k === 'Job')
    throw new ClusterOperationError('Error from server (NotFound): the server could not find the requested resource');
  if (replicas > MAX_PODS_PER_WORKLOAD) {
    // The words kubectl prints when the scale subresource refuses a value (`The Scale "web" is invalid: …`).
    throw new ClusterOperationError(
      `The Scale ${JSON.stringify(name)} is invalid: spec.replicas: Invalid value: ${replicas}: exceeds the simulator's limit of ${MAX_PODS_PER_WORKLOAD} Pods per workload`,
    );
  }
  const sim = begin(c);
  let w = sim.workloads.get(workloadKey(k, namespace, name));
  if (!w && k === 'ReplicaSet') {
    // A Deployment's ReplicaSet: the Deployment controller sets its size back at once.
    const owner = [...sim.workloads.values()].find((x) => x.kind === 'Deployment' && x.namespace === namespace && x.replicaSet === name);
    if (owner) return finish(sim);
  }
  if (!w) throw notFound(RESOURCE[k], name);
  const from = w.replicas;
  w = syncWorkload(sim, { ...w, replicas }, from);
  sim.workloads.set(workloadKey(w.kind, w.namespace, w.name), w);
  return finish(sim);
}

function nodeOrThrow(sim: Sim, node: string): NodeState {
  const n = sim.nodeByName.get(node);
  if (!n) throw notFound('nodes', node);
  return n;
}

function setSchedulable(sim: Sim, n: NodeState, unschedulable: boolean): void {
  if (n.unschedulable === unschedulable) return;
  sim.setNode({ ...n, unschedulable });
  const status = unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable';
  sim.event('Normal', status, nodeComponentId(n.name), `Node ${n.name} status is now: ${status}`);
}

/** `kubectl cordon NODE`: no new pods; running ones stay. */
export function cordonNode(c: Cluster, node: string): Cluster {
  const sim = begin(c);
  setSchedulable(sim, nodeOrThrow(sim, node), true);
  return finish(sim);
}

/** `kubectl uncordon NODE`: Pending pods may now land there. */
export function uncordonNode(c: Cluster, node: string): Cluster {
  const sim = begin(c);
  setSchedulable(sim, nodeOrThrow(sim, node), false);
  return finish(sim);
}

export interface DrainOptions {
  /** `--force`: also delete pods no controller will re-create. */
  force?: boolean;
  /** `--ignore-daemonsets` (default true here: every node runs kube-proxy and kube-flannel). */
  ignoreDaemonSets?: boolean;
  /**
   * Wait until the evicted Pods are gone, as kubectl drain does (default true): the clock runs through
   * their grace periods. false: return at once, the evicted Pods still Terminating.
   */
  wait?: boolean;
}

export interface Drained {
  cluster: Cluster;
  /** What `kubectl drain` prints on the way (stdout and stderr, in order). */
  output: string[];
}

/** kubectl drain's wait between two evictions of a Pod that a disruption budget refused (429). */
export const EVICTION_RETRY_SECONDS = 5;
/** How long the simulated drain keeps retrying while something in the cluster can still change. */
const MAX_DRAIN_SECONDS = 3600;

/**
 * `kubectl drain NODE --ignore-daemonsets [--force]`: cordon, then evict every pod except mirror
 * pods (static control-plane pods) and DaemonSet pods through the Eviction API, which honours the
 * PodDisruptionBudgets (disruption.ts); controllers re-create the evicted ones elsewhere. A Pod a
 * budget protects is tried again every 5 s, as the clock runs, until a replacement is Ready and the
 * budget allows it. Pods without a controller block the drain unless `force`. When nothing left can
 * change and a budget still refuses, kubectl would retry forever: the drain fails with its output
 * and the cluster is left as it was.
 */
export function drainNode(c: Cluster, node: string, opts: DrainOptions = {}): Cluster {
  return drainNodeWithOutput(c, node, opts).cluster;
}

export function drainNodeWithOutput(c: Cluster, node: string, opts: DrainOptions = {}): Drained {
  let sim = begin(c);
  const n = nodeOrThrow(sim, node);
  const ignoreDaemonSets = opts.ignoreDaemonSets ?? true;
  const onNode = [...sim.pods.values()].filter((p) => p.nodeName === node).sort(byNamespacedName);
  const finished = (p: PodState) => p.phase === 'Succeeded' || p.phase === 'Failed';
  const unmanaged = onNode.filter((p) => !p.owner && !finished(p));
  const daemons = onNode.filter((p) => p.owner?.kind === 'DaemonSet');
  const problems: string[] = [];
  if (!ignoreDaemonSets && daemons.length > 0) {
    problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${namespacedNames(daemons)}`);
  }
  if (!opts.force && unmanaged.length > 0) {
    problems.push(`cannot delete Pods declare no controller (use --force to override): ${namespacedNames(unmanaged)}`);
  }
  if (problems.length > 0) {
    const list = problems.length > 1 ? `[${problems.join(', ')}]` : problems[0];
    throw new ClusterOperationError(
      `error: unable to drain node "${node}" due to error:${list}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${problems.join('\n')}`,
    );
  }
  setSchedulable(sim, n, true);
  const output = [`node/${node} cordoned`];
  if (daemons.length > 0) output.push(`Warning: ignoring DaemonSet-managed Pods: ${namespacedNames(daemons)}`);
  if (unmanaged.length > 0) output.push(`Warning: deleting Pods that declare no controller: ${namespacedNames(unmanaged)}`);
  // Evicted (graceful deletion: Terminating for its grace period), each replaced by its controller at once.
  let pending = onNode.filter((p) => p.owner?.kind !== 'Node' && p.owner?.kind !== 'DaemonSet' && !p.terminating);
  const evicted: PodState[] = [];
  const startedAt = sim.clock;
  for (;;) {
    // kubectl evicts every Pod at once; each eviction sees the budgets' status as the last sync left it.
    const round = new EvictionRound(sim);
    const refused: PodState[] = [];
    const allowed: PodState[] = [];
    for (const pod of pending) {
      output.push(`evicting pod ${pod.namespace}/${pod.name}`);
      const answer = round.evict(pod);
      if (answer.ok) {
        terminatePod(sim, pod);
        allowed.push(pod);
      } else if (answer.code === 429) {
        output.push(`${evictionError(pod)} (will retry after ${EVICTION_RETRY_SECONDS}s): ${answer.message}`);
        refused.push(pod);
      } else {
        output.push(`${evictionError(pod)}: ${answer.message}`);
        throw new ClusterOperationError(
          [
            ...output,
            `error: unable to drain node "${node}" due to error: ${evictionError(pod)}: ${answer.message}, continuing command...`,
            'There are pending nodes to be drained:',
            ` ${node}`,
          ].join('\n'),
        );
      }
    }
    // Then the controllers notice and create the replacements.
    for (const pod of allowed) replace(sim, pod);
    evicted.push(...allowed);
    if (refused.length === 0) break;
    const now = finish(sim);
    // The next try, 5 s later: what was due by then (grace periods, Pods becoming Ready) has happened. A round
    // that evicted nothing gets the same answers until the cluster changes, so the tries in between are skipped.
    let retries = 1;
    if (refused.length === pending.length) {
      const due = nextChangeAt(now);
      if (due === null) throw stuck(node, output, refused);
      retries = Math.max(1, Math.ceil((due - now.clock) / EVICTION_RETRY_SECONDS));
    }
    const at = now.clock + retries * EVICTION_RETRY_SECONDS;
    if (at - startedAt > MAX_DRAIN_SECONDS) throw stuck(node, output, refused);
    sim = Sim.fromCluster(advanceCluster(now, at).cluster);
    pending = refused.map((p) => sim.pods.get(podKey(p.namespace, p.name))).filter((p): p is PodState => p !== undefined);
  }
  const drained = finish(sim);
  let until = drained.clock;
  for (const p of drained.pods)
    if (p.terminating && p.nodeName === node && p.deletionTimestamp !== undefined) until = Math.max(until, p.deletionTimestamp);
  const done = opts.wait === false ? drained : advanceCluster(drained, until).cluster;
  if (opts.wait !== false) for (const p of evicted) output.push(`pod/${p.name} evicted`);
  output.push(`node/${node} drained`);
  return { cluster: done, output };
}

/** `NS/NAME`, as kubectl drain lists Pods. */
function namespacedName(p: PodState): string {
  return `${p.namespace}/${p.name}`;
}

function namespacedNames(ps: readonly PodState[]): string {
  return ps.map(namespacedName).join(', ');
}

function byNamespacedName(a: PodState, b: PodState): number {
  const ka = namespacedName(a);
  const kb = namespacedName(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** kubectl's words for a failed eviction, before its reason. */
function evictionError(pod: PodState): string {
  return `error when evicting pods/${JSON.stringify(pod.name)} -n ${JSON.stringify(pod.namespace)}`;
}

/** A budget refuses and nothing in the cluster will change to let it allow the eviction. */
function stuck(node: string, output: string[], refused: PodState[]): ClusterOperationError {
  const pods = namespacedNames(refused);
  return new ClusterOperationError(
    [
      ...output,
      `kubectl drain would go on retrying every ${EVICTION_RETRY_SECONDS}s (until its --timeout, none by default): nothing in the cluster will change for the disruption budget to allow evicting ${pods}. The drain is not applied; scale the workload up, relax the budget, or move its Pods first.`,
    ].join('\n'),
  );
}
