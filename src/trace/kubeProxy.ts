/**
 * kube-proxy's iptables rules for one Service port on one node (pkg/proxy/iptables/proxier.go), in
 * the order the rules run: KUBE-FW's source ranges, REJECT without endpoints, the traffic-policy
 * decision (trafficPolicy.ts), DROP for a Local policy without local endpoints, the endpoint choice
 * (endpointPick.ts), hairpin, then DNAT. Each step decides first; the hop's words come last.
 */
import { endpointName } from './endpointText';
import type { NodeState } from '../model/cluster';
import { chooseEndpoint, type EndpointChoice } from './endpointPick';
import { deliverToHost, routeOnward } from './fabric';
import { filterChain, noEndpointsReason, noLocalEndpointTexts, rejectNote, sourceRangesDropped } from './serviceText';
import type { DnatTexts } from './texts';
import { decideTrafficPolicy, sourceRangesAdmit } from './trafficPolicy';
import type { BackendSet, Origin, PolicyDecision, PortEntry, Via } from './types';
import type { Walk } from './walk';
import { svcId } from './ids';

export type { Origin, Via } from './types';

/** Shared, never written. */
const DST: ('src' | 'dst')[] = ['dst'];

export function serviceRules(w: Walk, n: NodeState, entry: PortEntry, via: Via, origin: Origin): void {
  const ix = w.ix;
  const set = ix.backends(entry);
  if (!sourceRangesAdmit(entry, via, w.srcIP)) return sourceRangesDrop(w, n, set);
  if (set.all.length === 0) return reject(w, n, set, via);
  const d = decideTrafficPolicy(ix, n, set, via, origin, w.srcIP);
  if (d.masq !== null) w.masq = d.masq;
  if (d.candidates.length === 0) return dropNoLocal(w, n, set, via, d);
  const choice = chooseEndpoint(w.net, n, entry.svc, d.candidates, w.srcIP);
  const b = choice.backend;
  if (b.ip === w.srcIP)
    w.masq = `hairpin: ${endpointName(b.ep)} called its own Service and was picked (KUBE-SEP -s ${b.ip} -j KUBE-MARK-MASQ)`;

  const shared = sharedTexts(w, n, set, via, d, choice);
  const texts = shared ?? w.ix.texts.dnat(set, via, d, choice, n, w.dst, w.srcIP);
  w.setDst(b.ip, b.port, b.addr);
  const preserved = d.preserved && w.masq === null;
  w.nat = {
    svc: entry.svc,
    port: entry.port,
    node: n,
    from: texts.from,
    to: texts.to,
    preserved,
    external: via !== 'clusterIP',
    texts: shared,
  };
  w.hop(entry.svcId, 'dnat', texts.note, n.name, texts.refs, texts.rule, DST);
  // Already DNATed: a node reached over eth0 only delivers (conntrack), it does not re-run the rules.
  routeOnward(w, n, deliverToHost);
}

/** A plain ClusterIP's DNAT hop reads the same for every connection to an endpoint from a node: written once (texts.ts). */
function sharedTexts(w: Walk, n: NodeState, set: BackendSet, via: Via, d: PolicyDecision, choice: EndpointChoice): DnatTexts | null {
  const plain = via === 'clusterIP' && set.entry.svc.sessionAffinity !== 'ClientIP';
  return plain ? w.ix.texts.clusterIPDnat(set, d, choice, n, w.dst) : null;
}

function sourceRangesDrop(w: Walk, n: NodeState, set: BackendSet): void {
  const t = sourceRangesDropped(set, w.srcIP, n);
  const svc = set.entry.svc;
  const refs = [{ ...svc.source, path: 'spec.loadBalancerSourceRanges', label: `loadBalancerSourceRanges: ${t.ranges}` }];
  const hop = w.hop(svcId(svc), 'drop', t.note, n.name, refs, t.rule);
  w.finish({ outcome: 'dropped', reason: t.reason, refs: hop.refs });
}

/** No usable endpoint anywhere: filter REJECT, ICMP port-unreachable, "Connection refused" at once. */
function reject(w: Walk, n: NodeState, set: BackendSet, via: Via): void {
  const refs = w.ix.texts.serviceRefs(set, via, 'none', false);
  w.hop(svcId(set.entry.svc), 'reject', rejectNote(set.entry, via, n), n.name, refs, `${filterChain(via)} -j REJECT`);
  w.finish({ outcome: 'refused', reason: noEndpointsReason(set, w.ix.cluster), refs, immediate: true });
}

/** A Local traffic policy and no usable endpoint on this node: DROP, no reply at all. */
function dropNoLocal(w: Walk, n: NodeState, set: BackendSet, via: Via, d: PolicyDecision): void {
  const refs = w.ix.texts.serviceRefs(set, via, d.policy, false);
  const t = noLocalEndpointTexts(set, via, n, w.cniNote);
  w.hop(svcId(set.entry.svc), 'drop', t.note, n.name, refs, t.rule);
  w.finish({ outcome: 'dropped', reason: t.reason, refs });
}
