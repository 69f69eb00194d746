/**
 * Score: every active plugin of SCORE_PLUGINS fills its column for the cycle's feasible nodes
 * (a plugin whose PreScore returns Skip for this pod has no column at all), then each node's total
 * is Σ weight × score over the columns — the arithmetic is upstream's, only the loop order differs.
 */
import type { SchedulerCache } from './cache';
import type { PodInfo } from './podInfo';
import { SCORE_PLUGINS, VARIES, type ScoreCycle } from './scorePlugins';
import type { SpreadScorer } from './topologySpread';

/** The cycle's scores: per plugin of SCORE_PLUGINS (same order) its column, null when it was skipped. */
export interface ScoreTable {
  columns: readonly (Int32Array | null)[];
  totals: Float64Array;
}

/** Buffers kept between cycles so scoring 500 nodes allocates (almost) nothing; contents mean nothing between cycles. */
export interface ScoreBuffers {
  size: number;
  /** One column per plugin of SCORE_PLUGINS. */
  columns: Int32Array[];
  /** This cycle's columns: `columns[j]`, or null for a skipped plugin. */
  active: (Int32Array | null)[];
  /** This cycle's plugins whose nodes' scores differ (positions in SCORE_PLUGINS; the first entries). */
  varying: number[];
  totals: Float64Array;
  spreadScorer: SpreadScorer | null;
}

export function newScoreBuffers(): ScoreBuffers {
  return { size: 0, columns: [], active: [], varying: [], totals: new Float64Array(0), spreadScorer: null };
}

/** Room for `count` nodes in every buffer (contents are lost when they grow). */
function ensureRoom(b: ScoreBuffers, count: number): void {
  if (b.size >= count) return;
  const size = Math.max(count, b.size * 2, 16);
  b.size = size;
  b.columns = SCORE_PLUGINS.map(() => new Int32Array(size));
  b.totals = new Float64Array(size);
}

/**
 * Scores the first `count` feasible nodes, whose indices in `cache.nodes` the filter loop wrote
 * into `nodeIndex`. Each plugin is one tight pass over the nodes into its typed column, and each
 * weighted column whose scores differ one pass into the totals: nothing is allocated per node.
 */
export function scoreNodes(cache: SchedulerCache, info: PodInfo, nodeIndex: Int32Array, count: number, b: ScoreBuffers): ScoreTable {
  ensureRoom(b, count);
  const cycle: ScoreCycle = { cache, info, nodeIndex, count, requestClass: -1, spreadScorer: b.spreadScorer };
  const { columns, active, varying, totals } = b;
  // Σ weight × score of the plugins that gave every node the same score.
  let base = 0;
  let numVarying = 0;
  for (let j = 0; j < SCORE_PLUGINS.length; j++) {
    const plugin = SCORE_PLUGINS[j];
    if (!plugin.active(info)) {
      active[j] = null;
      continue;
    }
    const scores = columns[j];
    const same = plugin.column(cycle, scores);
    active[j] = scores;
    if (same === VARIES) varying[numVarying++] = j;
    else base += plugin.weight * same;
  }
  b.spreadScorer = cycle.spreadScorer;
  sumTotals(totals, base, count, columns, varying, numVarying);
  return { columns: active, totals };
}

/**
 * totals[i] = base + Σ weight × score over the varying columns, added two columns a pass: a pass
 * over the totals costs about what its arithmetic does, so half the passes keep scoring as fast as
 * one hand-fused loop. The sums are of integers, exact in any order.
 */
function sumTotals(totals: Float64Array, base: number, count: number, columns: Int32Array[], varying: number[], numVarying: number): void {
  totals.fill(base, 0, count);
  let v = 0;
  for (; v + 1 < numVarying; v += 2) {
    const a = columns[varying[v]];
    const b = columns[varying[v + 1]];
    const wa = SCORE_PLUGINS[varying[v]].weight;
    const wb = SCORE_PLUGINS[varying[v + 1]].weight;
    for (let i = 0; i < count; i++) totals[i] += wa * a[i] + wb * b[i];
  }
  if (v < numVarying) {
    const a = columns[varying[v]];
    const wa = SCORE_PLUGINS[varying[v]].weight;
    for (let i = 0; i < count; i++) totals[i] += wa * a[i];
  }
}
