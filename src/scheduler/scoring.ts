/**
 * Score plugins of the default profile. Each plugin yields 0–100 per feasible node after its own
 * NormalizeScore; a plugin whose PreScore returns Skip for this pod has no column at all. The
 * plugins run in one fused pass over the nodes (raw scores), then a second pass normalises and
 * sums Σ weight × score — the arithmetic is upstream's, only the loop order differs.
 */
import type { PluginScores } from '../model/cluster';
import { FLAG_PREFER_TAINTS, requestClass, type NodeEntry, type SchedulerCache } from './cache';
import type { PodInfo } from './podInfo';
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
import { normalizeSpread, prepareSpread, type SpreadScorer } from './topologySpread';

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

/** One plugin's normalised scores for the feasible nodes of this cycle (buffer reused across cycles). */
export interface PluginColumn {
  name: string;
  weight: number;
  scores: Int32Array;
}

export interface ScoreTable {
  columns: PluginColumn[];
  totals: Float64Array;
  /** Which optional plugins scored (bits: 1 NodeAffinity, 2 PodTopologySpread, 4 BalancedAllocation). */
  key: number;
}

/** Widest raw-score range of a cycle normalised through a table (wider ones divide per node). */
const SPREAD_TABLE_LIMIT = 4096;

/** Scratch buffers kept between cycles so scoring 500 nodes allocates (almost) nothing. */
export interface ScoreBuffers {
  /** The cycle's rejected nodes, in evaluation order (only the first entries are this cycle's). */
  rejectedNodes: NodeEntry[];
  size: number;
  /** The cycle's feasible nodes, in evaluation order: their indices in the cache's node list. */
  nodeIndex: Int32Array;
  taint: Int32Array;
  affinity: Int32Array;
  fit: Int32Array;
  spread: Int32Array;
  /** Spreading's running sums before rounding, and its normalisation table. */
  spreadSum: Float64Array;
  spreadNorm: Int32Array;
  interPod: Int32Array;
  balanced: Int32Array;
  image: Int32Array;
  totals: Float64Array;
  /** The column lists over these buffers, by which optional plugins run (see `columnsFor`). */
  columnSets: (PluginColumn[] | undefined)[];
  /** PodTopologySpread's PreScore state, reused cycle after cycle. */
  spreadScorer: SpreadScorer | null;
}

export function newScoreBuffers(): ScoreBuffers {
  const z = new Int32Array(0);
  return {
    rejectedNodes: [],
    size: 0,
    nodeIndex: z,
    taint: z,
    affinity: z,
    fit: z,
    spread: z,
    spreadSum: new Float64Array(0),
    spreadNorm: new Int32Array(64),
    interPod: z,
    balanced: z,
    image: z,
    totals: new Float64Array(0),
    columnSets: [],
    spreadScorer: null,
  };
}

/** Room for `count` nodes in every buffer (contents are lost when they grow). */
export function ensureScoreBuffers(b: ScoreBuffers, count: number): void {
  if (b.size >= count) return;
  const size = Math.max(count, b.size * 2, 16);
  b.size = size;
  b.nodeIndex = new Int32Array(size);
  b.taint = new Int32Array(size);
  b.affinity = new Int32Array(size);
  b.fit = new Int32Array(size);
  b.spread = new Int32Array(size);
  b.spreadSum = new Float64Array(size);
  b.interPod = new Int32Array(size);
  b.balanced = new Int32Array(size);
  b.image = new Int32Array(size);
  b.totals = new Float64Array(size);
  b.columnSets = [];
}

/** ScoreTable.key for a cycle. */
function tableKey(affinityActive: boolean, spreadActive: boolean, balancedActive: boolean): number {
  return (affinityActive ? 1 : 0) | (spreadActive ? 2 : 0) | (balancedActive ? 4 : 0);
}

/**
 * Node i's per-plugin scores as `PluginScores.plugins` lists them (profile order). One object
 * literal per plugin combination, so every record of a combination shares one shape.
 */
