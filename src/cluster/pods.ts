/**
 * A Pod's life as the simulation sees it: created (by a user or a controller), bound to a node
 * (spec.nodeName, or kube-scheduler), given an IP (host-local IPAM, or the node IP with hostNetwork),
 * its containers started — or left Pending with the scheduler's FailedScheduling message — and later
 * deleted (containers stopped, IP released, node resources freed).
 */
import type { OwnerRef, PodState, ScheduleResult } from '../model/cluster';
import type { Labels, PodSpec } from '../model/k8s';
import type { SourceRef } from '../model/source';
import { addPod, kubeletAdmission, podRequests, removePod, schedulePod, type SchedulerCache } from '../scheduler';
import { podRuntime, type PodStage } from './containers';
import { uid } from './naming';
import { objectId } from '../model/componentId';
import type { Sim } from './sim';

export interface NewPod {
  name: string;
  namespace: string;
  labels: Labels;
  annotations: Record<string, string>;
  spec: PodSpec;
  owner: OwnerRef | null;
  source: SourceRef;
  containerSources?: SourceRef[];
  builtIn?: boolean;
  /** DaemonSet pods: placed on their node by the DaemonSet controller's node affinity. */
  placedBy?: 'daemonset';
  /** A running Pod turns Ready this many seconds after creation instead of at once (rollouts over time). */
  readyDelay?: number;
}

/** Replicas share their template's PodSpec object: compute its requests once (and share the record, read-only). */
const requestsCache = new WeakMap<PodSpec, { cpu: number; memory: number }>();
function requestsOf(spec: PodSpec): { cpu: number; memory: number } {
  let r = requestsCache.get(spec);
  if (!r) requestsCache.set(spec, (r = podRequests(spec)));
  return r;
}

/** Job pods run to completion; everything else keeps running. */
function runsToCompletion(pod: { owner: OwnerRef | null }): boolean {
  return pod.owner?.kind === 'Job';
}

function bindByNodeName(sim: Sim, nodeName: string): ScheduleResult {
  const result: ScheduleResult = { node: nodeName, rejected: {}, scores: {}, by: 'nodeName' };
  if (!sim.nodeByName.has(nodeName)) {
    result.message = `spec.nodeName is "${nodeName}", but no such node exists: the scheduler ignores the pod and no kubelet runs it, so it stays Pending until PodGC deletes it (40 s after it was created: "PodGC: node no longer exists"); a controller then creates a replacement from the same template`;
  }
  return result;
}

function schedule(
  sim: Sim,
  pod: { name: string; namespace: string; labels: Labels; spec: PodSpec; owner: OwnerRef | null },
  placedBy?: 'daemonset',
): ScheduleResult {
  if (pod.spec.nodeName) return bindByNodeName(sim, pod.spec.nodeName);
  const cache: SchedulerCache = sim.schedulingCache ?? sim.cache;
  const rng = sim.stream(`schedule:${pod.namespace}/${pod.name}`);
  const r = schedulePod(
    cache,
    { name: pod.name, namespace: pod.namespace, labels: pod.labels, spec: pod.spec, owner: pod.owner ?? undefined },
    rng,
  );
  // Keep the model's fields only (the scheduler adds bookkeeping such as evaluatedNodes).
  const result: ScheduleResult = { node: r.node, rejected: r.rejected, scores: r.scores };
  if (r.message !== undefined) result.message = r.message;
  if (r.by !== undefined) result.by = r.by;
  if (r.tie !== undefined) result.tie = r.tie;
  if (result.node && placedBy) result.by = placedBy;
  return result;
}

/**
 * A pod bound by spec.nodeName skips the scheduler but not the kubelet's admission: a pod that does
 * not fit ends Failed with the kubelet's reason (OutOfcpu, OutOfpods…). Static pods are always admitted.
 */
function admit(sim: Sim, pod: PodState): PodState | null {
  if (pod.builtIn || pod.schedule.by !== 'nodeName' || !pod.nodeName || !sim.nodeByName.has(pod.nodeName)) return null;
  const rejection = kubeletAdmission(
    sim.cache,
    { name: pod.name, namespace: pod.namespace, labels: pod.labels, spec: pod.spec, owner: pod.owner },
    pod.nodeName,
  );
  if (!rejection) return null;
  sim.event('Warning', rejection.reason, objectId('pod', pod.namespace, pod.name), rejection.message);
  return {
    ...pod,
    phase: 'Failed',
    status: rejection.reason,
    schedule: { ...pod.schedule, message: rejection.statusMessage },
  };
}

/**
 * Give a bound pod its IP and start its containers. Returns the new state; events are recorded.
 * `pod.schedule` must already be set.
 */
