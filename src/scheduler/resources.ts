/**
 * Pod resource requests as kube-scheduler computes them (component-helpers resource.PodRequests):
 * containers run together, so their requests add up; init containers run one at a time, so each
 * resource is the max of that sum and any single init container.
 */
import type { Container, PodSpec, ResourceList } from '../model/k8s';

/** pkg/scheduler/util/pod_resources.go: what a container without a CPU request counts as when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** pkg/scheduler/util/pod_resources.go: 200 MiB for a container without a memory request. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const EPHEMERAL_STORAGE = 'ephemeral-storage';

/** Everything NodeResourcesFit and the resource scorers need from a pod, computed once. */
export interface PodResourceRequest {
  /** Real requests (millicores / bytes): the Fit filter and BalancedAllocation use these. */
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources, hugepages…: name → amount, only names the pod asks for. */
  scalar: [string, number][];
  /** Requests with 100m / 200Mi for containers that set none: LeastAllocated uses these. */
  nonZeroCpu: number;
  nonZeroMemory: number;
}

function isScalarName(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== EPHEMERAL_STORAGE && name !== 'pods';
}

function addList(into: Map<string, number>, list: ResourceList): void {
  for (const [name, value] of Object.entries(list)) {
    if (value === undefined) continue;
    into.set(name, (into.get(name) ?? 0) + value);
  }
}

function maxList(into: Map<string, number>, list: ResourceList): void {
  for (const [name, value] of Object.entries(list)) {
    if (value === undefined) continue;
    into.set(name, Math.max(into.get(name) ?? 0, value));
  }
}

function requestsOf(c: Container): ResourceList {
  return c.resources?.requests ?? {};
}

/** NonMissingContainerRequests: a *missing* request becomes the default; an explicit 0 stays 0. */
function nonZero(list: ResourceList, name: 'cpu' | 'memory'): number {
  const v = list[name];
  if (v !== undefined) return v;
  return name === 'cpu' ? DEFAULT_MILLI_CPU_REQUEST : DEFAULT_MEMORY_REQUEST;
}

export function computePodRequest(spec: PodSpec): PodResourceRequest {
  const sum = new Map<string, number>();
  let nzCpu = 0;
  let nzMem = 0;
  for (const c of spec.containers) {
    const r = requestsOf(c);
    addList(sum, r);
    nzCpu += nonZero(r, 'cpu');
    nzMem += nonZero(r, 'memory');
  }
  for (const c of spec.initContainers ?? []) {
    const r = requestsOf(c);
    maxList(sum, r);
    nzCpu = Math.max(nzCpu, nonZero(r, 'cpu'));
    nzMem = Math.max(nzMem, nonZero(r, 'memory'));
  }
  const scalar: [string, number][] = [];
  for (const [name, value] of sum) if (isScalarName(name) && value > 0) scalar.push([name, value]);
  // Go iterates a map here (random order); sorting keeps the reasons deterministic.
  scalar.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    cpu: sum.get('cpu') ?? 0,
    memory: sum.get('memory') ?? 0,
    ephemeralStorage: sum.get(EPHEMERAL_STORAGE) ?? 0,
    scalar,
    nonZeroCpu: nzCpu,
    nonZeroMemory: nzMem,
  };
}

/** Effective requests (millicores / bytes) without the scoring defaults: what PodState.requests holds. */
export function podRequests(spec: PodSpec): { cpu: number; memory: number } {
  const r = computePodRequest(spec);
  return { cpu: r.cpu, memory: r.memory };
}

/** True for a pod that requests nothing at all (BestEffort as far as the Fit filter is concerned). */
export function requestsNothing(r: PodResourceRequest): boolean {
  return r.cpu === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar.length === 0;
}

/**
 * Go's int64 division for non-negative operands. For a < 2^53 the float quotient can never round
 * up across an integer (that would need b·q ≥ 2^53), so flooring it is exact.
 */
export function idiv(a: number, b: number): number {
  return Math.floor(a / b);
}
