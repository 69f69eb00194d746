/**
 * The controllers that turn workloads into Pods, each doing what its upstream counterpart does:
 * - Deployment → ReplicaSet `<deploy>-<pod-template-hash>` → Pods `<rs>-<5 chars>`;
 * - ReplicaSet / ReplicationController → Pods `<name>-<5 chars>`;
 * - DaemonSet → one Pod per eligible node, pinned by a `matchFields metadata.name` node affinity,
 *   with the tolerations the DaemonSet controller adds;
 * - StatefulSet → `<sts>-0 … <sts>-(n-1)`; with OrderedReady a Pod is created only once the
 *   previous one is Ready;
 * - Job → Pods `<job>-<5 chars>` that run to completion.
 * `syncWorkload` makes the Pods match the workload's desired state: it creates the missing ones
 * and deletes the extra ones, recording the controllers' events.
 */
import type { PodState, WorkloadState } from '../model/cluster';
import type { Labels, PodSpec, Toleration } from '../model/k8s';
import { matchesNodeSelectorTerms } from '../util/labels';
import { tolerationsTolerateTaint } from '../scheduler/tolerations';
import { computeHash, generateName } from './naming';
import { hasRoomForPod, refuseControllerPod } from './podBudget';
import { createPod, deletePodNow, type NewPod } from './pods';
import { replicaSetNames, syncDeploymentRollout, type ReplicaSyncOptions } from './rollout';
import { isActive, terminatePod } from './termination';
import { objectId } from '../model/componentId';
import { podKey, type Sim } from './sim';
import { podsToDelete } from './podsToDelete';

/** Tolerations every DaemonSet pod gets (daemonset_util.go AddOrUpdateDaemonPodTolerations). */
function daemonTolerations(spec: PodSpec): Toleration[] {
  const add: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork) add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const out = [...(spec.tolerations ?? [])];
  for (const t of add) {
    // AddOrUpdateTolerationInPodSpec: replace an existing toleration with the same key/effect.
    const i = out.findIndex((o) => o.key === t.key && o.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

function templateHash(w: WorkloadState): string {
  return computeHash(w.spec.template);
}

/** The Pod a workload creates, before naming and placement. */
function podFromTemplate(
  w: WorkloadState,
  extraLabels: Labels,
  owner: { kind: string; name: string },
  spec?: PodSpec,
): Omit<NewPod, 'name'> {
  const t = w.spec.template;
  const p: Omit<NewPod, 'name'> = {
    namespace: w.namespace,
    labels: { ...t.metadata.labels, ...extraLabels },
    annotations: { ...t.metadata.annotations },
    spec: spec ?? t.spec,
    owner,
    source: w.source,
  };
  if (w.containerSources) p.containerSources = w.containerSources;
  if (w.builtIn) p.builtIn = true;
  return p;
}

function podNameTaken(sim: Sim, namespace: string): (name: string) => boolean {
  return (name) => sim.pods.has(podKey(namespace, name));
}

/**
 * Scale a set of interchangeable pods (ReplicaSet, RC, Job) owned by `ownerKind/ownerName`. Pods being
 * deleted (Terminating) no longer count, as FilterActivePods leaves them out.
 */
function syncReplicas(
  sim: Sim,
  w: WorkloadState,
  ownerKind: string,
  ownerName: string,
  want: number,
  extraLabels: Labels,
  opts: ReplicaSyncOptions = {},
): void {
  const owned = sim.podsOwnedBy(w.namespace, ownerKind, ownerName).filter(isActive);
  const id = objectId(ownerKind, w.namespace, ownerName);
  if (owned.length < want) {
    // One NewPod reused for every replica (createPod copies what it keeps), renamed each time.
    const next: NewPod = { ...podFromTemplate(w, extraLabels, { kind: ownerKind, name: ownerName }), name: '' };
    if (opts.readyDelay !== undefined) next.readyDelay = opts.readyDelay;
    const prefix = `${ownerName}-`;
    const taken = podNameTaken(sim, w.namespace);
    for (let i = owned.length; i < want; i++) {
      const name = generateName(prefix, sim.nameStream(w.namespace, prefix), taken);
      if (!hasRoomForPod(sim)) {
        refuseControllerPod(sim, w, { kind: ownerKind, name: ownerName }, name);
        break;
      }
      sim.event('Normal', 'SuccessfulCreate', id, `Created pod: ${name}`);
      next.name = name;
      createPod(sim, next);
    }
  } else if (owned.length > want) {
    const victims = podsToDelete(owned, relatedPods(sim, w, ownerKind, owned), owned.length - want, sim.clock);
    for (const pod of victims) {
      if (opts.graceful) terminatePod(sim, pod);
      else deletePodNow(sim, pod);
      sim.event('Normal', 'SuccessfulDelete', id, `Deleted pod: ${pod.name}`);
    }
  }
}

/** getIndirectlyRelatedPods: a Deployment's ReplicaSet counts the Pods of all its Deployment's ReplicaSets. */
function relatedPods(sim: Sim, w: WorkloadState, ownerKind: string, owned: PodState[]): PodState[] {
  if (w.kind !== 'Deployment' || ownerKind !== 'ReplicaSet') return owned;
  // The new ReplicaSet of a rollout that has just begun is not listed on `w` yet.
  const names = new Set([...replicaSetNames(w), `${w.name}-${templateHash(w)}`]);
  return [...names].flatMap((rs) => sim.podsOwnedBy(w.namespace, 'ReplicaSet', rs));
}

function syncDeployment(sim: Sim, w: WorkloadState, previousReplicas: number): WorkloadState {
  return syncDeploymentRollout(sim, w, previousReplicas, templateHash(w), (rs, want, o) =>
    syncReplicas(sim, w, 'ReplicaSet', rs.name, want, { 'pod-template-hash': rs.templateHash }, o),
  );
}

/** DaemonSet controller's NodeShouldRunDaemonPod: name, node affinity/selector and NoSchedule/NoExecute taints. */
function daemonPodFits(
  spec: PodSpec,
  tolerations: Toleration[],
  node: {
    name: string;
    labels: Labels;
    taints: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  },
): boolean {
  if (spec.nodeName && spec.nodeName !== node.name) return false;
  for (const key in spec.nodeSelector ?? {}) if (node.labels[key] !== spec.nodeSelector[key]) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !matchesNodeSelectorTerms(required.nodeSelectorTerms, node)) return false;
  return node.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerationsTolerateTaint(tolerations, t));
}

