/**
 * Score plugins of the default profile. Each plugin yields 0–100 per feasible node after its own
 * NormalizeScore; a plugin whose PreScore returns Skip for this pod has no column at all. The
 * plugins run in one fused pass over the nodes (raw scores), then a second pass normalises and
 * sums Σ weight × score — the arithmetic is upstream's, only the loop order differs.
 */
import type { NodeEntry, SchedulerCache } from './cache';
import type { PodInfo } from './podInfo';
import { idiv } from './resources';
import { matchesNodeSelectorTerm } from './selectors';
import { interPodRaw, interPodTopologyScore, normalizeInterPod } from './interPodAffinity';
import { normalizeSpread, prepareSpread } from './topologySpread';
import { tolerationsTolerateTaint } from './tolerations';

export const MAX_NODE_SCORE = 100;

/** Plugin name → weight, in the default profile's order (default_plugins.go). */
export const SCORE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['TaintToleration', 3],
  ['NodeAffinity', 2],
  ['NodeResourcesFit', 1],
  ['PodTopologySpread', 2],
  ['InterPodAffinity', 2],
  ['NodeResourcesBalancedAllocation', 1],
  ['ImageLocality', 1],
];

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

/** One plugin's normalised scores for the feasible nodes of this cycle (buffer reused across cycles). */
export interface PluginColumn {
  name: string;
  weight: number;
  scores: Int32Array;
}

export interface ScoreTable {
  columns: PluginColumn[];
  totals: Float64Array;
}

/** Scratch buffers kept between cycles so scoring 500 nodes allocates (almost) nothing. */
export interface ScoreBuffers {
  /** The cycle's feasible nodes, in evaluation order. */
  feasible: NodeEntry[];
  size: number;
  taint: Int32Array;
  affinity: Int32Array;
  fit: Int32Array;
  spread: Int32Array;
  interPod: Int32Array;
  balanced: Int32Array;
  image: Int32Array;
  totals: Float64Array;
}

export function newScoreBuffers(): ScoreBuffers {
  const z = new Int32Array(0);
  return { feasible: [], size: 0, taint: z, affinity: z, fit: z, spread: z, interPod: z, balanced: z, image: z, totals: new Float64Array(0) };
}

function ensure(b: ScoreBuffers, count: number): void {
  if (b.size >= count) return;
  const size = Math.max(count, b.size * 2, 16);
  b.size = size;
  b.taint = new Int32Array(size);
  b.affinity = new Int32Array(size);
  b.fit = new Int32Array(size);
  b.spread = new Int32Array(size);
  b.interPod = new Int32Array(size);
  b.balanced = new Int32Array(size);
  b.image = new Int32Array(size);
  b.totals = new Float64Array(size);
}

/** Runs every score plugin on the first `count` feasible nodes. */
export function scoreNodes(
  cache: SchedulerCache,
  info: PodInfo,
  feasible: readonly NodeEntry[],
  count: number,
  b: ScoreBuffers,
): ScoreTable {
  ensure(b, count);
  // PreScore: which plugins run for this pod.
  let taintActive = false;
  for (let i = 0; i < count && !taintActive; i++) taintActive = feasible[i].preferTaints.length > 0;
  const affinityActive = info.preferred.length > 0;
  const spread = prepareSpread(cache, info, feasible, count);
  // InterPodAffinity always scores (its PreScore only skips with IgnorePreferredTermsOfExistingPods);
  // with no matching terms anywhere every node gets 0.
  const interPod = interPodTopologyScore(cache, { namespace: info.pod.namespace, labels: info.pod.labels, affinity: info.podAffinity });
  // PR #130260: BalancedAllocation's PreScore skips pods that request no cpu and no memory.
  const balancedActive = info.req.cpu !== 0 || info.req.memory !== 0;
  // Without image data every node scores the same: compute it once.
  const sameImageScore = cache.images.size === 0 ? imageLocalityScore(cache, info, feasible[0]) : -1;

  // Pass 1: raw scores.
  const { taint, affinity, fit, spread: spreadCol, interPod: interCol, balanced, image, totals } = b;
  let taintMax = 0;
  let affinityMax = 0;
  let spreadMin = Infinity;
  let spreadMax = 0;
  let interMin = Infinity;
  let interMax = -Infinity;
  for (let i = 0; i < count; i++) {
    const e = feasible[i];
    if (taintActive) {
      const t = intolerablePreferNoSchedule(info, e);
      taint[i] = t;
      if (t > taintMax) taintMax = t;
    }
    if (affinityActive) {
      const a = preferredAffinityWeight(info, e);
      affinity[i] = a;
      if (a > affinityMax) affinityMax = a;
    }
    fit[i] = leastAllocatedScore(info, e);
    if (spread !== null) {
      const s = spread.raw(e, i);
      spreadCol[i] = s;
      if (s >= 0 && s < spreadMin) spreadMin = s;
      if (s > spreadMax) spreadMax = s;
    }
    if (interPod !== null) {
      const p = interPodRaw(interPod, e);
      interCol[i] = p;
      if (p < interMin) interMin = p;
      if (p > interMax) interMax = p;
    } else interCol[i] = 0;
    if (balancedActive) balanced[i] = balancedAllocationScore(info, e);
    image[i] = sameImageScore >= 0 ? sameImageScore : imageLocalityScore(cache, info, e);
  }

  // Pass 2: NormalizeScore, then Σ weight × score.
  for (let i = 0; i < count; i++) {
    // No PreferNoSchedule taint anywhere: every node gets the reverse-normalised 100.
    const t = taintActive ? defaultNormalize(taint[i], taintMax, true) : MAX_NODE_SCORE;
    taint[i] = t;
    let total = 3 * t + fit[i] + image[i];
    if (affinityActive) {
      affinity[i] = defaultNormalize(affinity[i], affinityMax, false);
      total += 2 * affinity[i];
    }
    if (spread !== null) {
      spreadCol[i] = normalizeSpread(spreadCol[i], spreadMin, spreadMax);
      total += 2 * spreadCol[i];
    }
    if (interPod !== null) {
      interCol[i] = normalizeInterPod(interCol[i], interMin, interMax);
      total += 2 * interCol[i];
    }
    if (balancedActive) total += balanced[i];
    totals[i] = total;
  }

  const columns: PluginColumn[] = [{ name: 'TaintToleration', weight: 3, scores: b.taint }];
  if (affinityActive) columns.push({ name: 'NodeAffinity', weight: 2, scores: b.affinity });
  columns.push({ name: 'NodeResourcesFit', weight: 1, scores: b.fit });
  if (spread !== null) columns.push({ name: 'PodTopologySpread', weight: 2, scores: b.spread });
  columns.push({ name: 'InterPodAffinity', weight: 2, scores: b.interPod });
  if (balancedActive) columns.push({ name: 'NodeResourcesBalancedAllocation', weight: 1, scores: b.balanced });
  columns.push({ name: 'ImageLocality', weight: 1, scores: b.image });
  return { columns, totals: b.totals };
}
