/**
 * The FailedScheduling text (framework/types.go FitError.Error): "0/N nodes are available:" then
 * either the PreFilter message or a histogram of filter reasons sorted as strings ("10 …" sorts
 * before "2 …", as Go's sort.Strings does), then the PostFilter (preemption) message.
 */

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

export function countReasons(counts: Map<string, number>, reasons: readonly string[], times = 1): void {
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + times);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "1 node(s) had untolerated taint {…}, 2 Insufficient cpu" */
export function histogramText(counts: Map<string, number>): string {
  return [...counts]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort(byteOrder)
    .join(', ');
}

export function fitErrorMessage(
  numAllNodes: number,
  filter: { preFilterMsg: string } | { counts: Map<string, number> },
  postFilterMsg: string,
): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if ('preFilterMsg' in filter) msg += ` ${filter.preFilterMsg}.`;
  else if (filter.counts.size > 0) msg += ` ${histogramText(filter.counts)}.`;
  if (postFilterMsg !== '') msg += ` ${postFilterMsg}`;
  return msg;
}

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

/** DefaultPreemption's message when no node has a preemption candidate. */
export function preemptionMessage(numAllNodes: number, counts: Map<string, number>): string {
  return 'preemption: ' + fitErrorMessage(numAllNodes, { counts }, '');
}
