/**
 * The score plugins of the default profile as data: one list, in the profile's order
 * (default_plugins.go), that the totals and the per-node "Why here?" records both loop over.
 * Each plugin fills its own column with 0–100 scores for the cycle's feasible nodes (its
 * NormalizeScore included) in one tight pass, so no per-node call goes through the list.
 */
import { FLAG_PREFER_TAINTS, requestClass, type SchedulerCache } from './cache';
import { interPodRaw, interPodTopologyScore, normalizeInterPod } from './interPodAffinity';
import {
  balancedAllocationScore,
  defaultNormalize,
  imageLocalityScore,
  intolerablePreferNoSchedule,
  leastAllocatedScore,
  MAX_NODE_SCORE,
  preferredAffinityWeight,
} from './nodeScores';
import type { PodInfo } from './podInfo';
import { SpreadScorer } from './topologySpread';

/** What the plugins read in one cycle. */
export interface ScoreCycle {
  cache: SchedulerCache;
  info: PodInfo;
  /** The feasible nodes' indices in `cache.nodes`, in evaluation order (the first `count`). */
  nodeIndex: Int32Array;
  count: number;
  /**
   * The resource scores' memo key for this pod's request, set once the memo is up to date for the
   * feasible nodes (−1: not yet this cycle).
   */
  requestClass: number;
  /** PodTopologySpread's PreScore state, handed from cycle to cycle (null until a pod spreads). */
  spreadScorer: SpreadScorer | null;
}

export interface ScorePlugin {
  /** Upstream's plugin name: the key of its score in the record. */
  readonly name: string;
  /** The default profile's weight in the total. */
  readonly weight: number;
  /** False when its PreScore returns Skip for this pod: the plugin then has no column at all. */
  readonly active: (info: PodInfo) => boolean;
  /**
   * Writes feasible node i's normalised score into out[i], for i < cycle.count. Returns that score
   * when every node got the same one (the total then adds it once instead of per node), else VARIES.
   */
  readonly column: (cycle: ScoreCycle, out: Int32Array) => number;
}

/** What a column returns when its nodes' scores differ. */
export const VARIES = -1;

/** Fills the column with one score for every node, and says so. */
function uniform(out: Int32Array, count: number, score: number): number {
  out.fill(score, 0, count);
  return score;
}

/** TaintToleration: untolerated PreferNoSchedule taints, fewer is better. */
function taintTolerationColumn(c: ScoreCycle, out: Int32Array): number {
  const { cache, info, nodeIndex, count } = c;
  const flags = cache.arrays.flags;
  let anyTaint = false;
  for (let i = 0; i < count && !anyTaint; i++) anyTaint = (flags[nodeIndex[i]] & FLAG_PREFER_TAINTS) !== 0;
  // No PreferNoSchedule taint on any of them: every node gets the reverse-normalised 100.
  if (!anyTaint) return uniform(out, count, MAX_NODE_SCORE);
  let max = 0;
  for (let i = 0; i < count; i++) {
    const t = intolerablePreferNoSchedule(info, cache.nodes[nodeIndex[i]]);
    out[i] = t;
    if (t > max) max = t;
  }
  for (let i = 0; i < count; i++) out[i] = defaultNormalize(out[i], max, true);
  return VARIES;
}

/** NodeAffinity: the weights of the preferred terms the node matches. */
function nodeAffinityColumn(c: ScoreCycle, out: Int32Array): number {
  const { cache, info, nodeIndex, count } = c;
  let max = 0;
  for (let i = 0; i < count; i++) {
    const a = preferredAffinityWeight(info, cache.nodes[nodeIndex[i]]);
    out[i] = a;
    if (a > max) max = a;
  }
  if (max === 0) return uniform(out, count, 0);
  for (let i = 0; i < count; i++) out[i] = defaultNormalize(out[i], max, false);
  return VARIES;
}

/**
 * The resource scores come from the node's memo (`NodeArrays.fitFor`): they depend only on the
 * pod's request and the node's, so between two cycles only the node that got the pod is computed
 * again. The first of the two resource plugins to run brings the memo up to date for the feasible
 * nodes; the second only reads it. `memo` is the memo's column of the plugin asked for.
 */
