/**
 * Where Calico (canal) checks NetworkPolicy on the packet's way: egress as the packet leaves the
 * source Pod's veth into its node (filter FORWARD / INPUT, after nat PREROUTING's Service DNAT, so
 * egress rules see the endpoint, not the ClusterIP), ingress as it enters the destination Pod's veth
 * (after any masquerade, so they see the node address a SNATed packet carries). Replies of an
 * allowed connection always pass (conntrack), so the way back has no gates.
 */
import type { PodState } from '../model/cluster';
import type { PolicyDirection } from '../model/policy';
import { isTerminal } from './clusterIndex';
import { displayName, podId } from './ids';
import type { PolicyVerdict } from './policyIndex';
import { clientIP } from './reasons';
import type { Walk } from './walk';

/** The source Pod's egress policies, checked once when the packet leaves it. True: it may go on. */
export function egressGate(w: Walk): boolean {
  const pod = w.egressFrom;
  if (pod === null) return true;
  w.egressFrom = null;
  const ix = w.ix;
  const dst = ix.podsByIP.get(w.dstIP);
  const peerPod = dst !== undefined && !isTerminal(dst) ? dst : null;
  const v = ix.policies.verdict('Egress', pod, { ip: w.dstIP, pod: peerPod }, w.dstPort, w.protocol, peerPod);
  return record(w, 'Egress', pod, v, `${w.dst}/${w.protocol}${peerName(peerPod)}`);
}

/** The destination Pod's ingress policies. True: the packet may be delivered. */
export function ingressGate(w: Walk, pod: PodState): boolean {
  const ix = w.ix;
  // Packets that never left the Pod (its own address over lo) meet no policy.
  if (!ix.policies.enforced || pod.hostNetwork || w.srcIP === pod.ip) return true;
  // Calico lets a node reach its own Pods (kubelet probes; the docs' "the pod's node" is always allowed).
  const local = ix.nodeAddrs.get(w.srcIP);
  if (local !== undefined && local.node.name === pod.nodeName) return true;
  const src = ix.podsByIP.get(w.srcIP);
  const peerPod = src !== undefined && !isTerminal(src) ? src : null;
  const v = ix.policies.verdict('Ingress', pod, { ip: w.srcIP, pod: peerPod }, w.dstPort, w.protocol, pod);
  return record(w, 'Ingress', pod, v, `from ${w.src}${peerName(peerPod)} to ${w.dstPort}/${w.protocol}`);
}

/** ` (Pod y/b)` after an address a Pod has: policies speak of Pods, packets of addresses. */
function peerName(pod: PodState | null): string {
  return pod === null ? '' : ` (Pod ${pod.namespace}/${pod.name})`;
}

/** An isolated Pod gets a hop either way: allow (naming the rule) or drop (naming the policies). */
function record(w: Walk, direction: PolicyDirection, pod: PodState, v: PolicyVerdict, what: string): boolean {
  if (v.isolatedBy.length === 0) return true;
  const way = direction === 'Ingress' ? 'ingress' : 'egress';
  if (v.allowed && v.match !== null) {
    const { policy, rule } = v.match;
    const note = `Calico: ${way} ${what} allowed by NetworkPolicy ${displayName(policy)} (${way}[${rule.index}])`;
    w.hop(podId(pod), 'allow', note, pod.nodeName ?? undefined, [rule.ref], `${chain(direction, pod)} -j ACCEPT`);
    return true;
  }
  const names = v.isolatedBy.map((p) => displayName(p)).join(', ');
  const isolated = `${pod.name} is isolated for ${way} by NetworkPolicy ${names}`;
  const note = `${isolated} and no ${way} rule allows ${what}: Calico drops it`;
  const refs = v.isolatedBy.map((p) => p.ref);
  w.hop(podId(pod), 'drop', note, pod.nodeName ?? undefined, refs, `${chain(direction, pod)} -j DROP`);
  const masqueraded = direction === 'Ingress' && w.snatTo !== null ? masqueradeHint(w) : '';
  w.finish({
    outcome: 'dropped',
    reason: `dropped: ${isolated}, and none of its ${way} rules allows ${what}${masqueraded} — the client hangs until it times out`,
    node: pod.nodeName ?? undefined,
    refs,
  });
  return false;
}

/** Calico's per-workload chains: cali-tw-… (to the Pod's veth) and cali-fw-… (from it). */
function chain(direction: PolicyDirection, pod: PodState): string {
  return `${direction === 'Ingress' ? 'cali-tw' : 'cali-fw'}-… (${pod.name}'s veth)`;
}

/** The classic surprise: a masqueraded packet carries a node address, which an ipBlock for the client does not match. */
function masqueradeHint(w: Walk): string {
  const client = clientIP(w);
  return client !== w.srcIP
    ? ` (the packet was masqueraded to ${w.srcIP} on the way, so the policy never sees the client's own address ${client})`
    : '';
}
