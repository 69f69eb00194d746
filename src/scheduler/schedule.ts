/**
 * One scheduling cycle (schedule_one.go schedulePod): PreFilter, Filter from the round-robin start
 * index until enough feasible nodes are found, Score, selectHost — or, when no node fits, the
 * FailedScheduling message with DefaultPreemption's verdict.
 */
import type { PluginScores, ScheduleResult } from '../model/cluster';
import type { Rng } from '../util/rng';
import type { NodeEntry, SchedulerCache } from './cache';
import { runFilters, type NodeStatus } from './filters';
import { countReasons, fitErrorMessage, NO_NODES_MESSAGE, PREEMPTION_NOT_HELPFUL, preemptionMessage } from './messages';
import { buildPodInfo, type PodInfo, type PodToSchedule } from './podInfo';
import { preempt } from './preemption';
import { scoreNodes, type ScoreTable } from './scoring';
import { preFilterNodeNames } from './selectors';
import { numFeasibleNodesToFind, selectHost } from './selectHost';
import { interPodPreFilter } from './interPodAffinity';
import { spreadPreFilter } from './topologySpread';

export interface ScheduleOptions {
  /** KubeSchedulerConfiguration percentageOfNodesToScore; 0/undefined = adaptive. */
  percentageOfNodesToScore?: number;
  /**
   * At most this many nodes get an entry in `scores` (best totals, chosen node always included)
   * and in `rejected` (first evaluated). Default: all nodes up to 100 nodes, else 5 — so a
   * 150,000-pod cluster does not keep 500 score entries per pod.
   */
  explainNodes?: number;
}

/** ScheduleResult plus the cycle's bookkeeping (extra fields are optional for consumers). */
export interface SchedulerResult extends ScheduleResult {
  /** Nodes the filters ran on (ScheduleResult.EvaluatedNodes upstream). */
  evaluatedNodes?: number;
  feasibleNodes?: number;
  /** Preemption would make room here by evicting `victims` (pod uids); not performed. */
  nominatedNode?: string;
  victims?: string[];
}

const DEFAULT_SCHEDULER = 'default-scheduler';
const SMALL_CLUSTER = 100;
const LARGE_CLUSTER_EXPLAIN = 5;

function joinReasons(s: NodeStatus): string {
  return s.reasons.join(', ');
}

/** Indices of the `limit` best totals (ties: evaluation order), always including `chosen`. */
function topIndices(totals: Float64Array, count: number, chosen: number, limit: number): number[] {
  if (count <= limit) return Array.from({ length: count }, (_, i) => i);
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    if (top.length === limit && totals[i] <= totals[top[limit - 1]]) continue;
    let k = top.length < limit ? top.length : limit - 1;
    top[k] = i;
    while (k > 0 && totals[top[k - 1]] < totals[top[k]]) {
      [top[k - 1], top[k]] = [top[k], top[k - 1]];
      k--;
    }
  }
  if (!top.includes(chosen)) top[limit - 1] = chosen;
  return top;
}

/**
 * A record keyed by node names. In a large cluster every pod's record has different keys, and V8's
 * hidden-class transitions for that cost ~1 µs per key; a prototype-less object stays a plain
 * dictionary (JSON, Object.keys, `in` and spreading all work the same).
 */
export function nodeRecord<T>(large: boolean): Record<string, T> {
  return large ? (Object.create(null) as Record<string, T>) : {};
}

function recordScores(
  feasible: NodeEntry[],
  table: ScoreTable,
  count: number,
  chosen: number,
  limit: number,
  large: boolean,
): Record<string, PluginScores> {
  const out = nodeRecord<PluginScores>(large);
  for (const i of topIndices(table.totals, count, chosen, limit)) {
    const plugins: Record<string, number> = {};
    for (const c of table.columns) plugins[c.name] = c.scores[i];
    out[feasible[i].name] = { total: table.totals[i], plugins };
  }
  return out;
}