export function pluginScoresAt(table: ScoreTable, i: number): Record<string, number> {
  const c = table.columns;
  const TaintToleration = c[0].scores[i];
  switch (table.key) {
    case 0:
      return { TaintToleration, NodeResourcesFit: c[1].scores[i], InterPodAffinity: c[2].scores[i], ImageLocality: c[3].scores[i] };
    case 1:
      return { TaintToleration, NodeAffinity: c[1].scores[i], NodeResourcesFit: c[2].scores[i], InterPodAffinity: c[3].scores[i], ImageLocality: c[4].scores[i] };
    case 2:
      return { TaintToleration, NodeResourcesFit: c[1].scores[i], PodTopologySpread: c[2].scores[i], InterPodAffinity: c[3].scores[i], ImageLocality: c[4].scores[i] };
    case 3:
      return {
        TaintToleration,
        NodeAffinity: c[1].scores[i],
        NodeResourcesFit: c[2].scores[i],
        PodTopologySpread: c[3].scores[i],
        InterPodAffinity: c[4].scores[i],
        ImageLocality: c[5].scores[i],
      };
    case 4:
      return {
        TaintToleration,
        NodeResourcesFit: c[1].scores[i],
        InterPodAffinity: c[2].scores[i],
        NodeResourcesBalancedAllocation: c[3].scores[i],
        ImageLocality: c[4].scores[i],
      };
    case 5:
      return {
        TaintToleration,
        NodeAffinity: c[1].scores[i],
        NodeResourcesFit: c[2].scores[i],
        InterPodAffinity: c[3].scores[i],
        NodeResourcesBalancedAllocation: c[4].scores[i],
        ImageLocality: c[5].scores[i],
      };
    case 6:
      return {
        TaintToleration,
        NodeResourcesFit: c[1].scores[i],
        PodTopologySpread: c[2].scores[i],
        InterPodAffinity: c[3].scores[i],
        NodeResourcesBalancedAllocation: c[4].scores[i],
        ImageLocality: c[5].scores[i],
      };
    default:
      return {
        TaintToleration,
        NodeAffinity: c[1].scores[i],
        NodeResourcesFit: c[2].scores[i],
        PodTopologySpread: c[3].scores[i],
        InterPodAffinity: c[4].scores[i],
        NodeResourcesBalancedAllocation: c[5].scores[i],
        ImageLocality: c[6].scores[i],
      };
  }
}

/**
 * Score records are plain read-only data and most are repeats (nodes in the same state score the
 * same): records are shared, frozen, keyed by the plugin combination and the 0–100 scores packed
 * 7 bits each (at most 3 + 7 × 7 = 52 bits, exact in a double). Bounded: cleared when full.
 */
const sharedRecords = new Map<number, PluginScores>();
const MAX_SHARED_RECORDS = 1 << 16;

/** Node i's score record ({ total, plugins }). */
export function scoreRecordAt(table: ScoreTable, i: number): PluginScores {
  const c = table.columns;
  let key = table.key;
  for (let j = 0; j < c.length; j++) {
    const v = c[j].scores[i];
    if (v < 0 || v > 127) return { total: table.totals[i], plugins: pluginScoresAt(table, i) };
    key = key * 128 + v;
  }
  let record = sharedRecords.get(key);
  if (record === undefined) {
    if (sharedRecords.size >= MAX_SHARED_RECORDS) sharedRecords.clear();
    record = Object.freeze({ total: table.totals[i], plugins: Object.freeze(pluginScoresAt(table, i)) });
    sharedRecords.set(key, record);
  }
  return record;
}

/** The plugins that score this cycle, in profile order (the arrays are the reused buffers). */
function columnsFor(b: ScoreBuffers, affinityActive: boolean, spreadActive: boolean, balancedActive: boolean): PluginColumn[] {
  const key = tableKey(affinityActive, spreadActive, balancedActive);
  let columns = b.columnSets[key];
  if (columns === undefined) {
    columns = [{ name: 'TaintToleration', weight: 3, scores: b.taint }];
    if (affinityActive) columns.push({ name: 'NodeAffinity', weight: 2, scores: b.affinity });
    columns.push({ name: 'NodeResourcesFit', weight: 1, scores: b.fit });
    if (spreadActive) columns.push({ name: 'PodTopologySpread', weight: 2, scores: b.spread });
    columns.push({ name: 'InterPodAffinity', weight: 2, scores: b.interPod });
    if (balancedActive) columns.push({ name: 'NodeResourcesBalancedAllocation', weight: 1, scores: b.balanced });
    columns.push({ name: 'ImageLocality', weight: 1, scores: b.image });
    b.columnSets[key] = columns;
  }
  return columns;
}

/**
 * Runs every score plugin on the first `count` feasible nodes; `b.nodeIndex` holds their indices
 * (the filter loop wrote them, see ensureScoreBuffers). Each plugin is one tight pass over the nodes
 * into its typed column (nothing is allocated per node); the resource scores come from the node's
 * memo when it was last computed for the same request.
 */
