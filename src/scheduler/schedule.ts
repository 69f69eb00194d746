/**
 * One scheduling cycle (schedule_one.go schedulePod): PreFilter, Filter from the round-robin start
 * index until enough feasible nodes are found, Score, selectHost — or, when no node fits, the
 * FailedScheduling message with DefaultPreemption's verdict.
 */
import type { PluginScores, ScheduleResult, ScoreTie } from '../model/cluster';
import type { Rng } from '../util/rng';
import { FLAG_FULL, FLAG_HARD_TAINTS, FLAG_UNSCHEDULABLE, type NodeEntry, type SchedulerCache } from './cache';
import { passesFilters, runFilters, type NodeStatus } from './filters';
import { countReasons, fitErrorMessage, NO_NODES_MESSAGE, PREEMPTION_NOT_HELPFUL, preemptionMessage } from './messages';
import { buildPodInfo, type PodInfo, type PodToSchedule } from './podInfo';
import { preempt } from './preemption';
import { scoreRecordAt } from './scoreRecords';
import { newScoreBuffers, scoreNodes, type ScoreBuffers, type ScoreTable } from './scoring';
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
  const top: number[] = [];
  if (count <= limit) {
    for (let i = 0; i < count; i++) top.push(i);
    return top;
  }
  for (let i = 0; i < count; i++) {
    if (top.length === limit && totals[i] <= totals[top[limit - 1]]) continue;
    let k = top.length < limit ? top.length : limit - 1;
    top[k] = i;
    while (k > 0 && totals[top[k - 1]] < totals[top[k]]) {
      const swap = top[k - 1];
      top[k - 1] = top[k];
      top[k] = swap;
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

/**
 * The `rejected` record of a pod no node rejected, in a large cluster: one shared, frozen,
 * prototype-less empty record (an empty dictionary object per pod costs ~190 bytes, and most pods
 * of a large cluster have one).
 */
const NO_REJECTIONS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

function noRejections(large: boolean): Record<string, string> {
  return large ? NO_REJECTIONS : {};
}

function recordScores(
  nodes: readonly NodeEntry[],
  nodeIndex: Int32Array,
  table: ScoreTable,
  count: number,
  chosen: number,
  limit: number,
  large: boolean,
): Record<string, PluginScores> {
  const out = nodeRecord<PluginScores>(large);
  for (const i of topIndices(table.totals, count, chosen, limit)) {
    out[nodes[nodeIndex[i]].name] = scoreRecordAt(table, i);
  }
  return out;
}

/**
 * The nodes sharing the top total, when there are several: selectHost chose among them by reservoir
 * sampling, each equally likely. At most `limit` names, the chosen one always included.
 */
function topTie(
  nodes: readonly NodeEntry[],
  nodeIndex: Int32Array,
  totals: Float64Array,
  count: number,
  chosen: number,
  limit: number,
): ScoreTie | undefined {
  const score = totals[chosen];
  let tied = 0;
  for (let i = 0; i < count; i++) if (totals[i] === score) tied++;
  if (tied < 2) return undefined;
  const names: string[] = [];
  for (let i = 0; i < count && names.length < limit; i++) if (totals[i] === score) names.push(nodes[nodeIndex[i]].name);
  const chosenName = nodes[nodeIndex[chosen]].name;
  if (!names.includes(chosenName)) names[names.length - 1] = chosenName;
  return { score, count: tied, nodes: names };
}

/**
 * A cycle's working memory, kept between cycles so a cycle over 500 nodes allocates (almost)
 * nothing; contents mean nothing between cycles. One per cache, held weakly so it goes with it.
 */
interface CycleScratch {
  /** The feasible nodes' indices in `cache.nodes`, in evaluation order (only the first entries are this cycle's). */
  nodeIndex: Int32Array;
  /** The rejected nodes, in evaluation order (only the first entries are this cycle's). */
  rejectedNodes: NodeEntry[];
  scores: ScoreBuffers;
}

const scratchByCache = new WeakMap<SchedulerCache, CycleScratch>();

/** The cache's scratch, with room for `count` feasible nodes. */
function scratchFor(cache: SchedulerCache, count: number): CycleScratch {
  let scratch = scratchByCache.get(cache);
  if (scratch === undefined) {
    scratch = { nodeIndex: new Int32Array(0), rejectedNodes: [], scores: newScoreBuffers() };
    scratchByCache.set(cache, scratch);
  }
  if (scratch.nodeIndex.length < count) scratch.nodeIndex = new Int32Array(Math.max(count, 2 * scratch.nodeIndex.length, 16));
  return scratch;
}

/** Why the PreFilter left a node out (NodeAffinity narrowed the pod to named nodes). */
const ABSENT_STATUS: NodeStatus = Object.freeze({
  plugin: 'NodeAffinity',
  unresolvable: true,
  reasons: Object.freeze(["node(s) didn't satisfy plugin(s) [NodeAffinity]"]) as string[],
});

/**
 * Every node's rejection, for the FailedScheduling message and preemption: the filtered nodes'
 * statuses, worded now (only when the pod fits nowhere), and the shared status of the nodes the
 * PreFilter left out (`inCandidates` null: there were none).
 */
interface Rejections {
  filtered: Map<number, NodeStatus>;
  absentCount: number;
  inCandidates: Uint8Array | null;
}

function failure(cache: SchedulerCache, info: PodInfo, r: Rejections, rejected: Record<string, string>): SchedulerResult {
  const n = cache.nodes.length;
  const counts = new Map<string, number>();
  if (r.absentCount > 0) countReasons(counts, ABSENT_STATUS.reasons, r.absentCount);
  for (const s of r.filtered.values()) countReasons(counts, s.reasons);
  const inCandidates = r.inCandidates;
  const outcome = preempt(cache, info, (i) => (inCandidates !== null && inCandidates[i] === 0 ? ABSENT_STATUS : r.filtered.get(i)!));
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

/** A PreFilter rejected the pod outright: every node is UnschedulableAndUnresolvable. */
function preFilterFailure(n: number, preFilterMsg: string): SchedulerResult {
  const counts = new Map([[PREEMPTION_NOT_HELPFUL, n]]);
  return { node: null, message: fitErrorMessage(n, { preFilterMsg }, preemptionMessage(n, counts)), rejected: {}, scores: {} };
}

/** The nodes named by the PreFilter, in node-list order. */
function namedNodes(cache: SchedulerCache, names: ReadonlySet<string>): NodeEntry[] {
  // With duplicate node names a name may stand for several entries: fall back to a scan.
  if (cache.byName.size !== cache.nodes.length) return cache.nodes.filter((e) => names.has(e.name));
  const out: NodeEntry[] = [];
  for (const name of names) {
    const e = cache.byName.get(name);
    if (e !== undefined) out.push(e);
  }
  return out.sort((a, b) => a.index - b.index);
}

export function schedulePod(cache: SchedulerCache, pod: PodToSchedule, rng: Rng, opts: ScheduleOptions = {}): SchedulerResult {
  const spec = pod.spec;
  if (spec.nodeName) return { node: spec.nodeName, rejected: {}, scores: {}, by: 'nodeName' };
  // Another scheduler's pod: kube-scheduler never looks at it, so no event either.
  if (spec.schedulerName && spec.schedulerName !== DEFAULT_SCHEDULER) return { node: null, rejected: {}, scores: {} };
  const allNodes = cache.nodes;
  if (allNodes.length === 0) return { node: null, message: NO_NODES_MESSAGE, rejected: {}, scores: {} };
  const limit = opts.explainNodes ?? (allNodes.length <= SMALL_CLUSTER ? Infinity : LARGE_CLUSTER_EXPLAIN);
  const info = buildPodInfo(cache, pod);
  const large = allNodes.length > SMALL_CLUSTER;
  // `rejected` explains the first `limit` rejected nodes (PreFilter's, then the filters' in evaluation order).
  // Created on the first rejection.
  let rejected: Record<string, string> | null = null;
  let rejectedCount = 0;

  // PreFilter: NodeAffinity may pin the pod to named nodes (matchFields metadata.name).
  let candidates = allNodes;
  let absentCount = 0;
  const names = preFilterNodeNames(spec);
  if (names !== null) {
    if (names.size === 0)
      return { ...preFilterFailure(allNodes.length, 'pod affinity terms conflict'), rejected: nodeRecord<string>(large) };
    candidates = namedNodes(cache, names);
    absentCount = allNodes.length - candidates.length;
    // Nodes outside the PreFilter result are never filtered but count as rejected in the message;
    // only the few that are explained are looked at now.
    if (absentCount > 0 && limit > 0) {
      const reason = joinReasons(ABSENT_STATUS);
      rejected = nodeRecord<string>(large);
      let k = 0;
      for (let i = 0; i < allNodes.length && rejectedCount < limit; i++) {
        const e = allNodes[i];
        if (k < candidates.length && candidates[k] === e) k++;
        else {
          rejected[e.name] = reason;
          rejectedCount++;
        }
      }
    }
    rejectedCount = absentCount;
  }
  const spread = spreadPreFilter(cache, info);
  const interPod = interPodPreFilter(cache, { namespace: pod.namespace, labels: pod.labels, affinity: info.podAffinity });

  // Filter, starting where the previous cycle stopped, until enough feasible nodes are found.
  const numToFind = numFeasibleNodesToFind(opts.percentageOfNodesToScore, candidates.length);
  const scratch = scratchFor(cache, numToFind);
  // Scratch lists are overwritten in place, never truncated (truncating frees their storage).
  const nodeIndex = scratch.nodeIndex;
  const rejectedNodes = scratch.rejectedNodes;
  let numRejected = 0;
  const start = cache.nextStartNodeIndex;
  const numCandidates = candidates.length;
  // Position in `candidates` is the node index when every node is a candidate.
  const byPosition = candidates === allNodes;
  let processed = 0;
  let at = numCandidates === 0 ? 0 : start % numCandidates;
  // A pod with no node affinity, host ports, extended resources, spreading or inter-pod terms is
  // decided by the node's flags and free resources alone: a node that is not cordoned, has no
  // NoSchedule/NoExecute taint, room for a pod and enough cpu/memory/ephemeral storage passes every
  // filter. Any other node takes the full chain.
  const simple =
    info.affinity === null &&
    info.ports.length === 0 &&
    info.req.scalar.length === 0 &&
    spread === null &&
    interPod === null &&
    !spec.nodeName;
  const { flags, freeCpu, freeMemory, freeEphemeral } = cache.arrays;
  const blocking = FLAG_UNSCHEDULABLE | FLAG_HARD_TAINTS | FLAG_FULL;
  const req = info.req;
  const checkCpu = !info.requestsNothing && req.cpu > 0;
  const checkMemory = !info.requestsNothing && req.memory > 0;
  const checkEphemeral = !info.requestsNothing && req.ephemeralStorage > 0;
  let found = 0;
  while (processed < numCandidates && found < numToFind) {
    const k = byPosition ? at : candidates[at].index;
    if (++at === numCandidates) at = 0;
    processed++;
    if (
      simple &&
      (flags[k] & blocking) === 0 &&
      !(checkCpu && req.cpu > freeCpu[k]) &&
      !(checkMemory && req.memory > freeMemory[k]) &&
      !(checkEphemeral && req.ephemeralStorage > freeEphemeral[k])
    ) {
      nodeIndex[found++] = k;
      continue;
    }
    const e = allNodes[k];
    if (passesFilters(info, e, spread, interPod)) nodeIndex[found++] = k;
    else {
      rejectedNodes[numRejected++] = e;
      if (rejectedCount++ < limit) {
        if (rejected === null) rejected = nodeRecord<string>(large);
        rejected[e.name] = joinReasons(runFilters(info, e, spread, interPod)!);
      }
    }
  }
  cache.nextStartNodeIndex = (start + processed) % allNodes.length;

  if (found === 0) {
    // Word every rejection (the cache has not changed since the filters ran, so runFilters agrees).
    const filtered = new Map<number, NodeStatus>();
    for (let i = 0; i < numRejected; i++) {
      const e = rejectedNodes[i];
      filtered.set(e.index, runFilters(info, e, spread, interPod)!);
    }
    let inCandidates: Uint8Array | null = null;
    if (absentCount > 0) {
      inCandidates = new Uint8Array(allNodes.length);
      for (const e of candidates) inCandidates[e.index] = 1;
    }
    const explained = rejected ?? nodeRecord<string>(large);
    return { ...failure(cache, info, { filtered, absentCount, inCandidates }, explained), evaluatedNodes: processed };
  }

  // Score every feasible node (upstream skips scoring for a single node; the scores still explain it).
  const count = found;
  const table = scoreNodes(cache, info, nodeIndex, count, scratch.scores);
  const chosen = count === 1 ? 0 : selectHost(table.totals, count, rng);
  const node = allNodes[nodeIndex[chosen]].name;
  const scores = recordScores(allNodes, nodeIndex, table, count, chosen, limit, large);
  const tie = count === 1 ? undefined : topTie(allNodes, nodeIndex, table.totals, count, chosen, limit);
  return {
    node,
    rejected: rejected ?? noRejections(large),
    scores,
    by: 'scheduler',
    ...(tie !== undefined ? { tie } : {}),
    evaluatedNodes: processed,
    feasibleNodes: count,
  };
}