function failure(
  cache: SchedulerCache,
  info: PodInfo,
  statuses: Map<number, NodeStatus>,
  preFilterMsg: string | null,
  rejected: Record<string, string>,
): SchedulerResult {
  const n = cache.nodes.length;
  if (preFilterMsg !== null) {
    // A PreFilter rejected the pod outright: every node is UnschedulableAndUnresolvable.
    const counts = new Map([[PREEMPTION_NOT_HELPFUL, n]]);
    return { node: null, message: fitErrorMessage(n, { preFilterMsg }, preemptionMessage(n, counts)), rejected, scores: {} };
  }
  const counts = new Map<string, number>();
  for (const s of statuses.values()) countReasons(counts, s.reasons);
  const outcome = preempt(cache, info, (i) => statuses.get(i)!);
  const result: SchedulerResult = {
    node: null,
    message: fitErrorMessage(n, { counts }, outcome.message),
    rejected,
    scores: {},
    feasibleNodes: 0,
  };
  if (outcome.nominated) {
    result.nominatedNode = outcome.nominated.node;
    result.victims = outcome.nominated.victims;
  }
  return result;
}

export function schedulePod(
  cache: SchedulerCache,
  pod: PodToSchedule,
  rng: Rng,
  opts: ScheduleOptions = {},
): SchedulerResult {
  const spec = pod.spec;
  if (spec.nodeName) return { node: spec.nodeName, rejected: {}, scores: {}, by: 'nodeName' };
  // Another scheduler's pod: kube-scheduler never looks at it, so no event either.
  if (spec.schedulerName && spec.schedulerName !== DEFAULT_SCHEDULER) return { node: null, rejected: {}, scores: {} };
  const allNodes = cache.nodes;
  if (allNodes.length === 0) return { node: null, message: NO_NODES_MESSAGE, rejected: {}, scores: {} };
  const limit = opts.explainNodes ?? (allNodes.length <= SMALL_CLUSTER ? Infinity : LARGE_CLUSTER_EXPLAIN);
  const info = buildPodInfo(cache, pod);
  const large = allNodes.length > SMALL_CLUSTER;
  const statuses = new Map<number, NodeStatus>();
  const rejected = nodeRecord<string>(large);
  let rejectedCount = 0;
  const reject = (e: NodeEntry, s: NodeStatus): void => {
    statuses.set(e.index, s);
    if (rejectedCount++ < limit) rejected[e.name] = joinReasons(s);
  };

  // PreFilter: NodeAffinity may pin the pod to named nodes (matchFields metadata.name).
  let candidates = allNodes;
  const names = preFilterNodeNames(spec);
  if (names !== null) {
    if (names.size === 0) return failure(cache, info, statuses, 'pod affinity terms conflict', rejected);
    candidates = allNodes.filter((e) => names.has(e.name));
    const absent: NodeStatus = {
      plugin: 'NodeAffinity',
      unresolvable: true,
      reasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"],
    };
    // Nodes outside the PreFilter result are never filtered but count as rejected in the message.
    for (const e of allNodes) if (!names.has(e.name)) reject(e, absent);
  }
  const spread = spreadPreFilter(cache, info);
  const interPod = interPodPreFilter(cache, { namespace: pod.namespace, labels: pod.labels, affinity: info.podAffinity });

  // Filter, starting where the previous cycle stopped, until enough feasible nodes are found.
  const numToFind = numFeasibleNodesToFind(opts.percentageOfNodesToScore, candidates.length);
  const feasible = cache.scratch.feasible;
  feasible.length = 0;
  const start = cache.nextStartNodeIndex;
  let processed = 0;
  for (let i = 0; i < candidates.length && feasible.length < numToFind; i++) {
    const e = candidates[(start + i) % candidates.length];
    const status = runFilters(info, e, spread, interPod);
    processed++;
    if (status === null) feasible.push(e);
    else reject(e, status);
  }
  cache.nextStartNodeIndex = (start + processed) % allNodes.length;

  if (feasible.length === 0) return { ...failure(cache, info, statuses, null, rejected), evaluatedNodes: processed };

  // Score every feasible node (upstream skips scoring for a single node; the scores still explain it).
  const count = feasible.length;
  const table = scoreNodes(cache, info, feasible, count, cache.scratch);
  const chosen = count === 1 ? 0 : selectHost(table.totals, count, rng);
  return {
    node: feasible[chosen].name,
    rejected,
    scores: recordScores(feasible, table, count, chosen, limit, large),
    by: 'scheduler',
    evaluatedNodes: processed,
    feasibleNodes: feasible.length,
  };
}