export function scoreNodes(cache: SchedulerCache, info: PodInfo, count: number, b: ScoreBuffers): ScoreTable {
  const nodes = cache.nodes;
  // PreScore: which plugins run for this pod.
  const { nodeIndex } = b;
  const flags = cache.arrays.flags;
  let anyFlags = 0;
  for (let i = 0; i < count; i++) anyFlags |= flags[nodeIndex[i]];
  const taintActive = (anyFlags & FLAG_PREFER_TAINTS) !== 0;
  const affinityActive = info.preferred.length > 0;
  const spread = prepareSpread(cache, info, nodeIndex, count, b.spreadScorer);
  if (spread !== null) b.spreadScorer = spread;
  // InterPodAffinity always scores (its PreScore only skips with IgnorePreferredTermsOfExistingPods);
  // with no matching terms anywhere every node gets 0.
  const interPod = interPodTopologyScore(cache, { namespace: info.pod.namespace, labels: info.pod.labels, affinity: info.podAffinity });
  // PR #130260: BalancedAllocation's PreScore skips pods that request no cpu and no memory.
  const balancedActive = info.req.cpu !== 0 || info.req.memory !== 0;
  // When no node has any of the pod's images every node scores the same: compute it once.
  let anyImage = false;
  for (const image of info.images) if (cache.images.has(image)) anyImage = true;
  const sameImageScore = anyImage ? -1 : imageLocalityScore(cache, info, nodes[nodeIndex[0]]);

  // Pass 1: raw scores, plugin by plugin.
  const { taint, affinity, fit, spread: spreadCol, interPod: interCol, balanced, image, totals } = b;
  let taintMax = 0;
  if (taintActive) {
    for (let i = 0; i < count; i++) {
      const t = intolerablePreferNoSchedule(info, nodes[nodeIndex[i]]);
      taint[i] = t;
      if (t > taintMax) taintMax = t;
    }
  }
  let affinityMax = 0;
  if (affinityActive) {
    for (let i = 0; i < count; i++) {
      const a = preferredAffinityWeight(info, nodes[nodeIndex[i]]);
      affinity[i] = a;
      if (a > affinityMax) affinityMax = a;
    }
  }
  let spreadMin = Infinity;
  let spreadMax = 0;
  // normalizeSpread over [spreadMin, spreadMax] as a table: the raw scores of a cycle span a few
  // dozen values, so a handful of divisions instead of one per node.
  let spreadNorm: Int32Array | null = null;
  let spreadBase = 0;
  if (spread !== null) {
    spread.fill(nodeIndex, count, spreadCol, b.spreadSum);
    spreadMin = spread.rawMin;
    spreadMax = spread.rawMax;
    if (spreadMin !== Infinity && spreadMax - spreadMin < SPREAD_TABLE_LIMIT) {
      spreadBase = spreadMin | 0;
      const size = spreadMax - spreadBase + 1;
      if (b.spreadNorm.length < size) b.spreadNorm = new Int32Array(Math.max(size, 2 * b.spreadNorm.length));
      spreadNorm = b.spreadNorm;
      for (let r = 0; r < size; r++) spreadNorm[r] = normalizeSpread(spreadBase + r, spreadMin, spreadMax);
    }
  }
  let interMin = Infinity;
  let interMax = -Infinity;
  if (interPod !== null) {
    for (let i = 0; i < count; i++) {
      const p = interPodRaw(interPod, nodes[nodeIndex[i]]);
      interCol[i] = p;
      if (p < interMin) interMin = p;
      if (p > interMax) interMax = p;
    }
  } else interCol.fill(0, 0, count);
  if (sameImageScore >= 0) image.fill(sameImageScore, 0, count);
  else for (let i = 0; i < count; i++) image[i] = imageLocalityScore(cache, info, nodes[nodeIndex[i]]);

  // Pass 2: the resource scores (memoised per node and request), NormalizeScore, Σ weight × score.
  const cls = requestClass(cache, info.req);
  const { fitFor, fitScore, balancedScore } = cache.arrays;
  for (let i = 0; i < count; i++) {
    const k = nodeIndex[i];
    if (fitFor[k] !== cls) {
      const e = nodes[k];
      fitScore[k] = leastAllocatedScore(info, e);
      balancedScore[k] = balancedAllocationScore(info, e);
      fitFor[k] = cls;
    }
    const f = fitScore[k];
    fit[i] = f;
    const bal = balancedScore[k];
    balanced[i] = bal;
    // No PreferNoSchedule taint anywhere: every node gets the reverse-normalised 100.
    const t = taintActive ? defaultNormalize(taint[i], taintMax, true) : MAX_NODE_SCORE;
    taint[i] = t;
    let total = 3 * t + f + image[i];
    if (affinityActive) {
      const a = defaultNormalize(affinity[i], affinityMax, false);
      affinity[i] = a;
      total += 2 * a;
    }
    if (spread !== null) {
      const raw = spreadCol[i];
      const s = raw < 0 ? 0 : spreadNorm !== null ? spreadNorm[raw - spreadBase] : normalizeSpread(raw, spreadMin, spreadMax);
      spreadCol[i] = s;
      total += 2 * s;
    }
    if (interPod !== null) {
      const p = normalizeInterPod(interCol[i], interMin, interMax);
      interCol[i] = p;
      total += 2 * p;
    }
    if (balancedActive) total += bal;
    totals[i] = total;
  }

  return {
    columns: columnsFor(b, affinityActive, spread !== null, balancedActive),
    totals,
    key: tableKey(affinityActive, spread !== null, balancedActive),
  };
}
