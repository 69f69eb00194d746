/**
 * DefaultPreemption (PostFilter), enough to word the message and name a candidate: nodes rejected
 * as UnschedulableAndUnresolvable are "not helpful"; elsewhere the dry run removes every pod of
 * lower priority and re-checks host ports and resources (other plugins' verdicts are kept).
 * Victims are then reprieved highest priority first, as SelectVictimsOnNode does.
 * PodDisruptionBudgets, start times and preemptionPolicy are not modelled.
 */
import type { CachedPod, NodeEntry, SchedulerCache } from './cache';
import { portConflicts, type HostPort } from './hostPorts';
import { insufficientResources, PORTS_REASON, type FitUsage, type NodeStatus } from './filters';
import { countReasons, NO_VICTIMS, PREEMPTION_NOT_HELPFUL, preemptionMessage } from './messages';
import type { PodInfo } from './podInfo';

export interface PreemptionOutcome {
  /** The PostFilter message; '' when a candidate exists (the pod is nominated, no "preemption:" part). */
  message: string;
  nominated?: { node: string; victims: string[] };
}

function samePort(a: HostPort, b: HostPort): boolean {
  return a.protocol === b.protocol && a.port === b.port && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');
}

/** Port check with `removed` pods gone: a conflict stays if some remaining pod still holds the port. */
function portsBlocked(cache: SchedulerCache, info: PodInfo, e: NodeEntry, removed: Set<string>): boolean {
  for (const want of info.ports) {
    if (!portConflicts(e.usedPorts, want)) continue;
    for (const uid of e.pods) {
      if (removed.has(uid)) continue;
      if (cache.pods.get(uid)!.ports.some((p) => samePort(p, want))) return true;
    }
  }
  return false;
}

function usageWithout(e: NodeEntry, removed: readonly CachedPod[]): FitUsage {
  const u = { cpu: e.reqCpu, memory: e.reqMemory, ephemeral: e.reqEphemeral, pods: e.podCount };
  const scalar = new Map(e.reqScalar);
  for (const p of removed) {
    u.cpu -= p.req.cpu;
    u.memory -= p.req.memory;
    u.ephemeral -= p.req.ephemeralStorage;
    u.pods -= 1;
    for (const [n, v] of p.req.scalar) scalar.set(n, (scalar.get(n) ?? 0) - v);
  }
  return { ...u, scalar: (n) => scalar.get(n) ?? 0 };
}

/** Why the pod still fails with `removed` gone, or null when it would fit. */
function failsWithout(cache: SchedulerCache, info: PodInfo, e: NodeEntry, removed: CachedPod[]): string[] | null {
  if (portsBlocked(cache, info, e, new Set(removed.map((p) => p.uid)))) return [PORTS_REASON];
  const reasons = insufficientResources(info, e, usageWithout(e, removed));
  return reasons.length > 0 ? reasons : null;
}

interface Candidate {
  node: NodeEntry;
  victims: CachedPod[];
}

/** Plugins whose verdict the dry run re-evaluates with the victims gone. */
const REEVALUATED = new Set(['NodeResourcesFit', 'NodePorts']);

function dryRun(cache: SchedulerCache, info: PodInfo, e: NodeEntry, status: NodeStatus): Candidate | string[] {
  let hasLower = false;
  for (const prio of e.priorities.keys()) if (prio < info.priority) hasLower = true;
  if (!hasLower) return [NO_VICTIMS];
  // Spreading and inter-pod affinity are not re-run without the victims: assume they still fail.
  if (!REEVALUATED.has(status.plugin)) return status.reasons;
  const lower = [...e.pods].map((uid) => cache.pods.get(uid)!).filter((p) => p.priority < info.priority);
  const still = failsWithout(cache, info, e, lower);
  if (still) return still;
  // Reprieve: try to keep the most important pods, evicting only what is needed.
  lower.sort((a, b) => b.priority - a.priority);
  let victims = lower.slice();
  for (const p of lower) {
    const without = victims.filter((v) => v !== p);
    if (failsWithout(cache, info, e, without) === null) victims = without;
  }
  return { node: e, victims };
}

/** pickOneNodeForPreemption, minus PDBs and start times: lowest top victim priority, then sum, then count. */
function better(a: Candidate, b: Candidate): boolean {
  const top = (c: Candidate): number => Math.max(...c.victims.map((v) => v.priority), -Infinity);
  const sum = (c: Candidate): number => c.victims.reduce((s, v) => s + v.priority + 2147483648, 0);
  if (top(a) !== top(b)) return top(a) < top(b);
  if (sum(a) !== sum(b)) return sum(a) < sum(b);
  return a.victims.length < b.victims.length;
}

/** `statusOf(i)` is node i's rejection (every node has one when the pod is unschedulable). */
export function preempt(cache: SchedulerCache, info: PodInfo, statusOf: (i: number) => NodeStatus): PreemptionOutcome {
  const counts = new Map<string, number>();
  let best: Candidate | null = null;
  for (const e of cache.nodes) {
    const status = statusOf(e.index);
    if (status.unresolvable) {
      countReasons(counts, [PREEMPTION_NOT_HELPFUL]);
      continue;
    }
    const r = dryRun(cache, info, e, status);
    if (Array.isArray(r)) countReasons(counts, r);
    else if (best === null || better(r, best)) best = r;
  }
  if (best) return { message: '', nominated: { node: best.node.name, victims: best.victims.map((v) => v.uid) } };
  return { message: preemptionMessage(cache.nodes.length, counts) };
}
