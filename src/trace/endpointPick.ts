/**
 * The KUBE-SVC / KUBE-SVL chain's choice of endpoint: first the `recent --rcheck` sessionAffinity rules
 * (an xt_recent list per node), then `statistic --mode random`, rule i of n matching with probability
 * 1/(n−i) and the last one unconditionally.
 */
import type { NodeState, ServiceState } from '../model/cluster';
import type { NetSession } from './netState';
import type { Backend } from './types';

/** service.spec.sessionAffinityConfig.clientIP.timeoutSeconds' default (3 hours). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

export interface EndpointChoice {
  readonly backend: Backend;
  /** Position among the candidates (the `statistic` rule that matched). */
  readonly index: number;
  /** sessionAffinity: ClientIP found the client on the list: seconds since it was last seen, and the timeout. */
  readonly stuck: { readonly ago: number; readonly timeout: number } | null;
  /** sessionAffinity: ClientIP is on, so the choice is remembered for the client. */
  readonly remembered: boolean;
}

/** `statistic --mode random` over `count` rules. */
export function randomIndex(net: NetSession, count: number): number {
  let i = 0;
  for (; i < count - 1; i++) if (net.rng.next() < 1 / (count - i)) break;
  return i;
}

export function chooseEndpoint(
  net: NetSession,
  n: NodeState,
  svc: ServiceState,
  candidates: readonly Backend[],
  client: string,
): EndpointChoice {
  const sticky = svc.sessionAffinity === 'ClientIP';
  if (sticky) {
    const clock = net.clock;
    const timeout = svc.sessionAffinityTimeoutSeconds ?? DEFAULT_AFFINITY_SECONDS;
    for (let i = 0; i < candidates.length; i++) {
      const b = candidates[i];
      const k = affinityKey(n, b, client);
      const seen = net.affinitySeen(k);
      if (seen !== undefined && clock - seen <= timeout) {
        net.affinitySet(k, clock);
        return { backend: b, index: i, stuck: { ago: clock - seen, timeout }, remembered: true };
      }
    }
  }
  const index = randomIndex(net, candidates.length);
  const backend = candidates[index];
  if (sticky) net.affinitySet(affinityKey(n, backend, client), net.clock);
  return { backend, index, stuck: null, remembered: sticky };
}

function affinityKey(n: NodeState, b: Backend, client: string): string {
  return `${n.name}|${b.sep}|${client}`;
}
