/**
 * buildCluster: a LoadResult becomes a running kubeadm + flannel cluster.
 * Order, as on a real cluster: nodes join and kubeadm/flannel create their objects at t = 0
 * (coredns is scheduled while only the control plane exists, so it lands there and takes its
 * first pod IPs, as after a real `kubeadm init`); the folder is applied at t = 600 in file order;
 * PodGC deletes Pods bound to missing nodes at t = 640; endpoints follow the pods; the cluster is
 * shown at t = 690.
 */
import type { Cluster, ServiceState } from '../model/cluster';
import type { LoadResult, LoadedPod } from '../model/objects';
import { addPod, newSchedulerCache } from '../scheduler';
import { seedState } from '../util/rng';
import { ClusterIPAllocator } from './allocators';
import { CLUSTER_CREATED_AT, FIRST_LOOK_AT, FOLDER_APPLIED_AT } from './clock';
import { syncWorkload } from './controllers';
import {
  collectDesired,
  createdAtOf,
  isWorkload,
  withoutRejectedServices,
  workloadStateOf,
  type DesiredPod,
  type DesiredWorkload,
} from './desired';
import { objectDiagnostic } from './diagnostics';
import { apiServerEndpoints, refreshEndpoints } from './endpoints';
import { handMadeEndpoints, sliceEndpointsByService } from './endpointSlices';
import { generateName } from './naming';
import { buildNodes, isControlPlane } from './nodes';
import { hasRoomForPod, podOverBudget } from './podBudget';
import { gcOrphanedPods, PODGC_QUARANTINE_SECONDS } from './podGC';
import { createPod } from './pods';
import { allocateServices } from './serviceAlloc';
import { resolveSettings } from './settings';
import { resolveExternalHosts } from './externalHosts';
import { podKey, Sim, workloadKey } from './sim';
import { addonIngressClasses, addonObjects } from './addons';
import { ingressClassesOf, ingressesOf } from './ingresses';
import { disruptionBudgetsOf } from './disruption';
import { ingressWarnings } from './ingressWarnings';
import { namespacesOf, networkPoliciesOf, policyWarnings } from './policies';

/** Create a Pod object as written (bare, or a kubelet's mirror of a static pod). */
export function createDesiredPod(sim: Sim, d: DesiredPod): void {
  const o: LoadedPod = d.object;
  const ns = o.metadata.namespace;
  let name = o.metadata.name;
  if (!name && o.metadata.generateName) {
    name = generateName(o.metadata.generateName, sim.nameStream(ns, o.metadata.generateName), (n) => sim.pods.has(podKey(ns, n)));
  }
  if (sim.pods.has(podKey(ns, name))) {
    sim.diagnostics.push(objectDiagnostic(o, 'error', 'metadata.name', `pods "${name}" already exists`));
    return;
  }
  if (!hasRoomForPod(sim)) {
    sim.diagnostics.push(objectDiagnostic(o, 'error', undefined, podOverBudget(sim, name)));
    return;
  }
  const staticOn = d.builtIn && o.spec.nodeName ? o.spec.nodeName : undefined;
  createPod(sim, {
    name,
    namespace: ns,
    labels: { ...o.metadata.labels },
    annotations: { ...o.metadata.annotations },
    spec: o.spec,
    owner: staticOn ? { kind: 'Node', name: staticOn } : null,
    source: o.source,
    containerSources: o.spec.containers.map((_, i) => o.locate(`spec.containers[${i}]`)),
    builtIn: d.builtIn,
  });
}

export function createDesiredWorkload(sim: Sim, d: DesiredWorkload): void {
  const w = workloadStateOf(d, createdAtOf(d.builtIn));
  sim.workloads.set(workloadKey(w.kind, w.namespace, w.name), syncWorkload(sim, w, 0));
}

/** kubernetes (no selector) gets the API servers; every selector-managed Service follows its pods. */
export function updateEndpoints(sim: Sim): void {
  const handMade = sliceEndpointsByService(sim.endpointSlices, sim.pods.values());
  const refreshed = refreshEndpoints(sim.services, sim.pods.values(), handMade);
  sim.setServices(
    refreshed.map((s): ServiceState =>
      s.builtIn && s.namespace === 'default' && s.name === 'kubernetes' ? { ...s, endpoints: apiServerEndpoints(sim.nodes) } : s,
    ),
  );
}

