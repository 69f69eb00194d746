/**
 * reconcileCluster: the folder was edited; apply it again, as `kubectl apply -f DIR` followed by the
 * controllers would. Unchanged objects keep their state (a Service keeps its ClusterIP and node
 * ports, a Pod its name, node and IP). Changed objects are updated the way the API server and
 * controllers do it:
 * - Service: updated in place, keeping its allocations unless the manifest asks for other values;
 * - Deployment: a new pod template → a new ReplicaSet hash → new pods (the old ones go); replicas → scale;
 * - ReplicaSet / ReplicationController: replicas → scale; a new template affects only future pods;
 * - DaemonSet / StatefulSet (RollingUpdate): a new template replaces the pods (StatefulSet pods keep
 *   their names, not their IPs);
 * - Job / bare Pod: the spec is immutable, so a changed one is deleted and created again;
 *   a bare Pod whose labels changed keeps running with the new labels.
 * Objects gone from the folder are deleted: Services at once, workloads and bare Pods as `kubectl delete`
 * does (the Pods Terminating for their grace period; termination.ts). If the cluster itself changed (nodes,
 * CIDRs, settings), it is built again from scratch.
 */
import type { Cluster, NodeState, PodState, WorkloadState } from '../model/cluster';
import type { LoadResult, LoadedPod } from '../model/objects';
import { addPod } from '../scheduler';
import { ClusterIPAllocator } from './allocators';
import { applyHandMadeEndpoints, buildCluster, createDesiredPod, updateEndpoints } from './build';
import { OPERATION_STEP } from './clock';
import { cascadeWorkloadDeletion, deleteWorkloadPods, syncWorkload } from './controllers';
import { collectDesired, withoutRejectedServices, workloadStateOf, type DesiredPod, type DesiredWorkload } from './desired';
import { canonicalJson } from './naming';
import { buildNodes } from './nodes';
import { gcOrphanedPods } from './podGC';
import { deletePodNow, retryPending } from './pods';
import { allocateServices, serviceKey } from './serviceAlloc';
import { resolveSettings } from './settings';
import { resolveExternalHosts } from './externalHosts';
import { podKey, Sim, workloadKey } from './sim';
import { terminatePod } from './termination';
import { advanceCluster } from './advance';
import { addonIngressClasses, addonObjects } from './addons';
import { ingressClassesOf, ingressesOf } from './ingresses';
import { disruptionBudgetsOf } from './disruption';
import { ingressWarnings } from './ingressWarnings';
import { namespacesOf, networkPoliciesOf, policyWarnings } from './policies';

function topology(nodes: NodeState[]): string {
  return canonicalJson(nodes.map((n) => [n.name, n.ip, n.podCIDR, n.labels, n.taints, n.capacity, n.allocatable]));
}

function reconcileWorkloads(sim: Sim, desired: DesiredWorkload[]): void {
  const wanted = new Set(desired.map((d) => workloadKey(d.object.kind, d.object.metadata.namespace, d.object.metadata.name)));
  for (const [key, w] of [...sim.workloads]) {
    if (wanted.has(key)) continue;
    cascadeWorkloadDeletion(sim, w);
    sim.workloads.delete(key);
  }
  for (const d of desired) {
    const key = workloadKey(d.object.kind, d.object.metadata.namespace, d.object.metadata.name);
    const prev = sim.workloads.get(key);
    const fresh = workloadStateOf(d, prev?.createdAt ?? sim.clock);
    if (!prev) {
      sim.workloads.set(key, syncWorkload(sim, fresh, 0));
      continue;
    }
    const templateChanged = canonicalJson(prev.spec.template) !== canonicalJson(fresh.spec.template);
    const specChanged = canonicalJson(prev.spec) !== canonicalJson(fresh.spec);
    const next: WorkloadState = { ...fresh };
    if (prev.replicaSet) next.replicaSet = prev.replicaSet;
    if (prev.templateHash) next.templateHash = prev.templateHash;
    if (prev.replicaSets) next.replicaSets = prev.replicaSets;
    if (prev.rolloutStartedAt !== undefined) next.rolloutStartedAt = prev.rolloutStartedAt;
    if (fresh.kind === 'DaemonSet') next.replicas = prev.replicas;
    const replaceAll =
      (templateChanged && (fresh.kind === 'DaemonSet' || fresh.kind === 'StatefulSet')) || (specChanged && fresh.kind === 'Job');
    if (replaceAll) deleteWorkloadPods(sim, prev);
    sim.workloads.set(key, syncWorkload(sim, next, prev.replicas));
  }
}

function isBare(p: PodState): boolean {
  return p.owner === null || p.owner.kind === 'Node';
}