function start(sim: Sim, pod: PodState, containerSources?: SourceRef[]): PodState {
  const id = objectId('pod', pod.namespace, pod.name);
  const node = pod.nodeName ? sim.nodeByName.get(pod.nodeName) : undefined;
  let stage: PodStage = 'unscheduled';
  let ip: string | null = null;
  if (pod.nodeName && node) {
    ip = pod.hostNetwork ? node.ip : sim.ipam.allocate(node.name);
    if (ip === null) {
      stage = 'creating';
      sim.event(
        'Warning',
        'FailedCreatePodSandBox',
        id,
        `Failed to create pod sandbox: plugin type="bridge" failed (add): ${sim.ipam.exhaustedMessage(node.name)}`,
      );
    } else stage = runsToCompletion(pod) ? 'completed' : 'running';
  }
  const runtime = podRuntime(pod.spec, stage, { ip, ageSeconds: sim.clock - pod.createdAt, sources: containerSources ?? sourcesOf(pod) });
  const next: PodState = { ...pod, ip, phase: runtime.phase, ready: runtime.ready, status: runtime.status, containers: runtime.containers };
  if (stage === 'completed' && ip && !pod.hostNetwork) sim.ipam.release(next);
  if (stage === 'running') {
    for (const c of runtime.containers) {
      if (c.reason === 'CrashLoopBackOff') {
        sim.event(
          'Warning',
          'BackOff',
          id,
          `Back-off restarting failed container ${c.name} in pod ${pod.name}_${pod.namespace}(${pod.uid})`,
        );
      } else if (c.state === 'running' && !c.ready && c.message) {
        sim.event('Warning', 'Unhealthy', id, c.message);
      }
    }
  }
  return next;
}

function sourcesOf(pod: PodState): SourceRef[] | undefined {
  const sources = pod.containers.map((c) => c.source).filter((x): x is SourceRef => x !== undefined);
  return sources.length === pod.containers.length ? sources : undefined;
}

function recordScheduling(sim: Sim, pod: PodState): void {
  const id = objectId('pod', pod.namespace, pod.name);
  const s = pod.schedule;
  if (s.by === 'nodeName') return; // the kubelet runs it directly: no scheduler event
  if (s.node) sim.event('Normal', 'Scheduled', id, `Successfully assigned ${pod.namespace}/${pod.name} to ${s.node}`);
  else if (s.message) sim.event('Warning', 'FailedScheduling', id, s.message);
}

/** Create a pod and run it as far as it gets. */
export function createPod(sim: Sim, p: NewPod): PodState {
  const sched = schedule(sim, { name: p.name, namespace: p.namespace, labels: p.labels, spec: p.spec, owner: p.owner }, p.placedBy);
  sim.nextSerial();
  const draft: PodState = {
    uid: uid(sim.stream(`uid:pod:${p.namespace}/${p.name}`)),
    name: p.name,
    namespace: p.namespace,
    labels: p.labels,
    annotations: p.annotations,
    nodeName: sched.by === 'nodeName' ? (p.spec.nodeName as string) : sched.node,
    ip: null,
    phase: 'Pending',
    ready: false,
    status: 'Pending',
    owner: p.owner,
    containers: [], // filled by start() or admit()
    hostNetwork: p.spec.hostNetwork === true,
    schedule: sched,
    createdAt: sim.clock,
    requests: requestsOf(p.spec),
    spec: p.spec,
    source: p.source,
  };
  if (p.builtIn) draft.builtIn = true;
  recordScheduling(sim, draft);
  const rejected = admit(sim, draft);
  if (rejected) {
    rejected.containers = podRuntime(p.spec, 'unscheduled', { ip: null, ageSeconds: 0, sources: p.containerSources }).containers;
    sim.putPod(rejected);
    return rejected;
  }
  let pod = start(sim, draft, p.containerSources);
  if (p.readyDelay !== undefined && p.readyDelay > 0 && pod.ready) {
    pod = { ...pod, ready: false, readyAt: sim.clock + p.readyDelay, containers: pod.containers.map((c) => ({ ...c, ready: false })) };
  }
  sim.putPod(pod);
  if (pod.nodeName && sim.nodeByName.has(pod.nodeName)) {
    addPod(sim.cache, pod);
    if (sim.schedulingCache) addPod(sim.schedulingCache, pod);
  }
  return pod;
}

/** Delete a pod: its containers are stopped, its IP and node resources freed. */
export function deletePodNow(sim: Sim, pod: PodState): void {
  const id = objectId('pod', pod.namespace, pod.name);
  for (const c of pod.containers) if (c.state === 'running') sim.event('Normal', 'Killing', id, `Stopping container ${c.name}`);
  sim.ipam.release(pod);
  removePod(sim.cache, pod);
  sim.dropPod(pod);
}

/** kube-scheduler retries Pending pods whenever the cluster changes (a pod left, a node was uncordoned). */
export function retryPending(sim: Sim): void {
  const pending = [...sim.pods.values()].filter((p) => p.nodeName === null && p.phase === 'Pending');
  for (const pod of pending) {
    const sched = schedule(sim, pod, pod.owner?.kind === 'DaemonSet' ? 'daemonset' : undefined);
    if (!sched.node) {
      if (sched.message !== pod.schedule.message) sim.putPod({ ...pod, schedule: sched });
      continue;
    }
    const bound: PodState = { ...pod, nodeName: sched.node, schedule: sched };
    recordScheduling(sim, bound);
    const started = start(sim, bound);
    sim.putPod(started);
    addPod(sim.cache, started);
  }
}
