/**
 * Which Pods a ReplicaSet (or ReplicationController, Job) deletes when it has too many: the
 * ReplicaSet controller's getPodsToDelete, which sorts by controller.ActivePodsWithRanks (v1.31,
 * LogarithmicScaleDown and PodDeletionCost on) and takes the first ones:
 *  1. unassigned < assigned;
 *  2. Pending < Unknown < Running;
 *  3. not Ready < Ready;
 *  4. lower controller.kubernetes.io/pod-deletion-cost first;
 *  5. more active related Pods (of every ReplicaSet of the same Deployment) on the same node first;
 *  6. both Ready: Ready more recently first, compared in log2 buckets of the time since (same bucket: by UID);
 *  7. more container restarts first;
 *  8. created more recently first, in log2 buckets (same bucket: by UID).
 */
import type { PodState } from '../model/cluster';
import { podDeletionCost } from '../load/pod/deletionCost';
import { isActive } from './termination';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** floor(log2(nanoseconds since t)), -1 for no time at all (logarithmicRankDiff). */
function logRank(t: number, now: number): number {
  const ns = (now - t) * 1e9;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

function maxRestarts(p: PodState): number {
  let n = 0;
  for (const c of p.containers) if (c.restartCount > n) n = c.restartCount;
  return n;
}

/** Negative: `a` goes before `b`. `rank` counts the related active Pods on each Pod's node. */
export function deletionOrder(a: PodState, b: PodState, rank: (p: PodState) => number, now: number): number {
  if (a.nodeName !== b.nodeName && (!a.nodeName || !b.nodeName)) return a.nodeName ? 1 : -1;
  const pa = PHASE_ORDINAL[a.phase] ?? 0;
  const pb = PHASE_ORDINAL[b.phase] ?? 0;
  if (pa !== pb) return pa - pb;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  const ca = podDeletionCost(a.annotations) ?? 0;
  const cb = podDeletionCost(b.annotations) ?? 0;
  if (ca !== cb) return ca - cb;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return rb - ra;
  if (a.ready && b.ready) {
    const ta = a.readyAt ?? a.createdAt;
    const tb = b.readyAt ?? b.createdAt;
    if (ta !== tb) return byLogTime(a, ta, b, tb, now);
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  if (a.createdAt !== b.createdAt) return byLogTime(a, a.createdAt, b, b.createdAt, now);
  // Equal in every respect: Go's sort leaves them in any order; ours stays deterministic.
  return byUid(a, b);
}

/** The more recent time first, unless both fall in one log2 bucket of the time since: then by UID. */
function byLogTime(a: PodState, ta: number, b: PodState, tb: number, now: number): number {
  const diff = logRank(ta, now) - logRank(tb, now);
  return diff !== 0 ? diff : byUid(a, b);
}

function byUid(a: PodState, b: PodState): number {
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/**
 * The `diff` Pods of `owned` to delete. `related`: the Pods of every ReplicaSet of the same
 * Deployment (getIndirectlyRelatedPods), or `owned` itself for a ReplicaSet of its own.
 */
export function podsToDelete(owned: readonly PodState[], related: readonly PodState[], diff: number, now: number): PodState[] {
  if (diff >= owned.length) return [...owned];
  const onNode = new Map<string, number>();
  for (const p of related)
    if (isActive(p) && p.phase !== 'Succeeded' && p.phase !== 'Failed')
      onNode.set(p.nodeName ?? '', (onNode.get(p.nodeName ?? '') ?? 0) + 1);
  const rank = (p: PodState) => onNode.get(p.nodeName ?? '') ?? 0;
  return [...owned].sort((a, b) => deletionOrder(a, b, rank, now)).slice(0, diff);
}