function memoisedResourceColumn(c: ScoreCycle, out: Int32Array, memo: Int32Array): number {
  const { cache, info, nodeIndex, count } = c;
  if (c.requestClass >= 0) {
    for (let i = 0; i < count; i++) out[i] = memo[nodeIndex[i]];
    return VARIES;
  }
  const cls = requestClass(cache, info.req);
  const { fitFor, fitScore, balancedScore } = cache.arrays;
  for (let i = 0; i < count; i++) {
    const k = nodeIndex[i];
    if (fitFor[k] !== cls) {
      const e = cache.nodes[k];
      fitScore[k] = leastAllocatedScore(info, e);
      balancedScore[k] = balancedAllocationScore(info, e);
      fitFor[k] = cls;
    }
    out[i] = memo[k];
  }
  c.requestClass = cls;
  return VARIES;
}

function nodeResourcesFitColumn(c: ScoreCycle, out: Int32Array): number {
  return memoisedResourceColumn(c, out, c.cache.arrays.fitScore);
}

function balancedAllocationColumn(c: ScoreCycle, out: Int32Array): number {
  return memoisedResourceColumn(c, out, c.cache.arrays.balancedScore);
}

function podTopologySpreadColumn(c: ScoreCycle, out: Int32Array): number {
  const scorer = c.spreadScorer ?? (c.spreadScorer = new SpreadScorer(c.cache));
  scorer.prepare(c.cache, c.info, c.nodeIndex, c.count);
  scorer.score(c.nodeIndex, c.count, out);
  return VARIES;
}

function interPodAffinityColumn(c: ScoreCycle, out: Int32Array): number {
  const { cache, info, nodeIndex, count } = c;
  const score = interPodTopologyScore(cache, { namespace: info.pod.namespace, labels: info.pod.labels, affinity: info.podAffinity });
  // No term matches anywhere (the common case): every node gets 0.
  if (score === null) return uniform(out, count, 0);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const p = interPodRaw(score, cache.nodes[nodeIndex[i]]);
    out[i] = p;
    if (p < min) min = p;
    if (p > max) max = p;
  }
  if (max === min) return uniform(out, count, 0);
  for (let i = 0; i < count; i++) out[i] = normalizeInterPod(out[i], min, max);
  return VARIES;
}

function imageLocalityColumn(c: ScoreCycle, out: Int32Array): number {
  const { cache, info, nodeIndex, count } = c;
  let anyImage = false;
  for (const image of info.images) if (cache.images.has(image)) anyImage = true;
  // No node has any of the pod's images: every node scores the same, computed once.
  if (!anyImage) return uniform(out, count, imageLocalityScore(cache, info, cache.nodes[nodeIndex[0]]));
  for (let i = 0; i < count; i++) out[i] = imageLocalityScore(cache, info, cache.nodes[nodeIndex[i]]);
  return VARIES;
}

const always = (): boolean => true;

export const SCORE_PLUGINS: readonly ScorePlugin[] = [
  { name: 'TaintToleration', weight: 3, active: always, column: taintTolerationColumn },
  { name: 'NodeAffinity', weight: 2, active: (info) => info.preferred.length > 0, column: nodeAffinityColumn },
  { name: 'NodeResourcesFit', weight: 1, active: always, column: nodeResourcesFitColumn },
  // Skipped without soft constraints: no constraint of its own and no controller or Service to spread by.
  { name: 'PodTopologySpread', weight: 2, active: (info) => info.soft.length > 0, column: podTopologySpreadColumn },
  // Its PreScore only skips with IgnorePreferredTermsOfExistingPods, which the default profile leaves off.
  { name: 'InterPodAffinity', weight: 2, active: always, column: interPodAffinityColumn },
  // PR #130260: BalancedAllocation's PreScore skips pods that request no cpu and no memory.
  {
    name: 'NodeResourcesBalancedAllocation',
    weight: 1,
    active: (info) => info.req.cpu !== 0 || info.req.memory !== 0,
    column: balancedAllocationColumn,
  },
  { name: 'ImageLocality', weight: 1, active: always, column: imageLocalityColumn },
];

/** Plugin name → weight, in the profile's order. */
export const SCORE_WEIGHTS: readonly (readonly [string, number])[] = SCORE_PLUGINS.map((p) => [p.name, p.weight] as const);