/** The folder's Endpoints and EndpointSlices, and the slices mirrored from them (after the Services exist). */
export function applyHandMadeEndpoints(
  sim: Sim,
  load: LoadResult,
  createdAt: number,
  previous: Pick<Cluster, 'endpointSlices' | 'endpointsObjects'> = {},
): void {
  const hand = handMadeEndpoints(sim, load, sim.services, createdAt, previous);
  sim.endpointsObjects = hand.endpointsObjects;
  sim.endpointSlices = hand.endpointSlices;
  sim.diagnostics.push(...hand.diagnostics);
}

/** `podBudget`: Pods the cluster may hold (default MAX_PODS_PER_CLUSTER; tests use a small one). */
export function buildCluster(load: LoadResult, opts: { seed: number; podBudget?: number }): Cluster {
  const resolved = resolveSettings(load, opts.seed);
  const built = buildNodes(load, resolved);
  resolveExternalHosts(resolved, built.nodes);
  const settings = resolved.settings;
  const addons = addonObjects(settings);
  const desired = collectDesired(load, built.nodes, new ClusterIPAllocator(settings.serviceCIDR), addons);
  const sim = new Sim({
    settings,
    nodes: built.nodes,
    clock: CLUSTER_CREATED_AT,
    rngState: seedState(opts.seed),
    diagnostics: [...load.diagnostics, ...resolved.diagnostics, ...built.diagnostics],
    objects: desired.objects,
  });
  if (opts.podBudget !== undefined) sim.podBudget = opts.podBudget;

  // Services do not depend on pods; the scheduler's default spreading needs their selectors.
  const services = allocateServices(desired.services, settings, { rngState: sim.rngState, createdAt: FOLDER_APPLIED_AT });
  sim.diagnostics.push(...services.diagnostics);
  sim.setServices(services.services);
  sim.objects = withoutRejectedServices(sim.objects, desired.services, services.services);
  sim.networkPolicies = networkPoliciesOf(load);
  sim.namespaces = namespacesOf(load);
  sim.ingresses = ingressesOf(load, FOLDER_APPLIED_AT, undefined, addonIngressClasses(settings));
  sim.ingressClasses = ingressClassesOf(load);
  sim.podDisruptionBudgets = disruptionBudgetsOf(load);
  applyHandMadeEndpoints(sim, load, FOLDER_APPLIED_AT);

  // t = 0: kubeadm init, the flannel manifest and the nodes joining.
  for (const d of desired.pods) if (d.builtIn) createDesiredPod(sim, d);
  // Add-ons are enabled once every node has joined (`minikube addons enable` runs on a working cluster).
  const isAddon = (d: { object: unknown }): boolean => (addons.workloads as unknown[]).includes(d.object);
  const builtInWorkloads = desired.workloads.filter((d) => d.builtIn && !isAddon(d));
  for (const d of builtInWorkloads) if (d.object.kind === 'DaemonSet') createDesiredWorkload(sim, d);
  const controlPlane = sim.nodes.filter(isControlPlane);
  if (controlPlane.length > 0) {
    const early = newSchedulerCache(controlPlane);
    const names = new Set(controlPlane.map((n) => n.name));
    for (const p of sim.pods.values()) if (p.nodeName && names.has(p.nodeName)) addPod(early, p);
    sim.schedulingCache = early;
  }
  for (const d of builtInWorkloads) if (d.object.kind !== 'DaemonSet') createDesiredWorkload(sim, d);
  sim.schedulingCache = null;
  for (const d of desired.workloads) if (isAddon(d)) createDesiredWorkload(sim, d);

  // t = 600: kubectl apply -f DIR, object by object in file order.
  sim.clock = FOLDER_APPLIED_AT;
  for (const o of load.objects) {
    if (o.kind === 'Pod') createDesiredPod(sim, { object: o as LoadedPod, builtIn: false });
    else if (isWorkload(o)) createDesiredWorkload(sim, { object: o, builtIn: false });
  }
  // t = 640: PodGC's quarantine ends for Pods bound to nodes that do not exist.
  sim.clock = FOLDER_APPLIED_AT + PODGC_QUARANTINE_SECONDS;
  gcOrphanedPods(sim);
  updateEndpoints(sim);
  sim.diagnostics.push(...policyWarnings(load, [...sim.pods.values()]));
  sim.diagnostics.push(...ingressWarnings(load, sim.services, addonIngressClasses(settings)));
  sim.clock = FIRST_LOOK_AT;
  return sim.toCluster();
}