/** The node a DaemonSet pod is pinned to (its matchFields metadata.name term). */
function daemonPodTarget(pod: PodState): string | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name') return f.values?.[0];
  return pod.nodeName ?? undefined;
}

function syncDaemonSet(sim: Sim, w: WorkloadState): WorkloadState {
  const hash = templateHash(w);
  const t = w.spec.template.spec;
  const tolerations = daemonTolerations(t);
  const eligible = sim.nodes.filter((n) => daemonPodFits(t, tolerations, n));
  const eligibleNames = new Set(eligible.map((n) => n.name));
  const id = objectId('daemonset', w.namespace, w.name);
  const byNode = new Map<string, PodState>();
  for (const pod of sim.podsOwnedBy(w.namespace, 'DaemonSet', w.name)) {
    const target = daemonPodTarget(pod);
    if (!target || !eligibleNames.has(target) || byNode.has(target)) {
      deletePodNow(sim, pod);
      sim.event('Normal', 'SuccessfulDelete', id, `Deleted pod: ${pod.name}`);
    } else byNode.set(target, pod);
  }
  for (const node of eligible) {
    if (byNode.has(node.name)) continue;
    // ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become one matchFields term.
    const spec: PodSpec = {
      ...t,
      tolerations,
      affinity: {
        ...t.affinity,
        nodeAffinity: {
          ...t.affinity?.nodeAffinity,
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }],
          },
        },
      },
    };
    const base = podFromTemplate(
      w,
      { 'controller-revision-hash': hash, 'pod-template-generation': '1' },
      { kind: 'DaemonSet', name: w.name },
      spec,
    );
    const name = generateName(`${w.name}-`, sim.nameStream(w.namespace, `${w.name}-`), podNameTaken(sim, w.namespace));
    if (!hasRoomForPod(sim)) {
      refuseControllerPod(sim, w, { kind: 'DaemonSet', name: w.name }, name);
      break;
    }
    sim.event('Normal', 'SuccessfulCreate', id, `Created pod: ${name}`);
    createPod(sim, { ...base, name, placedBy: 'daemonset' });
  }
  return { ...w, replicas: eligible.length, templateHash: hash };
}

