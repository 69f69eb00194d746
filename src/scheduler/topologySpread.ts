/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): the DoNotSchedule filter
 * (filtering.go) and the ScheduleAnyway / system-default score (scoring.go).
 */
import type { Labels } from '../model/k8s';
import { domainIndex, FLAG_HOSTNAME, nodesWithKey, type NodeEntry, type SchedulerCache } from './cache';
import type { PodInfo } from './podInfo';
import { countByDomain, countOnNode, HOSTNAME_KEY, matchingSets, perNodeCounts, trackKey } from './podIndex';
import { idiv } from './resources';
import { matchesRequiredAffinity } from './selectors';
import type { SpreadConstraint } from './spreadConstraints';

export const SPREAD_REASON = "node(s) didn't match pod topology spread constraints";
export const SPREAD_MISSING_LABEL_REASON = SPREAD_REASON + ' (missing required label)';

function hasKey(e: NodeEntry, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(e.labels, key);
}

function hasAllKeys(e: NodeEntry, cs: readonly SpreadConstraint[]): boolean {
  for (const c of cs) if (!hasKey(e, c.topologyKey)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Filter

interface HardConstraintState {
  c: SpreadConstraint;
  /** topology value → matching pods (only eligible nodes contribute). */
  pairCounts: Map<string, number>;
  /** Global minimum with minDomains applied. */
  minMatch: number;
}

export type SpreadFilterState = HardConstraintState[];

/** PreFilter: counts matching pods per domain over every eligible node (calPreFilterState). */
export function spreadPreFilter(cache: SchedulerCache, info: PodInfo): SpreadFilterState | null {
  if (info.hard.length === 0) return null;
  const states: SpreadFilterState = info.hard.map((c) => ({ c, pairCounts: new Map(), minMatch: 0 }));
  const sets = info.hard.map((c) => matchingSets(cache.index, c.selector));
  for (const e of cache.nodes) {
    // Eligible: carries every key and passes the pod's required node affinity (nodeAffinityPolicy
    // Honor); taints are ignored (nodeTaintsPolicy Ignore).
    if (!hasAllKeys(e, info.hard)) continue;
    if (!matchesRequiredAffinity(info.affinity, e.name, e.labels)) continue;
    for (let i = 0; i < states.length; i++) {
      const s = states[i];
      const v = e.labels[s.c.topologyKey];
      s.pairCounts.set(v, (s.pairCounts.get(v) ?? 0) + countOnNode(cache.index, sets[i], e.index));
    }
  }
  for (const s of states) {
    let min = Infinity;
    for (const n of s.pairCounts.values()) min = Math.min(min, n);
    // Fewer eligible domains than minDomains: the global minimum is taken as 0.
    s.minMatch = s.pairCounts.size < s.c.minDomains || min === Infinity ? 0 : min;
  }
  return states;
}

export interface SpreadRejection {
  readonly unresolvable: boolean;
  readonly reason: string;
}

const MISSING_LABEL: SpreadRejection = Object.freeze({ unresolvable: true, reason: SPREAD_MISSING_LABEL_REASON });
const SKEWED: SpreadRejection = Object.freeze({ unresolvable: false, reason: SPREAD_REASON });

/** Filter: `existing + self - globalMin <= maxSkew` for every constraint (allocates nothing). */
export function spreadFilter(state: SpreadFilterState, e: NodeEntry): SpreadRejection | null {
  for (let i = 0; i < state.length; i++) {
    if (e.labels[state[i].c.topologyKey] === undefined) return MISSING_LABEL;
  }
  for (let i = 0; i < state.length; i++) {
    const s = state[i];
    const v = e.labels[s.c.topologyKey];
    const skew = (s.pairCounts.get(v) ?? 0) + (s.c.selfMatch ? 1 : 0) - s.minMatch;
    if (skew > s.c.maxSkew) return SKEWED;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Score

/** Widest raw-score range of a cycle normalised through a table (wider ones divide per node). */
const SPREAD_TABLE_LIMIT = 4096;

/**
 * PreScore state for one cycle: per constraint its weight ln(size + 2), its maxSkew − 1 offset and
 * where counts come from; `score` gives the nodes' normalised scores. One instance is reused
 * cycle after cycle (`prepare` overwrites it), so scoring allocates nothing per pod.
 */
export class SpreadScorer {
  private cache: SchedulerCache;
  private n = 0;
  private readonly isHost: boolean[] = [];
  private readonly weights: number[] = [];
  private readonly offsets: number[] = [];
  /** Per constraint (non-hostname): each node's domain number, and matching pods per domain number. */
  private readonly domainIds: (Int32Array | null)[] = [];
  private readonly domainCounts: (Float64Array | null)[] = [];
  /** For a hostname constraint matching one label set, that set's per-node counts (the common case). */
  private readonly nodeCounts: (Int32Array | Map<number, number> | null)[] = [];
  private readonly sets: number[][] = [];
  private ignored: Uint8Array | null = null;
  /** Reused buffers: per-constraint domain counts, the "seen" marks, the ignored marks. */
  private readonly countBuffers: Float64Array[] = [];
  private seen = new Uint8Array(16);
  private ignoredBuffer = new Uint8Array(0);
  private readonly labelsOfNode = (k: number): Labels => this.cache.nodes[k].labels;
  /** See `scatter`: all zero outside a cycle. */
  private scatterBuffer = new Int32Array(0);
  private scattered: Map<number, number> | null = null;
  /** Per node, the constraints' sum before rounding (see `fill`); NormalizeScore's table (see `normalize`). */
  private sums = new Float64Array(0);
  private normalized = new Int32Array(64);

  constructor(cache: SchedulerCache) {
    this.cache = cache;
  }

  prepare(cache: SchedulerCache, info: PodInfo, nodeIndex: Int32Array, count: number): void {
    this.unscatter();
    this.cache = cache;
    const cs = info.soft;
    const requireAll = info.softRequireAllKeys;
    const n = cs.length;
    this.n = n;
    for (let i = 0; i < n; i++) this.sets[i] = matchingSets(cache.index, cs[i].selector);
    this.ignored = null;
    let ignoredCount = 0;
    if (requireAll) {
      // User constraints: nodes missing any topology key are not scored (IgnoredNodes).
      if (this.ignoredBuffer.length < count) this.ignoredBuffer = new Uint8Array(Math.max(count, 2 * this.ignoredBuffer.length));
      const ignored = this.ignoredBuffer;
      for (let j = 0; j < count; j++) {
        if (!hasAllKeys(cache.nodes[nodeIndex[j]], cs)) {
          ignored[j] = 1;
          ignoredCount++;
        } else ignored[j] = 0;
      }
      this.ignored = ignored;
    }
    for (let i = 0; i < n; i++) {
      const key = cs[i].topologyKey;
      this.offsets[i] = cs[i].maxSkew - 1;
      const host = key === HOSTNAME_KEY;
      this.isHost[i] = host;
      this.domainIds[i] = null;
      this.domainCounts[i] = null;
      this.nodeCounts[i] = null;
      if (host) {
        this.weights[i] = Math.log(count - ignoredCount + 2);
        if (this.sets[i].length === 1) {
          const counts = perNodeCounts(cache.index, this.sets[i][0], cache.nodes.length);
          this.nodeCounts[i] = counts instanceof Map && this.scattered === null ? this.scatter(counts, cache.nodes.length) : counts;
        }
        continue;
      }
      if (nodesWithKey(cache, key) === 0) {
        // No node carries the key (a cluster without zones): the constraint scores nothing anywhere.
        this.weights[i] = 0;
        continue;
      }
      const domains = domainIndex(cache, key);
      const numValues = domains.values.length;
      // Values present among scored nodes; a node without the key contributes "" (Go's zero value).
      if (this.seen.length < numValues + 1) this.seen = new Uint8Array(Math.max(numValues + 1, 2 * this.seen.length));
      const seen = this.seen;
      seen.fill(0, 0, numValues + 1);
      // Once every possible value has been seen the count cannot grow: stop looking.
      const possible = numValues + (nodesWithKey(cache, key) < cache.nodes.length ? 1 : 0);
      let size = 0;
      for (let j = 0; j < count && size < possible; j++) {
        if (this.ignored !== null && this.ignored[j] === 1) continue;
        const id = domains.ids[nodeIndex[j]];
        const slot = id < 0 ? numValues : id;
        if (seen[slot] === 0) {
          seen[slot] = 1;
          size++;
        }
      }
      this.weights[i] = Math.log(size + 2);
      let counts = this.countBuffers[i];
      if (counts === undefined || counts.length < numValues) counts = this.countBuffers[i] = new Float64Array(Math.max(numValues, 4));
      counts.fill(0, 0, numValues);
      // Counting runs over all nodes that pass the pod's required affinity (nodeAffinityPolicy Honor).
      const needsFilter = info.affinity !== null || (requireAll && n > 1);
      if (!needsFilter) {
        // Every node carrying the key: the incrementally maintained per-domain counts.
        trackKey(cache.index, key, this.labelsOfNode);
        for (const id of this.sets[i]) {
          for (const [v, c] of cache.index.sets[id].domainCounts.get(key)!) {
            const d = domains.byValue.get(v);
            if (d !== undefined) counts[d] += c;
          }
        }
      } else {
        const include = (k: number): boolean => {
          const node = cache.nodes[k];
          return (!requireAll || hasAllKeys(node, cs)) && matchesRequiredAffinity(info.affinity, node.name, node.labels);
        };
        const byValue = countByDomain(cache.index, this.sets[i], key, this.labelsOfNode, include);
        for (const [v, c] of byValue) {
          const id = domains.byValue.get(v);
          if (id !== undefined) counts[id] = c;
        }
      }
      this.domainIds[i] = domains.ids;
      this.domainCounts[i] = counts;
    }
  }

  /** Smallest non-negative and largest raw score of the last `fill` (Infinity / 0 when none). */
  private rawMin = Infinity;
  private rawMax = 0;

  /** The normalised scores (0–100) of the first `count` feasible nodes into `out`. */
  score(nodeIndex: Int32Array, count: number, out: Int32Array): void {
    this.fill(nodeIndex, count, out);
    this.normalize(out, count);
  }

  /**
   * Scores before normalisation of the first `count` feasible nodes (`nodeIndex[j]` is the j-th
   * one's index) into `out`: Σ count × weight + (maxSkew − 1) over the constraints, rounded; −1 for
   * an ignored node. Also sets rawMin / rawMax. Each node's sum is added up in constraint order, as
   * upstream does, so the floating-point result is the same.
   */
  private fill(nodeIndex: Int32Array, count: number, out: Int32Array): void {
    const flags = this.cache.arrays.flags;
    const nc0 = this.nodeCounts[0];
    if (
      this.n === 2 &&
      this.ignored === null &&
      this.isHost[0] &&
      nc0 instanceof Int32Array &&
      !this.isHost[1] &&
      this.domainIds[1] !== null
    ) {
      // The system defaults (hostname, then zone) for one label set: one fused pass.
      const w0 = this.weights[0];
      const off0 = this.offsets[0];
      const w1 = this.weights[1];
      const off1 = this.offsets[1];
      const ids = this.domainIds[1]!;
      const counts = this.domainCounts[1]!;
      let min = Infinity;
      let max = 0;
      for (let j = 0; j < count; j++) {
        const k = nodeIndex[j];
        let score = 0;
        if ((flags[k] & FLAG_HOSTNAME) !== 0) score += nc0[k] * w0 + off0;
        const id = ids[k];
        if (id >= 0) score += counts[id] * w1 + off1;
        const s = Math.round(score);
        out[j] = s;
        if (s >= 0 && s < min) min = s;
        if (s > max) max = s;
      }
      this.rawMin = min;
      this.rawMax = max;
      this.unscatter();
      return;
    }
    if (this.sums.length < count) this.sums = new Float64Array(Math.max(count, 2 * this.sums.length));
    const acc = this.sums;
    acc.fill(0, 0, count);
    for (let i = 0; i < this.n; i++) {
      const w = this.weights[i];
      const off = this.offsets[i];
      if (this.isHost[i]) {
        const nc = this.nodeCounts[i];
        if (nc instanceof Int32Array) {
          for (let j = 0; j < count; j++) if ((flags[nodeIndex[j]] & FLAG_HOSTNAME) !== 0) acc[j] += nc[nodeIndex[j]] * w + off;
        } else if (nc !== null) {
          for (let j = 0; j < count; j++) if ((flags[nodeIndex[j]] & FLAG_HOSTNAME) !== 0) acc[j] += (nc.get(nodeIndex[j]) ?? 0) * w + off;
        } else {
          const sets = this.sets[i];
          for (let j = 0; j < count; j++) {
            if ((flags[nodeIndex[j]] & FLAG_HOSTNAME) !== 0) acc[j] += countOnNode(this.cache.index, sets, nodeIndex[j]) * w + off;
          }
        }
      } else {
        const ids = this.domainIds[i];
        if (ids === null) continue; // no node has the key
        const counts = this.domainCounts[i]!;
        for (let j = 0; j < count; j++) {
          const id = ids[nodeIndex[j]];
          if (id >= 0) acc[j] += counts[id] * w + off;
        }
      }
    }
    const ignored = this.ignored;
    let min = Infinity;
    let max = 0;
    for (let j = 0; j < count; j++) {
      const s = ignored !== null && ignored[j] === 1 ? -1 : Math.round(acc[j]);
      out[j] = s;
      if (s >= 0 && s < min) min = s;
      if (s > max) max = s;
    }
    this.rawMin = min;
    this.rawMax = max;
    this.unscatter();
  }

  /**
   * NormalizeScore of the raw scores in `out`, as a table over [rawMin, rawMax]: the raw scores of a
   * cycle span a few dozen values, so a handful of divisions instead of one per node (a range wider
   * than SPREAD_TABLE_LIMIT divides per node).
   */
  private normalize(out: Int32Array, count: number): void {
    const min = this.rawMin;
    const max = this.rawMax;
    if (min === Infinity || max - min >= SPREAD_TABLE_LIMIT) {
      for (let j = 0; j < count; j++) out[j] = normalizeSpread(out[j], min, max);
      return;
    }
    const base = min | 0;
    const size = max - base + 1;
    if (this.normalized.length < size) this.normalized = new Int32Array(Math.max(size, 2 * this.normalized.length));
    const table = this.normalized;
    for (let r = 0; r < size; r++) table[r] = normalizeSpread(base + r, min, max);
    for (let j = 0; j < count; j++) {
      const raw = out[j];
      out[j] = raw < 0 ? 0 : table[raw - base];
    }
  }

  /**
   * A small label set keeps its per-node counts in a Map: for one cycle they are copied into a
   * zeroed per-node array (a handful of writes), so the scoring pass reads an array either way.
   */
  private scatter(counts: Map<number, number>, numNodes: number): Int32Array {
    if (this.scatterBuffer.length < numNodes) this.scatterBuffer = new Int32Array(Math.max(numNodes, 2 * this.scatterBuffer.length));
    for (const [node, n] of counts) this.scatterBuffer[node] = n;
    this.scattered = counts;
    return this.scatterBuffer;
  }

  private unscatter(): void {
    if (this.scattered === null) return;
    for (const node of this.scattered.keys()) this.scatterBuffer[node] = 0;
    this.scattered = null;
  }
}

/** NormalizeScore: fewer matching pods → higher score; ignored nodes (raw −1) get 0. */
export function normalizeSpread(raw: number, min: number, max: number): number {
  if (raw < 0) return 0;
  return max === 0 ? 100 : idiv(100 * (max + min - raw), max);
}
