/** How many nodes a cycle looks at, and how it picks among the best (pkg/scheduler/schedule_one.go). */
import type { Rng } from '../util/rng';

/** minFeasibleNodesToFind: below this many nodes every node is checked. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind: the adaptive percentage never drops below 5%. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind: the scheduler stops filtering once it has found this many feasible
 * nodes. Percentage 0 (the default) is adaptive: 50% − 1% per 125 nodes, at least 5%.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = Math.min(100, Math.max(0, Math.trunc(percentageOfNodesToScore ?? 0)));
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/**
 * selectHost: the highest total wins; among equal totals, reservoir sampling in evaluation order
 * (the k-th tie replaces the pick with probability 1/k), so every tied node is equally likely.
 */
export function selectHost(totals: ArrayLike<number>, count: number, rng: Rng): number {
  let selected = 0;
  let cntOfMaxScore = 1;
  for (let i = 1; i < count; i++) {
    if (totals[i] > totals[selected]) {
      selected = i;
      cntOfMaxScore = 1;
    } else if (totals[i] === totals[selected]) {
      cntOfMaxScore++;
      if (rng.int(cntOfMaxScore) === 0) selected = i;
    }
  }
  return selected;
}