/** The running pod a desired bare Pod corresponds to (by name; generateName pods by prefix + spec). */
function matchPrevious(sim: Sim, d: DesiredPod, claimed: Set<string>): PodState | undefined {
  const o: LoadedPod = d.object;
  if (o.metadata.name) {
    const p = sim.pods.get(podKey(o.metadata.namespace, o.metadata.name));
    return p && isBare(p) ? p : undefined;
  }
  const prefix = o.metadata.generateName ?? '';
  const spec = canonicalJson(o.spec);
  for (const p of sim.pods.values()) {
    if (
      isBare(p) &&
      p.namespace === o.metadata.namespace &&
      p.name.startsWith(prefix) &&
      !claimed.has(podKey(p.namespace, p.name)) &&
      canonicalJson(p.spec) === spec
    )
      return p;
  }
  return undefined;
}

function reconcileBarePods(sim: Sim, desired: DesiredPod[]): void {
  const claimed = new Set<string>();
  const plan: { d: DesiredPod; prev?: PodState }[] = desired.map((d) => {
    const prev = matchPrevious(sim, d, claimed);
    if (prev) claimed.add(podKey(prev.namespace, prev.name));
    return { d, prev };
  });
  // A Pod gone from the folder is deleted as `kubectl delete` does: Terminating for its grace period.
  for (const p of [...sim.pods.values()])
    if (isBare(p) && !p.terminating && !claimed.has(podKey(p.namespace, p.name))) terminatePod(sim, p);
  for (const { d, prev } of plan) {
    const o = d.object;
    if (prev && canonicalJson(prev.spec) === canonicalJson(o.spec)) {
      // Labels, annotations and positions can change in place.
      const updated: PodState = {
        ...prev,
        labels: { ...o.metadata.labels },
        annotations: { ...o.metadata.annotations },
        source: o.source,
        containers: prev.containers.map((c, i) => ({ ...c, source: o.locate(`spec.containers[${i}]`) })),
      };
      if (canonicalJson(updated) !== canonicalJson(prev)) {
        sim.putPod(updated);
        addPod(sim.cache, updated);
      }
      continue;
    }
    if (prev) deletePodNow(sim, prev);
    createDesiredPod(sim, d);
  }
}

export function reconcileCluster(before: Cluster, load: LoadResult): Cluster {
  // The edit comes OPERATION_STEP seconds later: what was due by then (grace periods, rollout steps) happens first.
  const prev = advanceCluster(before, before.clock + OPERATION_STEP).cluster;
  const seed = prev.settings.seed;
  const resolved = resolveSettings(load, seed);
  const built = buildNodes(load, resolved);
  resolveExternalHosts(resolved, built.nodes);
  if (canonicalJson(resolved.settings) !== canonicalJson(prev.settings) || topology(built.nodes) !== topology(prev.nodes)) {
    const fresh = buildCluster(load, { seed });
    return { ...fresh, clock: Math.max(fresh.clock, prev.clock) };
  }

  const sim = Sim.fromCluster(prev);
  for (const n of built.nodes) {
    const old = sim.nodeByName.get(n.name);
    if (old && canonicalJson(old.source) !== canonicalJson(n.source)) {
      const next: NodeState = { ...old };
      if (n.source) next.source = n.source;
      else delete next.source;
      sim.setNode(next);
    }
  }
  sim.diagnostics = [...load.diagnostics, ...resolved.diagnostics, ...built.diagnostics];
  const settings = resolved.settings;
  const desired = collectDesired(load, sim.nodes, new ClusterIPAllocator(settings.serviceCIDR), addonObjects(settings));
  sim.objects = desired.objects;
  sim.networkPolicies = networkPoliciesOf(load);
  sim.namespaces = namespacesOf(load);
  sim.ingresses = ingressesOf(load, sim.clock, prev.ingresses, addonIngressClasses(settings));
  sim.ingressClasses = ingressClassesOf(load);
  sim.podDisruptionBudgets = disruptionBudgetsOf(load);

  const previous = new Map(prev.services.map((s) => [serviceKey(s.namespace, s.name), s]));
  const inputs = desired.services.map((s) => (s.builtIn ? s : { ...s, createdAt: sim.clock }));
  const services = allocateServices(inputs, settings, { rngState: sim.rngState, createdAt: sim.clock, previous });
  sim.diagnostics.push(...services.diagnostics);
  sim.setServices(services.services);
  sim.objects = withoutRejectedServices(sim.objects, desired.services, services.services);
  applyHandMadeEndpoints(sim, load, sim.clock, prev);

  reconcileWorkloads(sim, desired.workloads);
  reconcileBarePods(sim, desired.pods);
  gcOrphanedPods(sim);
  retryPending(sim);
  updateEndpoints(sim);
  sim.diagnostics.push(...policyWarnings(load, [...sim.pods.values()]));
  sim.diagnostics.push(...ingressWarnings(load, sim.services, addonIngressClasses(settings)));
  return sim.toCluster();
}
