/**
 * Simulated time passing: the cluster clock moves on (requests spaced by an interval, `--wait`) and
 * what was due happens on its own, in order — a Terminating Pod's grace period ends (it is gone and its
 * controller re-syncs), a Pod a rollout created becomes Ready, a rollout takes its next step. Pure:
 * the input cluster is not touched.
 */
import type { Cluster, ClusterChange, PodState, WorkloadState } from '../model/cluster';
import { updateEndpoints } from './build';
import { controllerOf, syncWorkload } from './controllers';
import { retryPending } from './pods';
import { Sim, workloadKey } from './sim';
import { finishTermination } from './termination';

/** Per Cluster (plain data, never changed once built): every run asks, and a scan of every Pod per request cost 4× the trace itself. */
const nextChangeMemo = new WeakMap<Cluster, number | null>();

/** The next moment something is due, after `c.clock`; null when nothing will change on its own. */
export function nextChangeAt(c: Cluster): number | null {
  let due = nextChangeMemo.get(c);
  if (due === undefined) {
    due = nextDue(c.pods, c.workloads, c.clock);
    nextChangeMemo.set(c, due);
  }
  return due;
}

function nextDue(pods: readonly PodState[], workloads: Iterable<WorkloadState>, clock: number): number | null {
  let next = Infinity;
  for (const p of pods) {
    const due = podDue(p);
    if (due !== null && due < next) next = due;
  }
  for (const w of workloads) {
    const min = w.spec.minReadySeconds ?? 0;
    if (w.rolloutStartedAt === undefined || min === 0 || !w.replicaSet) continue;
    // minReadySeconds: a Ready Pod of the new ReplicaSet becomes available later.
    for (const p of pods) {
      if (p.namespace !== w.namespace || p.owner?.name !== w.replicaSet || !p.ready || p.terminating) continue;
      const at = (p.readyAt ?? p.createdAt) + min;
      if (at > clock && at < next) next = at;
    }
  }
  return next === Infinity ? null : next;
}

function podDue(p: PodState): number | null {
  if (p.terminating && p.deletionTimestamp !== undefined) return p.deletionTimestamp;
  if (!p.ready && p.readyAt !== undefined && !p.terminating) return p.readyAt;
  return null;
}

export interface Advanced {
  cluster: Cluster;
  /** What happened on the way, in order. */
  changes: ClusterChange[];
}

/** Moves the cluster clock to `to` (seconds), letting everything due by then happen. */
export function advanceCluster(c: Cluster, to: number): Advanced {
  if (!(to > c.clock)) return { cluster: c, changes: [] };
  let due = nextChangeAt(c);
  if (due === null || due > to) return { cluster: { ...c, clock: to }, changes: [] };
  const sim = Sim.fromCluster(c);
  // Bounded: each step removes a Terminating Pod, makes a Pod Ready or makes one available.
  for (let steps = 0; due !== null && due <= to && steps < 100_000; steps++) {
    sim.clock = Math.max(sim.clock, due);
    step(sim);
    due = nextDue([...sim.pods.values()], sim.workloads.values(), sim.clock);
  }
  sim.clock = to;
  retryPending(sim);
  updateEndpoints(sim);
  return { cluster: sim.toCluster(), changes: [...sim.changes] };
}

function step(sim: Sim): void {
  const resync = new Map<string, WorkloadState>();
  for (const p of [...sim.pods.values()]) {
    const due = podDue(p);
    if (due === null || due > sim.clock) continue;
    if (p.terminating) {
      finishTermination(sim, p);
      const w = controllerOf(sim, p);
      if (w) resync.set(workloadKey(w.kind, w.namespace, w.name), w);
    } else {
      sim.putPod({ ...p, ready: true, containers: p.containers.map((x) => ({ ...x, ready: x.state === 'running' })) });
      sim.note(`${p.name} is Ready`);
    }
  }
  for (const w of sim.workloads.values()) if (w.rolloutStartedAt !== undefined) resync.set(workloadKey(w.kind, w.namespace, w.name), w);
  for (const [key, w] of resync) {
    if (w.kind === 'Job') continue;
    sim.workloads.set(key, syncWorkload(sim, sim.workloads.get(key) ?? w, w.replicas));
  }
  retryPending(sim);
}
