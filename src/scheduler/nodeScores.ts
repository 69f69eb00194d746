/**
 * The per-node formulas of the score plugins that look at one node at a time (TaintToleration,
 * NodeAffinity, NodeResourcesFit, NodeResourcesBalancedAllocation, ImageLocality), with upstream's
 * integer arithmetic, and helper.DefaultNormalizeScore.
 */
import type { NodeEntry, SchedulerCache } from './cache';
import type { PodInfo } from './podInfo';
import { idiv } from './resources';
import { matchesNodeSelectorTerm } from './selectors';
import { tolerationsTolerateTaint } from './tolerations';

export const MAX_NODE_SCORE = 100;

/** helper.DefaultNormalizeScore for one value: 100·s/max (reverse: 100 − that); max 0 → 0 (reverse: 100). */
export function defaultNormalize(score: number, max: number, reverse: boolean): number {
  if (max === 0) return reverse ? MAX_NODE_SCORE : 0;
  const v = idiv(MAX_NODE_SCORE * score, max);
  return reverse ? MAX_NODE_SCORE - v : v;
}

/** TaintToleration raw score: untolerated PreferNoSchedule taints (fewer is better). */
export function intolerablePreferNoSchedule(info: PodInfo, e: NodeEntry): number {
  let n = 0;
  for (const t of e.preferTaints) if (!tolerationsTolerateTaint(info.preferTolerations, t)) n++;
  return n;
}

/** NodeAffinity raw score: sum of the weights of the preferred terms the node matches. */
export function preferredAffinityWeight(info: PodInfo, e: NodeEntry): number {
  let sum = 0;
  for (const p of info.preferred) if (matchesNodeSelectorTerm(p.term, e.name, e.labels)) sum += p.weight;
  return sum;
}

/** least_allocated.go leastRequestedScore. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return idiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/**
 * NodeResourcesFit, LeastAllocated strategy with cpu:1 memory:1: requests counted with the
 * 100m / 200Mi defaults, the incoming pod included; resources with 0 allocatable are skipped.
 */
export function leastAllocatedScore(info: PodInfo, e: NodeEntry): number {
  let sum = 0;
  let weights = 0;
  if (e.allocCpu !== 0) {
    sum += leastRequestedScore(e.nonZeroCpu + info.req.nonZeroCpu, e.allocCpu);
    weights++;
  }
  if (e.allocMemory !== 0) {
    sum += leastRequestedScore(e.nonZeroMemory + info.req.nonZeroMemory, e.allocMemory);
    weights++;
  }
  return weights === 0 ? 0 : idiv(sum, weights);
}

/**
 * NodeResourcesBalancedAllocation: 100 × (1 − std of the cpu and memory fractions), real requests.
 * For two resources std = |f_cpu − f_mem| / 2; fractions are capped at 1.
 */
export function balancedAllocationScore(info: PodInfo, e: NodeEntry): number {
  if (e.allocCpu === 0 || e.allocMemory === 0) return MAX_NODE_SCORE; // one fraction: std 0
  const fCpu = Math.min(1, (e.reqCpu + info.req.cpu) / e.allocCpu);
  const fMem = Math.min(1, (e.reqMemory + info.req.memory) / e.allocMemory);
  const std = Math.abs((fCpu - fMem) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const MB = 1024 * 1024;
const MIN_IMAGE_THRESHOLD = 23 * MB;
const MAX_CONTAINER_IMAGE_THRESHOLD = 1000 * MB;

/** ImageLocality: sizes of the pod's images already on the node, scaled by how widely they are spread. */
export function imageLocalityScore(cache: SchedulerCache, info: PodInfo, e: NodeEntry): number {
  let sum = 0;
  for (const image of info.images) {
    if (!e.imageNames.has(image)) continue;
    const s = cache.images.get(image)!;
    sum += Math.trunc(s.size * (s.numNodes / cache.nodes.length));
  }
  const maxThreshold = MAX_CONTAINER_IMAGE_THRESHOLD * info.images.length;
  const clamped = Math.min(Math.max(sum, MIN_IMAGE_THRESHOLD), maxThreshold);
  return idiv(MAX_NODE_SCORE * (clamped - MIN_IMAGE_THRESHOLD), maxThreshold - MIN_IMAGE_THRESHOLD);
}
