/**
 * Filter plugins of the default profile, in upstream order (NodeUnschedulable, NodeName,
 * TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread,
 * InterPodAffinity; the volume plugins have nothing to check without volumes). The framework
 * stops at the first plugin that rejects a node, so only that plugin's reasons are reported.
 */
import type { NodeEntry } from './cache';
import { portConflicts } from './hostPorts';
import type { PodInfo } from './podInfo';
import { matchesRequiredAffinity } from './selectors';
import { interPodFilter, type InterPodFilterState } from './interPodAffinity';
import { spreadFilter, type SpreadFilterState } from './topologySpread';
import { tolerationsTolerateTaint, untoleratedTaintReason } from './tolerations';

/**
 * A node's rejection. `unresolvable` is UnschedulableAndUnresolvable: evicting pods would not help,
 * which decides the preemption half of the FailedScheduling message.
 */
export interface NodeStatus {
  plugin: string;
  unresolvable: boolean;
  reasons: string[];
}

export const UNSCHEDULABLE_REASON = 'node(s) were unschedulable';
export const NODE_NAME_REASON = "node(s) didn't match the requested node name";
export const AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";
export const PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";
export const TOO_MANY_PODS = 'Too many pods';

/** Filter-time resource view of a node: allocatable minus what is requested (removable for preemption). */
export interface FitUsage {
  cpu: number;
  memory: number;
  ephemeral: number;
  pods: number;
  scalar: (name: string) => number;
}

export function usageOf(e: NodeEntry): FitUsage {
  return {
    cpu: e.reqCpu,
    memory: e.reqMemory,
    ephemeral: e.reqEphemeral,
    pods: e.podCount,
    scalar: (name) => e.reqScalar.get(name) ?? 0,
  };
}

/**
 * NodeResourcesFit fitsRequest: every insufficient resource, in upstream order (pods, cpu, memory,
 * ephemeral-storage, extended resources). A pod that requests nothing is only checked for the count.
 */
export function insufficientResources(info: PodInfo, e: NodeEntry, used: FitUsage): string[] {
  const out: string[] = [];
  if (used.pods + 1 > e.allocPods) out.push(TOO_MANY_PODS);
  if (info.requestsNothing) return out;
  const r = info.req;
  if (r.cpu > 0 && r.cpu > e.allocCpu - used.cpu) out.push('Insufficient cpu');
  if (r.memory > 0 && r.memory > e.allocMemory - used.memory) out.push('Insufficient memory');
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > e.allocEphemeral - used.ephemeral) {
    out.push('Insufficient ephemeral-storage');
  }
  for (const [name, want] of r.scalar) {
    const alloc = e.state.allocatable[name] ?? 0;
    if (want > alloc - used.scalar(name)) out.push('Insufficient ' + name);
  }
  return out;
}

/** Fast path of insufficientResources for the hot loop: no allocation unless the node fails. */
function fits(info: PodInfo, e: NodeEntry): boolean {
  if (e.podCount + 1 > e.allocPods) return false;
  if (info.requestsNothing) return true;
  const r = info.req;
  if (r.cpu > 0 && r.cpu > e.allocCpu - e.reqCpu) return false;
  if (r.memory > 0 && r.memory > e.allocMemory - e.reqMemory) return false;
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > e.allocEphemeral - e.reqEphemeral) return false;
  const scalar = r.scalar;
  for (let i = 0; i < scalar.length; i++) {
    const name = scalar[i][0];
    if (scalar[i][1] > (e.state.allocatable[name] ?? 0) - (e.reqScalar.get(name) ?? 0)) return false;
  }
  return true;
}

/**
 * The filter chain's verdict without its explanation: true when the node is feasible. Allocates
 * nothing, so the scheduling loop can run it on hundreds of nodes per pod; `runFilters` words the
 * rejection for the few nodes whose reasons are kept (it reaches the same verdict).
 */
export function passesFilters(
  info: PodInfo,
  e: NodeEntry,
  spread: SpreadFilterState | null,
  interPod: InterPodFilterState | null,
): boolean {
  if (e.state.unschedulable && !info.toleratesUnschedulable) return false;
  const wantedName = info.pod.spec.nodeName;
  if (wantedName && wantedName !== e.name) return false;
  const taints = e.hardTaints;
  for (let i = 0; i < taints.length; i++) if (!tolerationsTolerateTaint(info.tolerations, taints[i])) return false;
  if (info.affinity !== null && !matchesRequiredAffinity(info.affinity, e.name, e.labels)) return false;
  const ports = info.ports;
  for (let i = 0; i < ports.length; i++) if (portConflicts(e.usedPorts, ports[i])) return false;
  if (!fits(info, e)) return false;
  if (spread !== null && spreadFilter(spread, e) !== null) return false;
  if (interPod !== null && interPodFilter(interPod, e) !== null) return false;
  return true;
}

/** Runs the filter chain on one node; null means the node is feasible, else the first rejection, worded. */
export function runFilters(
  info: PodInfo,
  e: NodeEntry,
  spread: SpreadFilterState | null,
  interPod: InterPodFilterState | null,
): NodeStatus | null {
  if (e.state.unschedulable && !info.toleratesUnschedulable) {
    return { plugin: 'NodeUnschedulable', unresolvable: true, reasons: [UNSCHEDULABLE_REASON] };
  }
  const wantedName = info.pod.spec.nodeName;
  if (wantedName && wantedName !== e.name) {
    return { plugin: 'NodeName', unresolvable: true, reasons: [NODE_NAME_REASON] };
  }
  for (const t of e.hardTaints) {
    if (!tolerationsTolerateTaint(info.tolerations, t)) {
      return { plugin: 'TaintToleration', unresolvable: true, reasons: [untoleratedTaintReason(t)] };
    }
  }
  if (info.affinity !== null && !matchesRequiredAffinity(info.affinity, e.name, e.labels)) {
    return { plugin: 'NodeAffinity', unresolvable: true, reasons: [AFFINITY_REASON] };
  }
  for (const p of info.ports) {
    if (portConflicts(e.usedPorts, p)) return { plugin: 'NodePorts', unresolvable: false, reasons: [PORTS_REASON] };
  }
  if (!fits(info, e)) {
    return { plugin: 'NodeResourcesFit', unresolvable: false, reasons: insufficientResources(info, e, usageOf(e)) };
  }
  if (spread !== null) {
    const s = spreadFilter(spread, e);
    if (s) return { plugin: 'PodTopologySpread', unresolvable: s.unresolvable, reasons: [s.reason] };
  }
  if (interPod !== null) {
    const s = interPodFilter(interPod, e);
    if (s) return { plugin: 'InterPodAffinity', unresolvable: s.unresolvable, reasons: [s.reason] };
  }
  return null;
}