function syncStatefulSet(sim: Sim, w: WorkloadState): WorkloadState {
  const hash = templateHash(w);
  const ordered = (w.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const id = objectId('statefulset', w.namespace, w.name);
  const owned = new Map(sim.podsOwnedBy(w.namespace, 'StatefulSet', w.name).map((p) => [p.name, p]));
  // Scale down from the highest ordinal, gracefully (Terminating for the grace period). OrderedReady
  // deletes one Pod at a time and waits until it is gone; Parallel deletes them all at once.
  const extra = [...owned.values()]
    .map((p) => ({ p, ordinal: Number(p.name.slice(w.name.length + 1)) }))
    .filter((x) => !(x.ordinal < w.replicas))
    .sort((a, b) => b.ordinal - a.ordinal);
  if (!(ordered && extra.some((x) => x.p.terminating))) {
    for (const { p } of extra) {
      if (p.terminating) continue;
      terminatePod(sim, p);
      sim.event('Normal', 'SuccessfulDelete', id, `delete Pod ${p.name} in StatefulSet ${w.name} successful`);
      // One at a time: the next goes when this one is gone (the controller re-syncs then).
      if (ordered && sim.pods.has(podKey(p.namespace, p.name))) break;
    }
  }
  for (let i = 0; i < w.replicas; i++) {
    const name = `${w.name}-${i}`;
    let pod = owned.get(name);
    if (!pod) {
      if (sim.pods.has(podKey(w.namespace, name))) break; // a foreign pod holds the name
      if (!hasRoomForPod(sim)) {
        refuseControllerPod(sim, w, { kind: 'StatefulSet', name: w.name }, name);
        break;
      }
      const t = w.spec.template.spec;
      const spec: PodSpec = { ...t, hostname: name };
      if (w.spec.serviceName) spec.subdomain = w.spec.serviceName;
      const base = podFromTemplate(
        w,
        {
          'controller-revision-hash': `${w.name}-${hash}`,
          'statefulset.kubernetes.io/pod-name': name,
          'apps.kubernetes.io/pod-index': String(i),
        },
        { kind: 'StatefulSet', name: w.name },
        spec,
      );
      sim.event('Normal', 'SuccessfulCreate', id, `create Pod ${name} in StatefulSet ${w.name} successful`);
      pod = createPod(sim, { ...base, name });
    }
    if (ordered && !pod.ready) break;
  }
  return { ...w, templateHash: hash };
}

function syncJob(sim: Sim, w: WorkloadState): WorkloadState {
  const completions = w.spec.completions ?? w.spec.parallelism ?? 1;
  const owned = sim.podsOwnedBy(w.namespace, 'Job', w.name).length;
  if (owned < completions) {
    syncReplicas(sim, w, 'Job', w.name, completions, { 'batch.kubernetes.io/job-name': w.name, 'job-name': w.name });
    const pods = sim.podsOwnedBy(w.namespace, 'Job', w.name);
    if (pods.length >= completions && pods.every((p) => p.phase === 'Succeeded')) {
      sim.event('Normal', 'Completed', objectId('job', w.namespace, w.name), 'Job completed');
    }
  }
  return w;
}

/**
 * Run the workload's controller once: make its Pods match its spec. `previousReplicas` is the
 * replica count before this change (Deployments report `Scaled up replica set … from A to B`).
 */
export function syncWorkload(sim: Sim, w: WorkloadState, previousReplicas = 0): WorkloadState {
  switch (w.kind) {
    case 'Deployment':
      return syncDeployment(sim, w, previousReplicas);
    case 'ReplicaSet':
    case 'ReplicationController':
      syncReplicas(sim, w, w.kind, w.name, w.replicas, {}, { graceful: true });
      return w;
    case 'DaemonSet':
      return syncDaemonSet(sim, w);
    case 'StatefulSet':
      return syncStatefulSet(sim, w);
    case 'Job':
      return syncJob(sim, w);
    default:
      return w;
  }
}

/** Every Pod a workload owns (a Deployment's through each of its ReplicaSets). */
function podsOfWorkload(sim: Sim, w: WorkloadState): PodState[] {
  if (w.kind === 'Deployment') return replicaSetNames(w).flatMap((rs) => sim.podsOwnedBy(w.namespace, 'ReplicaSet', rs));
  return sim.podsOwnedBy(w.namespace, w.kind, w.name);
}

/** Delete every pod a workload owns at once (its template changed in a way that replaces them all). */
export function deleteWorkloadPods(sim: Sim, w: WorkloadState): void {
  for (const pod of podsOfWorkload(sim, w)) deletePodNow(sim, pod);
}

/**
 * The workload was deleted (its file left the folder: `kubectl delete`, `apply --prune`). kubectl's
 * default cascade is background: the workload (and a Deployment's ReplicaSets) go at once, then the
 * garbage collector deletes their Pods gracefully, each Terminating for its grace period.
 */
export function cascadeWorkloadDeletion(sim: Sim, w: WorkloadState): void {
  for (const pod of podsOfWorkload(sim, w)) terminatePod(sim, pod);
}

/** The workload whose controller owns a pod (a Deployment for ReplicaSet-owned pods). */
export function controllerOf(sim: Sim, pod: PodState): WorkloadState | undefined {
  if (!pod.owner) return undefined;
  for (const w of sim.workloads.values()) {
    if (w.namespace !== pod.namespace) continue;
    if (pod.owner.kind === 'ReplicaSet' && w.kind === 'Deployment' && replicaSetNames(w).includes(pod.owner.name)) return w;
    if (w.kind === pod.owner.kind && w.name === pod.owner.name) return w;
  }
  return undefined;
}
