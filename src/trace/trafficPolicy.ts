/**
 * kube-proxy's first decision for a Service port on one node, before any endpoint is picked
 * (pkg/proxy/iptables/proxier.go): which endpoints are candidates (KUBE-SVC cluster-wide or KUBE-SVL
 * node-local), whether the connection is marked for masquerade, and whether the client address survives.
 * Data only: the hop's words are written from it afterwards (serviceText.ts).
 */
import type { NodeState } from '../model/cluster';
import { ipInCidr } from '../util/ip';
import { inCidr } from './addresses';
import type { ClusterIndex } from './clusterIndex';
import type { Backend, BackendSet, Origin, Policy, PolicyDecision, PortEntry, Via } from './types';

/** KUBE-FW: a load-balancer IP with loadBalancerSourceRanges admits only sources inside them. */
export function sourceRangesAdmit(entry: PortEntry, via: Via, srcIP: string): boolean {
  const ranges = entry.svc.loadBalancerSourceRanges;
  return via !== 'loadBalancer' || ranges.length === 0 || ranges.some((r) => ipInCidr(srcIP, r));
}

export function decideTrafficPolicy(
  ix: ClusterIndex,
  n: NodeState,
  set: BackendSet,
  via: Via,
  origin: Origin,
  srcIP: string,
): PolicyDecision {
  const svc = set.entry.svc;
  const ch = set.chains;
  const fromPod = inCidr(ix.clusterCidr, srcIP);
  if (via === 'clusterIP') {
    // IfNotLocal → KUBE-MARK-MASQ: only sources outside the pod network (the host itself) are masqueraded.
    const masq = fromPod ? null : `KUBE-MARK-MASQ: ${srcIP} is not a Pod address (outside ${ix.cluster.settings.podCIDR})`;
    if (svc.internalTrafficPolicy === 'Local') {
      const note = `internalTrafficPolicy: Local — only endpoints on ${n.name} (the client's node)`;
      return decision('itp', set.local.get(n.name) ?? [], ch.svl, note, `on ${n.name}`, masq, false);
    }
    return decision('none', set.all, ch.svc, '', IN_CLUSTER, masq, false);
  }
  if (svc.externalTrafficPolicy !== 'Local') {
    const masq = 'KUBE-EXT marks external traffic for masquerade (externalTrafficPolicy: Cluster)';
    return decision('etp', set.all, ch.svc, 'externalTrafficPolicy: Cluster — any ready endpoint in the cluster', IN_CLUSTER, masq, false);
  }
  if (fromPod) {
    const note =
      'a Pod calling an external address of the Service is subject to neither traffic policy: cluster-wide endpoints, no masquerade';
    return decision('etp', set.all, ch.svc, note, IN_CLUSTER, null, false);
  }
  if (origin === 'host') {
    const masq = `traffic ${n.name} sends itself (--src-type LOCAL) is masqueraded`;
    const note = `traffic from ${n.name} itself bypasses externalTrafficPolicy: Local and may use any endpoint`;
    return decision('etp', set.all, ch.svc, note, IN_CLUSTER, masq, false);
  }
  const note = `externalTrafficPolicy: Local — only endpoints on ${n.name}, client address ${srcIP} kept`;
  return decision('etp', set.local.get(n.name) ?? [], ch.svl, note, `on ${n.name}`, null, true);
}

const IN_CLUSTER = 'in the cluster';

function decision(
  policy: Policy,
  candidates: readonly Backend[],
  chain: string,
  note: string,
  scope: string,
  masq: string | null,
  preserved: boolean,
): PolicyDecision {
  // One literal with every key in one order: one object shape for every decision.
  return { policy, candidates, chain, note, scope, masq, preserved };
}
