/**
 * The KUBE-SVC / KUBE-SVL chain's choice of endpoint: first the `recent --rcheck` sessionAffinity rules
 * (an xt_recent list per node), then `statistic --mode random`, rule i of n matching with probability
 * 1/(n−i) and the last one unconditionally.
 */
import type { NodeState, ServiceState } from '../model/cluster';
import type { NetSession } from './netState';
import type { Backend } from './types';
import { endpointName } from './endpointText';

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
  /** sessionAffinity: ClientIP had the client on a list, but longer ago than the timeout: the entry expired. */
  readonly expired: { readonly pod: string; readonly ago: number; readonly timeout: number } | null;
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
  let expired: EndpointChoice['expired'] = null;
  if (sticky) {
    const clock = net.clock;
    const timeout = svc.sessionAffinityTimeoutSeconds ?? DEFAULT_AFFINITY_SECONDS;
    for (let i = 0; i < candidates.length; i++) {
      const b = candidates[i];
      const k = affinityKey(n, b, client);
      const seen = net.affinitySeen(k);
      if (seen === undefined) continue;
      // xt_recent `--rcheck --seconds N`: a match needs the last packet at most N seconds ago.
      if (clock - seen <= timeout) {
        net.affinitySet(k, clock);
        return { backend: b, index: i, stuck: { ago: clock - seen, timeout }, remembered: true, expired: null };
      }
      if (expired === null || clock - seen < expired.ago) expired = { pod: endpointName(b.ep), ago: clock - seen, timeout };
    }
  }
  const index = randomIndex(net, candidates.length);
  const backend = candidates[index];
  if (sticky) net.affinitySet(affinityKey(n, backend, client), net.clock);
  return { backend, index, stuck: null, remembered: sticky, expired };
}

function affinityKey(n: NodeState, b: Backend, client: string): string {
  return `${n.name}|${b.sep}|${client}`;
}
