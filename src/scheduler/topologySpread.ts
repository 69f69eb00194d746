/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): the DoNotSchedule filter
 * (filtering.go) and the ScheduleAnyway / system-default score (scoring.go).
 */
import { domainIndex, nodesWithKey, type NodeEntry, type SchedulerCache } from './cache';
import type { PodInfo, SpreadConstraint } from './podInfo';
import { countByDomain, countOnNode, HOSTNAME_KEY, matchingSets, perNodeCounts } from './podIndex';
import { idiv } from './resources';
import { matchesRequiredAffinity } from './selectors';

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

/** Filter: `existing + self - globalMin <= maxSkew` for every constraint. */
export function spreadFilter(state: SpreadFilterState, e: NodeEntry): { unresolvable: boolean; reason: string } | null {
  for (const s of state) {
    const v = e.labels[s.c.topologyKey];
    if (v === undefined) return { unresolvable: true, reason: SPREAD_MISSING_LABEL_REASON };
  }
  for (const s of state) {
    const v = e.labels[s.c.topologyKey];
    const skew = (s.pairCounts.get(v) ?? 0) + (s.c.selfMatch ? 1 : 0) - s.minMatch;
    if (skew > s.c.maxSkew) return { unresolvable: false, reason: SPREAD_REASON };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Score

/**
 * PreScore state for one cycle: per constraint its weight ln(size + 2), its maxSkew − 1 offset and
 * where counts come from. `raw` gives a node's un-normalised score, `normalize` the 0–100 value.
 */
export class SpreadScorer {
  private readonly n: number;
  private readonly isHost: boolean[] = [];
  private readonly weights: number[] = [];
  private readonly offsets: number[] = [];
  /** Per constraint (non-hostname): each node's domain number, and matching pods per domain number. */
  private readonly domainIds: (Int32Array | null)[] = [];
  private readonly domainCounts: (Float64Array | null)[] = [];
  /** For a hostname constraint matching one label set, that set's per-node counts (the common case). */
  private readonly nodeCounts: (Int32Array | Map<number, number> | null)[] = [];
  private readonly sets: number[][];
  private readonly ignored: Uint8Array | null = null;

  constructor(
    private readonly cache: SchedulerCache,
    info: PodInfo,
    feasible: readonly NodeEntry[],
    count: number,
  ) {
    const cs = info.soft;
    const requireAll = info.softRequireAllKeys;
    this.n = cs.length;
    this.sets = cs.map((c) => matchingSets(cache.index, c.selector));
    let ignoredCount = 0;
    if (requireAll) {
      // User constraints: nodes missing any topology key are not scored (IgnoredNodes).
      this.ignored = new Uint8Array(count);
      for (let j = 0; j < count; j++) {
        if (!hasAllKeys(feasible[j], cs)) {
          this.ignored[j] = 1;
          ignoredCount++;
        }
      }
    }
    for (let i = 0; i < this.n; i++) {
      const key = cs[i].topologyKey;
      this.offsets.push(cs[i].maxSkew - 1);
      const host = key === HOSTNAME_KEY;
      this.isHost.push(host);
      if (host) {
        this.weights.push(Math.log(count - ignoredCount + 2));
        this.domainIds.push(null);
        this.domainCounts.push(null);
        this.nodeCounts.push(this.sets[i].length === 1 ? perNodeCounts(cache.index, this.sets[i][0], cache.nodes.length) : null);
        continue;
      }
      this.nodeCounts.push(null);
      if (nodesWithKey(cache, key) === 0) {
        // No node carries the key (a cluster without zones): the constraint scores nothing anywhere.
        this.weights.push(0);
        this.domainIds.push(null);
        this.domainCounts.push(null);
        continue;
      }
      const domains = domainIndex(cache, key);
      // Values present among scored nodes; a node without the key contributes "" (Go's zero value).
      const seen = new Uint8Array(domains.values.length + 1);
      let size = 0;
      for (let j = 0; j < count; j++) {
        if (this.ignored !== null && this.ignored[j] === 1) continue;
        const id = domains.ids[feasible[j].index];
        const slot = id < 0 ? domains.values.length : id;
        if (seen[slot] === 0) {
          seen[slot] = 1;
          size++;
        }
      }
      this.weights.push(Math.log(size + 2));
      // Counting runs over all nodes that pass the pod's required affinity (nodeAffinityPolicy Honor).
      const needsFilter = info.affinity !== null || (requireAll && this.n > 1);
      const include = needsFilter
        ? (k: number): boolean => {
            const node = cache.nodes[k];
            return (!requireAll || hasAllKeys(node, cs)) && matchesRequiredAffinity(info.affinity, node.name, node.labels);
          }
        : null;
      const byValue = countByDomain(cache.index, this.sets[i], key, (k) => cache.nodes[k].labels, include);
      const counts = new Float64Array(domains.values.length);
      for (const [v, c] of byValue) {
        const id = domains.byValue.get(v);
        if (id !== undefined) counts[id] = c;
      }
      this.domainIds.push(domains.ids);
      this.domainCounts.push(counts);
    }
  }

  /** Score before normalisation: Σ count × weight + (maxSkew − 1), rounded; −1 for an ignored node. */
  raw(e: NodeEntry, j: number): number {
    if (this.ignored !== null && this.ignored[j] === 1) return -1;
    let score = 0;
    for (let i = 0; i < this.n; i++) {
      let cnt: number;
      if (this.isHost[i]) {
        if (!e.hasHostname) continue;
        const nc = this.nodeCounts[i];
        if (nc === null) cnt = countOnNode(this.cache.index, this.sets[i], e.index);
        else if (nc instanceof Int32Array) cnt = nc[e.index];
        else cnt = nc.get(e.index) ?? 0;
      } else {
        const ids = this.domainIds[i];
        if (ids === null) continue; // no node has the key
        const id = ids[e.index];
        if (id < 0) continue;
        cnt = this.domainCounts[i]![id];
      }
      score += cnt * this.weights[i] + this.offsets[i];
    }
    return Math.round(score);
  }
}

/** NormalizeScore: fewer matching pods → higher score; ignored nodes (raw −1) get 0. */
export function normalizeSpread(raw: number, min: number, max: number): number {
  if (raw < 0) return 0;
  return max === 0 ? 100 : idiv(100 * (max + min - raw), max);
}

/** PreScore: null when the plugin is skipped (no soft constraints: no controller or Service to spread by). */
export function prepareSpread(cache: SchedulerCache, info: PodInfo, feasible: readonly NodeEntry[], count: number): SpreadScorer | null {
  if (info.soft.length === 0 || cache.nodes.length === 0) return null;
  return new SpreadScorer(cache, info, feasible, count);
}
